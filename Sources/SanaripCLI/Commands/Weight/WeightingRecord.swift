import Foundation
import SanaripStatistics

/// What `sanarip weight` did, enough to do it again: written beside its output as `<output>.weighting.json`, and
/// read by `estimate --calibration`, which weights the base weights again to recover the calibration steps that
/// calibration-aware standard errors need (R keeps them in `design$postStrata`).
///
/// Version 2 records where the base weights came from (`baseColumn` or `probabilityColumns`, `responded`) and the
/// convergence settings; files without `version` (version 1) describe the weighting but cannot be re-run.
struct WeightingRecord: Codable {
    struct Margin: Codable {
        var variable: String
        var level: String
        var total: Double
    }

    /// The column `sanarip weight` adds to the data.
    static let weightColumn = "weight"
    static let currentVersion = 2

    var version: Int?
    var method: WeightCommand.Method
    var variables: [String]
    var margins: [Margin]
    var bounds: [Double]?
    var trim: [Double]?
    /// Where the base weights came from, for people: "column w0" or "1/(p1·p2)".
    var base: String
    var baseColumn: String?
    var probabilityColumns: [String]?
    var responded: String?
    /// The nonresponse weighting classes ("all" for one class), with `responded`.
    var nonresponseCells: String?
    var maxIterations: Int?
    var epsilon: Double?
    var iterations: Int
    var weightColumn = WeightingRecord.weightColumn

    var weightingMargins: [WeightingMargin] { margins.map { WeightingMargin(variable: $0.variable, level: $0.level, total: $0.total) } }

    /// The base weights of `table`: a column or 1/(π₁·π₂·…), then, with `responded`, adjusted for nonresponse within
    /// the classes of `nonresponseCells`; `note` hears how many responded.
    func baseWeights(_ table: StatisticsTable, note: (String) -> Void) throws -> [Double] {
        var weights: [Double]
        if let baseColumn {
            weights = try table.numbers(table.column(baseColumn, option: "--base"), requirement: "a weight ≥ 0", accept: { $0.isFinite && $0 >= 0 })
        } else {
            let stages = try (probabilityColumns ?? []).map { name in
                try table.numbers(table.column(name, option: "--probs"), requirement: "a probability in (0, 1]", accept: { $0 > 0 && $0 <= 1 })
            }
            weights = try BaseWeights.compute(stageProbabilities: stages)
        }
        guard let responded else { return weights }
        let index = try table.column(responded, option: "--responded")
        let flags = try table.rows.enumerated().map { k, row -> Bool in
            switch row[index].trimmingCharacters(in: .whitespaces).lowercased() {
            case "1", "yes", "true", "y": return true
            case "0", "no", "false", "n": return false
            case let text:
                throw StatisticsCommandFailure("\(table.file), row \(table.rowNumbers[k]), column \(responded): is '\(text)'; it must be 1/0, yes/no or true/false")
            }
        }
        let cells = nonresponseCells == "all" ? nil : nonresponseCells
        let classes = try cells.map { name in
            let column = try table.column(name, option: "--nonresponse-cells")
            return WeightingVariable(name: name, values: table.rows.map { $0[column].trimmingCharacters(in: .whitespaces) })
        }
        do {
            let adjusted = try BaseWeights.adjustForNonresponse(weights: weights, responded: flags, classes: classes)
            note("nonresponse adjustment: \(flags.filter { $0 }.count) of \(flags.count) responded; base weights now sum to \(StatisticsCSV.number(adjusted.weights.reduce(0, +)))")
            return adjusted.weights
        } catch {
            throw StatisticsCommandFailure("\(table.file): nonresponse adjustment: \(error)")
        }
    }

    /// Weights `table` as recorded: base weights, the method on the margins, then trimming (which keeps the
    /// calibration, as R's `trimWeights`). Throws ``WeightingError`` when the weighting itself fails.
    func weigh(_ table: StatisticsTable, note: (String) -> Void) throws -> WeightingResult {
        let baseWeights = try self.baseWeights(table, note: note)
        let marginRows = weightingMargins
        var variables: [WeightingVariable] = []
        var numeric: [String: [Double]] = [:]
        for name in self.variables {
            let index = try table.column(name, option: "--margins")
            if marginRows.contains(where: { $0.variable == name && $0.level.isEmpty }) {
                numeric[name] = try table.numbers(index)
            } else {
                variables.append(WeightingVariable(name: name, values: table.rows.map { $0[index].trimmingCharacters(in: .whitespaces) }))
            }
        }
        var result: WeightingResult
        switch method {
        case .rake:
            result = try Raking.rake(
                weights: baseWeights, variables: variables, margins: marginRows,
                options: .init(maxIterations: maxIterations ?? 100, epsilon: epsilon ?? 1e-10))
        case .poststratify:
            result = try PostStratification.adjust(weights: baseWeights, variables: variables, margins: marginRows)
        case .linear, .rakingCalibration:
            let options = Calibration.Options(
                distance: method == .linear ? .linear : .raking, bounds: bounds.map { ($0[0], $0[1]) },
                maxIterations: maxIterations ?? 50, epsilon: epsilon ?? 1e-7)
            result = try Calibration.calibrate(weights: baseWeights, variables: variables, numeric: numeric, margins: marginRows, options: options)
        }
        if let trim {
            let trimmed = try WeightTrimming.trim(weights: result.weights, lower: trim[0], upper: trim[1])
            result.weights = trimmed.weights
            result.adjustments = zip(trimmed.weights, baseWeights).map { $1 == 0 ? 0 : $0 / $1 }
            let before = result.diagnostics
            result.diagnostics = WeightDiagnostics(weights: trimmed.weights)
            result.diagnostics.iterations = before.iterations
            result.diagnostics.margins = Self.recheck(before.margins, weights: trimmed.weights, variables: variables, numeric: numeric)
        }
        return result
    }

    /// The margin checks against `weights` (after trimming).
    private static func recheck(_ checks: [WeightDiagnostics.MarginCheck], weights: [Double], variables: [WeightingVariable], numeric: [String: [Double]]) -> [WeightDiagnostics.MarginCheck] {
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

    func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try Terminal.writeAtomically(try encoder.encode(self), to: URL(fileURLWithPath: path))
    }

    /// Reads a record; a missing or unreadable file fails naming it.
    static func read(_ path: String) throws -> WeightingRecord {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw StatisticsCommandFailure("\(path): cannot read the weighting record (\(error.localizedDescription)); give the .weighting.json that sanarip weight wrote")
        }
        do { return try JSONDecoder().decode(WeightingRecord.self, from: data) } catch {
            throw StatisticsCommandFailure("\(path): not a weighting record written by sanarip weight (\(error))")
        }
    }
}
