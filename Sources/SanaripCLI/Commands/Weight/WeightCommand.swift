import ArgumentParser
import Foundation
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
            Diagnostics go to standard error, and with --diagnostics to a CSV of achieved margins.
            Base weights come from --base, or from --probs as 1/(π₁·π₂·…), one column per stage. With --responded
            (1/0, yes/no or true/false), respondents' base weights are first adjusted for nonresponse within the
            classes of --nonresponse-cells (or overall) and nonrespondents get weight 0.
            Example: sanarip weight --data survey.csv --base w0 --margins margins.csv --method rake -o weighted.csv
                     sanarip weight --data survey.csv --probs pi_municipality,pi_household,pi_person --responded interviewed --nonresponse-cells district --margins margins.csv -o weighted.csv
            """
    )

    enum Method: String, ExpressibleByArgument, CaseIterable {
        case rake, linear, poststratify
        case rakingCalibration = "raking-calibration"
    }

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

    /// The weights calibration starts from: given, or from stage probabilities, then adjusted for nonresponse.
    private func baseWeights(_ table: StatisticsTable) throws -> [Double] {
        var weights: [Double]
        switch (base, probs) {
        case (let base?, nil):
            weights = try table.numbers(table.column(base, option: "--base"), requirement: "a weight ≥ 0", accept: { $0.isFinite && $0 >= 0 })
        case (nil, let probs?):
            let stages = try probs.split(separator: ",").map { name in
                try table.numbers(table.column(String(name).trimmingCharacters(in: .whitespaces), option: "--probs"),
                                  requirement: "a probability in (0, 1]", accept: { $0 > 0 && $0 <= 1 })
            }
            weights = try BaseWeights.compute(stageProbabilities: stages)
        default:
            throw StatisticsCommandFailure("give the base weights with either --base COLUMN or --probs COLUMN[,COLUMN…], not both")
        }
        guard let responded else {
            if nonresponseCells != nil { throw StatisticsCommandFailure("--nonresponse-cells needs --responded COLUMN") }
            return weights
        }
        let index = try table.column(responded, option: "--responded")
        let flags = try table.rows.enumerated().map { k, row -> Bool in
            switch row[index].trimmingCharacters(in: .whitespaces).lowercased() {
            case "1", "yes", "true", "y": return true
            case "0", "no", "false", "n": return false
            case let text:
                throw StatisticsCommandFailure("\(table.file), row \(table.rowNumbers[k]), column \(responded): is '\(text)'; it must be 1/0, yes/no or true/false")
            }
        }
        let classes = try nonresponseCells.map { name in
            let column = try table.column(name, option: "--nonresponse-cells")
            return WeightingVariable(name: name, values: table.rows.map { $0[column].trimmingCharacters(in: .whitespaces) })
        }
        do {
            let adjusted = try BaseWeights.adjustForNonresponse(weights: weights, responded: flags, classes: classes)
            Terminal.error("nonresponse adjustment: \(flags.filter { $0 }.count) of \(flags.count) responded; base weights now sum to \(StatisticsCSV.number(adjusted.weights.reduce(0, +)))")
            return adjusted.weights
        } catch {
            throw StatisticsCommandFailure("\(data): nonresponse adjustment: \(error)")
        }
    }

    func run() async throws {
        try reportingStatisticsFailures {
            let table = try StatisticsTable.load(data, what: "data")
            let baseWeights = try self.baseWeights(table)
            let marginRows = try Self.loadMargins(margins)
            var variables: [WeightingVariable] = []
            var numeric: [String: [Double]] = [:]
            for name in Self.orderedVariables(marginRows) {
                let index = try table.column(name, option: "--margins")
                if marginRows.contains(where: { $0.variable == name && $0.level.isEmpty }) {
                    numeric[name] = try table.numbers(index)
                } else {
                    variables.append(WeightingVariable(name: name, values: table.rows.map { $0[index].trimmingCharacters(in: .whitespaces) }))
                }
            }
            if !numeric.isEmpty && (method == .rake || method == .poststratify) {
                throw StatisticsCommandFailure("\(margins): rows with an empty level (numeric totals) need --method linear or raking-calibration")
            }
            var result: WeightingResult
            do {
                switch method {
                case .rake:
                    result = try Raking.rake(
                        weights: baseWeights, variables: variables, margins: marginRows,
                        options: .init(maxIterations: maxIterations ?? 100, epsilon: epsilon ?? 1e-10))
                case .poststratify:
                    result = try PostStratification.adjust(weights: baseWeights, variables: variables, margins: marginRows)
                case .linear, .rakingCalibration:
                    let options = Calibration.Options(
                        distance: method == .linear ? .linear : .raking, bounds: try Self.pair(bounds, option: "--bounds"),
                        maxIterations: maxIterations ?? 50, epsilon: epsilon ?? 1e-7)
                    result = try Calibration.calibrate(weights: baseWeights, variables: variables, numeric: numeric, margins: marginRows, options: options)
                }
                if let limits = try Self.pair(trim, option: "--trim") {
                    let trimmed = try WeightTrimming.trim(weights: result.weights, lower: limits.lower, upper: limits.upper)
                    result.weights = trimmed.weights
                    result.adjustments = zip(trimmed.weights, baseWeights).map { $1 == 0 ? 0 : $0 / $1 }
                    let before = result.diagnostics
                    result.diagnostics = WeightDiagnostics(weights: trimmed.weights)
                    result.diagnostics.iterations = before.iterations
                    result.diagnostics.margins = Self.recheck(before.margins, weights: trimmed.weights, variables: variables, numeric: numeric)
                }
            } catch let error as WeightingError {
                throw StatisticsCommandFailure("\(data) with \(margins): \(error)")
            }
            let rows = table.rows.enumerated().map { k, row in row + [StatisticsCSV.number(result.weights[k])] }
            try StatisticsCSV.write(header: table.header + ["weight"], rows: rows, to: output.output)
            report(result)
            try writeCalibrationRecord(result, margins: marginRows)
            if let diagnostics {
                let rows = result.diagnostics.margins.map { m in
                    [m.variable, m.level, StatisticsCSV.number(m.target), StatisticsCSV.number(m.achieved), "\(m.relativeError)"]
                }
                try StatisticsCSV.write(header: ["variable", "level", "target", "achieved", "relative_error"], rows: rows, to: diagnostics)
            }
            Terminal.error("wrote \(output.output) (\(rows.count) records, method \(method.rawValue))")
        }
    }

    /// What a calibration-aware variance needs besides the weights: the method, the calibration variables
    /// and their population totals, the bounds and the base weights' source. Written beside the output as
    /// `<output>.weighting.json` for the estimation commands.
    private func writeCalibrationRecord(_ result: WeightingResult, margins: [WeightingMargin]) throws {
        struct Record: Encodable {
            struct Margin: Encodable {
                var variable: String
                var level: String
                var total: Double
            }

            var method: String
            var variables: [String]
            var margins: [Margin]
            var bounds: [Double]?
            var trim: [Double]?
            var base: String
            var nonresponseCells: String?
            var iterations: Int
            var weightColumn = "weight"
        }
        let record = Record(
            method: method.rawValue, variables: Self.orderedVariables(margins),
            margins: margins.map { Record.Margin(variable: $0.variable, level: $0.level, total: $0.total) },
            bounds: try Self.pair(bounds, option: "--bounds").map { [$0.lower, $0.upper] },
            trim: try Self.pair(trim, option: "--trim").map { [$0.lower, $0.upper] },
            base: base.map { "column \($0)" } ?? probs.map { "1/(\($0.split(separator: ",").joined(separator: "·")))" } ?? "",
            nonresponseCells: responded == nil ? nil : (nonresponseCells ?? "all"),
            iterations: result.diagnostics.iterations)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try Terminal.writeAtomically(try encoder.encode(record), to: URL(fileURLWithPath: output.output + ".weighting.json"))
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

    static func orderedVariables(_ margins: [WeightingMargin]) -> [String] {
        var order: [String] = []
        for m in margins where !order.contains(m.variable) { order.append(m.variable) }
        return order
    }

    static func pair(_ text: String?, option: String) throws -> (lower: Double, upper: Double)? {
        guard let text else { return nil }
        let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "inf", with: "infinity")) }
        guard parts.count == 2, let lower = parts[0], let upper = parts[1], lower <= upper else {
            throw StatisticsCommandFailure("\(option) '\(text)': write L,U with L ≤ U, e.g. 0.5,2")
        }
        return (lower, upper)
    }

    static func recheck(_ checks: [WeightDiagnostics.MarginCheck], weights: [Double], variables: [WeightingVariable], numeric: [String: [Double]]) -> [WeightDiagnostics.MarginCheck] {
        checks.map { check in
            var updated = check
            if let values = numeric[check.variable] {
                updated.achieved = zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 }
            } else if let variable = variables.first(where: { $0.name == check.variable }), let code = variable.levels.firstIndex(of: check.level) {
                updated.achieved = zip(variable.codes, weights).reduce(0) { Int($1.0) == code ? $0 + $1.1 : $0 }
            }
            return updated
        }
    }
}
