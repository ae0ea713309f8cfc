import ArgumentParser
import SanaripInstrument

/// `sanarip form check FORM`: lists every error and warning without writing anything.
struct FormCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "List a form's errors and warnings without writing anything."
    )

    @OptionGroup var input: FormInputOptions

    func run() async throws {
        let result = XLSFormReader().read(contentsOf: input.url)
        input.report(result)
        if result.hasErrors { throw ExitCode(1) }
        let instrument = result.instrument
        let warnings = result.warnings.count
        let asked = instrument.questions.filter { !$0.type.isSilent }.count
        print("\(input.form): ok, \(asked) questions (+\(instrument.questions.count - asked) computed or metadata), \(instrument.choiceLists.count) choice lists, languages: \(instrument.languages.map(\.name).joined(separator: ", ")); \(warnings) warning\(warnings == 1 ? "" : "s")")
    }
}
