import ArgumentParser
import Foundation
import SanaripInstrument

/// `sanarip form manual FORM -o manual.html --lang ru`: the interviewer manual.
struct FormManualCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manual",
        abstract: "Write an interviewer manual (HTML): every question with its wording, options, who is asked and what is checked."
    )

    @OptionGroup var input: FormInputOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "The manual's language, as an ISO code of one of the form's languages (ky, ru, en).")
    var lang: String = "ky"

    func run() async throws {
        let instrument = try input.load()
        let codes = instrument.languages.compactMap(\.code)
        guard codes.isEmpty || codes.contains(lang.lowercased()) else {
            Terminal.error("error: the form has no language '\(lang)'; it has: \(codes.joined(separator: ", "))")
            throw ExitCode(1)
        }
        let html = ManualWriter().html(for: instrument, languageCode: lang.lowercased())
        try Terminal.writeAtomically(Data(html.utf8), to: output.url)
        Terminal.error("wrote \(output.output)")
    }
}
