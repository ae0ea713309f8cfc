import ArgumentParser
import Foundation
import SanaripAnalysis
import SanaripCore
import SanaripInstrument
import SanaripStatistics

/// `sanarip indicators compute`: adds the indicators as columns to a respondent-level data set.
struct IndicatorsComputeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compute",
        abstract: "Add the indicators to a data set (one row per respondent, e.g. an ODK Central or Kobo CSV export).",
        discussion: """
        Conditions become 1/0, numbers stay numbers, categories their class; respondents outside an indicator's \
        base get an empty cell. Columns already named like an indicator are replaced. Example:
          sanarip indicators compute --indicators instruments/digital-divide-kg/indicators.csv \\
            --data responses.csv -o responses-indicators.csv
        """
    )

    @OptionGroup var file: IndicatorFileOptions

    @Option(name: .long, help: "The data: CSV or XLSX with a header row, one row per respondent.")
    var data: String

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try IndicatorFileOptions.reportingErrors {
            let (set, instrument) = try file.load()
            // Every cell as written, so that the columns kept are copied unchanged.
            let table = try DataFile.read(data, missing: [], keepText: true)
            let header = table.columnNames
            let computed = try IndicatorData.evaluate(set, instrument: instrument, table: table)
            let replaced = Set(set.indicators.map(\.name))
            let kept = header.indices.filter { !replaced.contains(header[$0]) }
            var records: [[String]] = [kept.map { header[$0] } + set.indicators.map(\.name)]
            records.reserveCapacity(table.rowCount + 1)
            for (record, values) in computed.enumerated() {
                records.append(kept.map { table.columns[$0].string(at: record) ?? "" } + values.map(\.text))
            }
            try Terminal.writeAtomically(Data(CSVCodec().text(for: records).utf8), to: output.url)
            print("\(output.output): \(table.rowCount) respondents, \(set.indicators.count) indicators added")
        }
    }
}

/// Evaluating indicators on respondent data with progress on standard error for large files.
enum IndicatorData {
    static func evaluate(_ set: IndicatorSet, instrument: Instrument?, table: DataTable) throws -> [[IndicatorEvaluator.Value]] {
        var progress = Progress("computing indicators", total: table.rowCount, minimum: 20_000)
        let values = try IndicatorValues.evaluate(set, instrument: instrument, table: table) { progress.update($0) }
        progress.finish()
        return values
    }
}
