import ArgumentParser
import Foundation
import SanaripInstrument

/// `sanarip form xlsx FOLDER -o FORM.xlsx`: turns CSV sheets kept in git into a workbook for researchers.
struct FormXLSXCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xlsx",
        abstract: "Write a form's sheets (e.g. a folder of CSV files) as an .xlsx workbook that Excel and LibreOffice open."
    )

    @OptionGroup var input: FormInputOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let workbook = try input.checkedSheets()
        try Terminal.writeAtomically(try XLSXWriter().data(for: workbook), to: output.url)
        Terminal.error("wrote \(output.output) (sheets: \(workbook.sheets.map(\.name).joined(separator: ", ")))")
    }
}

/// `sanarip form csv FORM.xlsx -o FOLDER`: the reverse, so a form can be reviewed as text in git.
struct FormCSVCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csv",
        abstract: "Write a form's sheets as a folder of UTF-8 CSV files (survey.csv, choices.csv, settings.csv)."
    )

    @OptionGroup var input: FormInputOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let workbook = try input.checkedSheets()
        try WorkbookWriter.writeCSVFolder(workbook, to: output.url)
        Terminal.error("wrote \(output.output)/ (\(workbook.sheets.map { $0.name + ".csv" }.joined(separator: ", ")))")
    }
}
