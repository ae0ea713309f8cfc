import ArgumentParser
import Foundation
import SanaripAnalysis
import SanaripStatistics

/// `sanarip weight`: calibrates base weights to population margins and writes them next to the data.
struct WeightCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "weight",
        abstract: "Weight survey data to population margins: raking, linear (GREG) or raking calibration, post-stratification, trimming.",
        discussion: """
            --margins is a CSV/XLSX with columns variable,level,total (an empty level calibrates to the total of a
            numeric column, linear/raking-calibration only). The output keeps every input column and adds `weight`.
            --bounds L,U bounds g = weight/base in calibration (R calibrate bounds); --trim L,U then caps the final
            weights at L and U and shares the trimmed amount equally among the others (R trimWeights).
            Diagnostics go to standard error, and with --diagnostics to a CSV of achieved margins. Beside the output,
            <output>.weighting.json records how the weights were made, for calibration-aware standard errors with
            sanarip estimate --calibration.
            Base weights come from --base, or from --probs as 1/(π₁·π₂·…), one column per stage. With --responded
            (1/0, yes/no or true/false), respondents' base weights are first adjusted for nonresponse within the
            classes of --nonresponse-cells (or overall) and nonrespondents get weight 0.
            Example: sanarip weight --data survey.csv --base w0 --margins margins.csv --method rake -o weighted.csv
                     sanarip weight --data survey.csv --probs pi_municipality,pi_household,pi_person --responded interviewed --nonresponse-cells district --margins margins.csv -o weighted.csv
            """
    )

    typealias Method = WeightingRecord.Method

    @Option(help: "The survey data (CSV or XLSX).") var data: String
    @Option(help: "Column with the base (design, nonresponse-adjusted) weights.") var base: String?
    @Option(help: "Columns with each stage's inclusion probability, comma-separated; base weight = 1/product.") var probs: String?
    @Option(help: "Column saying whether the unit responded (1/0, yes/no, true/false).") var responded: String?
    @Option(name: .customLong("nonresponse-cells"), help: "Column of weighting classes for the nonresponse adjustment.") var nonresponseCells: String?
    @Option(help: "Population margins: CSV/XLSX with variable,level,total.") var margins: String
    @Option(help: "rake, linear, raking-calibration or poststratify.") var method: Method = .rake
    @Option(help: "Bounds L,U on g = weight/base (linear and raking-calibration).") var bounds: String?
    @Option(help: "Trim final weights to L,U, redistributing the excess.") var trim: String?
    @Option(name: .customLong("max-iterations"), help: "Iteration limit.") var maxIterations: Int?
    @Option(help: "Convergence tolerance (raking: change in cell totals, relative to Σw below 1; calibration: relative misfit).") var epsilon: Double?
    @Option(help: "Also write achieved margins against targets to this CSV.") var diagnostics: String?
    @OptionGroup var output: OutputOptions

    /// What this run does, as the record written beside the output (iterations filled in after weighting).
    private func record(_ marginRows: [WeightingMargin]) throws -> WeightingRecord {
        if (base == nil) == (probs == nil) {
            throw StatisticsCommandFailure("give the base weights with either --base COLUMN or --probs COLUMN[,COLUMN…], not both")
        }
        if responded == nil, nonresponseCells != nil { throw StatisticsCommandFailure("--nonresponse-cells needs --responded COLUMN") }
        if marginRows.contains(where: { $0.level.isEmpty }) && (method == .rake || method == .poststratify) {
            throw StatisticsCommandFailure("\(margins): rows with an empty level (numeric totals) need --method linear or raking-calibration")
        }
        return WeightingRecord(
            method: method, margins: marginRows,
            bounds: try Self.pair(bounds, option: "--bounds").map { [$0.lower, $0.upper] },
            trim: try Self.pair(trim, option: "--trim").map { [$0.lower, $0.upper] },
            baseColumn: base, probabilityColumns: probs.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } },
            responded: responded, nonresponseCells: nonresponseCells, maxIterations: maxIterations, epsilon: epsilon)
    }

    func run() async throws {
        try reportingStatisticsFailures {
            let marginRows = try Self.loadMargins(margins)
            var record = try self.record(marginRows)
            // Only the columns weighting reads; the output copies the input's records and appends the weight.
            let table = try record.readData(data)
            let result: WeightingResult
            do {
                result = try record.weigh(table, note: Terminal.error)
            } catch let error as WeightingError {
                throw StatisticsCommandFailure("\(data) with \(margins): \(error)")
            }
            record.iterations = result.diagnostics.iterations
            try DataFile.copyAppending(data, to: output.output, names: [WeightingRecord.weightColumn], values: [result.weights])
            report(result)
            // What a calibration-aware variance needs besides the weights, for `estimate --calibration`.
            try record.write(to: output.output + ".weighting.json")
            if let diagnostics {
                let rows = result.diagnostics.margins.map { m in
                    [m.variable, m.level, StatisticsCSV.number(m.target), StatisticsCSV.number(m.achieved), "\(m.relativeError)"]
                }
                try StatisticsCSV.write(header: ["variable", "level", "target", "achieved", "relative_error"], rows: rows, to: diagnostics)
            }
            Terminal.error("wrote \(output.output) (\(table.rowCount) records, method \(method.rawValue))")
        }
    }

    private func report(_ result: WeightingResult) {
        let d = result.diagnostics
        func f(_ x: Double) -> String { String(format: "%.6g", x) }
        Terminal.error("iterations \(d.iterations), max relative error of margins \(f(d.maxRelativeError))")
        Terminal.error("weights: n \(d.count), sum \(f(d.sum)), min \(f(d.minimum)), max \(f(d.maximum)), CV \(f(d.coefficientOfVariation)), Kish deff \(f(d.kishDesignEffect))")
        for m in d.margins {
            Terminal.error("  \(m.variable)\(m.level.isEmpty ? "" : " = \(m.level)"): target \(f(m.target)), achieved \(f(m.achieved))")
        }
    }

    static func loadMargins(_ path: String) throws -> [WeightingMargin] {
        let table = try StatisticsTable.load(path, what: "margins")
        let v = try table.column("variable", option: "--margins")
        let l = try table.column("level", option: "--margins")
        let t = try table.column("total", option: "--margins")
        let totals = try table.numbers(t, requirement: "a total ≥ 0", accept: { $0.isFinite && $0 >= 0 })
        var seen = Set<[String]>()
        return try table.rows.enumerated().map { k, row in
            let key = [row[v].trimmingCharacters(in: .whitespaces), row[l].trimmingCharacters(in: .whitespaces)]
            guard !key[0].isEmpty else { throw StatisticsCommandFailure("\(path), row \(table.rowNumbers[k]), column variable: empty; name the data column") }
            guard seen.insert(key).inserted else {
                throw StatisticsCommandFailure("\(path), row \(table.rowNumbers[k]): \(key[0]) = '\(key[1])' is listed twice")
            }
            return WeightingMargin(variable: key[0], level: key[1], total: totals[k])
        }
    }

    static func pair(_ text: String?, option: String) throws -> (lower: Double, upper: Double)? {
        guard let text else { return nil }
        let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "inf", with: "infinity")) }
        guard parts.count == 2, let lower = parts[0], let upper = parts[1], lower <= upper else {
            throw StatisticsCommandFailure("\(option) '\(text)': write L,U with L ≤ U, e.g. 0.5,2")
        }
        return (lower, upper)
    }
}

extension WeightingRecord.Method: ExpressibleByArgument {}
