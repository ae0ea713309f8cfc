import ArgumentParser
import Foundation
import SanaripInstrument

/// `sanarip form convert FORM -o FORM.xml`: writes the ODK XForm.
struct FormConvertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert an XLSForm into an ODK XForm that ODK Collect accepts."
    )

    @OptionGroup var input: FormInputOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let instrument = try input.load()
        do {
            let xml = try XFormWriter().xml(for: instrument)
            try Terminal.writeAtomically(Data(xml.utf8), to: output.url)
        } catch let error as XFormWriterError {
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        }
        Terminal.error("wrote \(output.output) (\(instrument.questions.filter { !$0.type.isSilent }.count) questions, \(instrument.languages.count) language\(instrument.languages.count == 1 ? "" : "s"))")
    }
}
