import ArgumentParser
import Foundation
import SanaripCore
import SanaripInstrument

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

    @Option(name: .long, help: "The data: CSV with a header line, one row per respondent.")
    var data: String

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try IndicatorFileOptions.reportingErrors {
            let (set, instrument) = try file.load()
            let (header, rows) = try IndicatorData.read(data)
            let computed = try IndicatorData.evaluate(set, instrument: instrument, header: header, rows: rows, file: data)
            let replaced = Set(set.indicators.map(\.name))
            let kept = header.indices.filter { !replaced.contains(header[$0]) }
            var records: [[String]] = [kept.map { header[$0] } + set.indicators.map(\.name)]
            records.reserveCapacity(rows.count + 1)
            for (row, values) in zip(rows, computed) {
                records.append(kept.map { $0 < row.count ? row[$0] : "" } + values.map(\.text))
            }
            try Terminal.writeAtomically(Data(CSVCodec().text(for: records).utf8), to: output.url)
            print("\(output.output): \(rows.count) respondents, \(set.indicators.count) indicators added")
        }
    }
}

/// Reading respondent data and evaluating indicators on it, shared by `compute` and `table`.
enum IndicatorData {
    /// The header and rows of a CSV file (comma, semicolon or tab separated, judged from the header line).
    static func read(_ path: String) throws -> (header: [String], rows: [[String]]) {
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw IndicatorsCommandError("\(path): cannot read the file; check the path")
        }
        guard let text = String(data: bytes, encoding: .utf8) else {
            throw IndicatorsCommandError("\(path): the file is not UTF-8 text; save it as CSV UTF-8")
        }
        let records: [[String]]
        do {
            records = try CSVCodec(delimiter: CSVCodec.detectDelimiter(in: text)).records(in: text)
        } catch {
            throw IndicatorsCommandError("\(path), \(error)")
        }
        guard let header = records.first, header.contains(where: { !$0.isEmpty }) else {
            throw IndicatorsCommandError("\(path): the file is empty; it needs a header line and one row per respondent")
        }
        return (header, records.dropFirst().filter { $0 != [""] })
    }

    /// Every indicator's value on every row, with progress on standard error for large files.
    static func evaluate(_ set: IndicatorSet, instrument: Instrument?, header: [String], rows: [[String]], file: String) throws -> [[IndicatorEvaluator.Value]] {
        let evaluator: IndicatorEvaluator
        do {
            evaluator = try IndicatorEvaluator(set, header: header, instrument: instrument)
        } catch {
            throw IndicatorsCommandError("\(file): \(error)")
        }
        var progress = Progress("computing indicators", total: rows.count, minimum: 20_000)
        var result: [[IndicatorEvaluator.Value]] = []
        result.reserveCapacity(rows.count)
        for (index, row) in rows.enumerated() {
            do {
                result.append(try evaluator.values(row, row: index + 2))
            } catch {
                throw IndicatorsCommandError("\(file), \(error)")
            }
            if index % 1000 == 0 { progress.update(index) }
        }
        progress.finish()
        return result
    }
}
