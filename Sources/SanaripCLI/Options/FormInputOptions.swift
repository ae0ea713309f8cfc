import ArgumentParser
import Foundation
import SanaripCore
import SanaripInstrument

/// The form a `sanarip form` subcommand reads: an `.xlsx` file or a folder of CSV sheets.
struct FormInputOptions: ParsableArguments {
    @Argument(help: "The XLSForm: an .xlsx file, or a folder with survey.csv, choices.csv and settings.csv.")
    var form: String

    @Flag(name: .customLong("no-warnings"), help: "Do not print warnings.")
    var hideWarnings = false

    var url: URL { URL(fileURLWithPath: form) }

    /// Reads the form, prints its diagnostics to standard error, and fails when it has errors.
    func load() throws -> Instrument {
        let result = XLSFormReader().read(contentsOf: url)
        report(result, writes: true)
        if result.hasErrors { throw ExitCode(1) }
        return result.instrument
    }

    /// The form's sheets as they are, after checking that they make a valid form.
    func checkedSheets() throws -> Workbook {
        _ = try load()
        return try WorkbookLoader.load(contentsOf: url)
    }

    /// Prints the diagnostics and, when there are errors, a summary line; `writes` adds that nothing was written.
    func report(_ result: XLSFormResult, writes: Bool = false) {
        for diagnostic in result.diagnostics where diagnostic.severity == .error || !hideWarnings {
            Terminal.error(diagnostic.description)
        }
        if result.hasErrors {
            let errors = result.errors.count
            Terminal.error("\(form): \(errors) error\(errors == 1 ? "" : "s"), \(result.warnings.count) warning\(result.warnings.count == 1 ? "" : "s")\(writes ? "; nothing written" : "").")
        }
    }
}

/// Where a command writes its result.
struct OutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "The file to write.")
    var output: String

    var url: URL { URL(fileURLWithPath: output) }
}
