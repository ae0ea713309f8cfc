import Foundation
import SanaripStatistics

/// What `sanarip weight` did, enough to do it again: written beside its output as `<output>.weighting.json`, and
/// read by `estimate --calibration`, which weights the base weights again to recover the calibration steps that
/// calibration-aware standard errors need (R keeps them in `design$postStrata`).
///
/// Version 2 records where the base weights came from (`baseColumn` or `probabilityColumns`, `responded`) and the
/// convergence settings; files without `version` (version 1) describe the weighting but cannot be re-run.
public struct WeightingRecord: Codable, Sendable {
    /// How the base weights are brought to the margins.
    public enum Method: String, Codable, CaseIterable, Sendable {
        case rake, linear, poststratify
        case rakingCalibration = "raking-calibration"
    }

    /// The column `sanarip weight` adds to the data.
    public static let weightColumn = "weight"
    public static let currentVersion = 2

    public var version: Int?
    public var method: Method
    public var variables: [String]
    public var margins: [WeightingMargin]
    public var bounds: [Double]?
    public var trim: [Double]?
    /// Where the base weights came from, for people: "column w0" or "1/(p1·p2)".
    public var base: String
    public var baseColumn: String?
    public var probabilityColumns: [String]?
    public var responded: String?
    /// The nonresponse weighting classes ("all" for one class), with `responded`.
    public var nonresponseCells: String?
    public var maxIterations: Int?
    public var epsilon: Double?
    public var iterations: Int
    public var weightColumn = WeightingRecord.weightColumn

    public init(
        method: Method, margins: [WeightingMargin], bounds: [Double]?, trim: [Double]?, baseColumn: String?, probabilityColumns: [String]?,
        responded: String?, nonresponseCells: String?, maxIterations: Int?, epsilon: Double?
    ) {
        version = Self.currentVersion
        self.method = method
        var order: [String] = []
        for margin in margins where !order.contains(margin.variable) { order.append(margin.variable) }
        variables = order
        self.margins = margins
        self.bounds = bounds
        self.trim = trim
        base = baseColumn.map { "column \($0)" } ?? probabilityColumns.map { "1/(\($0.joined(separator: "·")))" } ?? ""
        self.baseColumn = baseColumn
        self.probabilityColumns = probabilityColumns
        self.responded = responded
        self.nonresponseCells = responded == nil ? nil : (nonresponseCells ?? "all")
        self.maxIterations = maxIterations ?? (method == .rake ? 100 : 50)
        self.epsilon = epsilon ?? (method == .rake ? 1e-10 : 1e-7)
        iterations = 0
    }

    /// The data columns weighting reads: base weights or probabilities, response and its classes, margin variables.
    public var columns: [String] {
        var names = [baseColumn].compactMap(\.self) + (probabilityColumns ?? []) + [responded].compactMap(\.self)
        if let nonresponseCells, responded != nil, nonresponseCells != "all" { names.append(nonresponseCells) }
        return names + variables
    }

    /// The data file's columns that weighting reads, each message naming the option that asked for a missing one.
    public func readData(_ path: String, missing: [String] = []) throws -> DataTable {
        let table: DataTable
        do {
            table = try DataFile.read(path, columns: columns, missing: missing)
        } catch {
            guard case .missingColumn(let name, let available, let file) = error else { throw error }
            let option = name == baseColumn ? "--base" : name == responded ? "--responded" : (probabilityColumns ?? []).contains(name) ? "--probs"
                : variables.contains(name) ? "--margins" : "--nonresponse-cells"
            throw AnalysisError("\(file): no column '\(name)' (given by \(option)); columns are: \(available.joined(separator: ", "))")
        }
        return table
    }

    /// The base weights of `table`: a column or 1/(π₁·π₂·…), then, with `responded`, adjusted for nonresponse within
    /// the classes of `nonresponseCells`; `note` hears how many responded.
    public func baseWeights(_ table: DataTable, note: (String) -> Void) throws -> [Double] {
        var weights: [Double]
        if let baseColumn {
            weights = try table.requiredNumbers(baseColumn, option: "--base", requirement: "a weight ≥ 0", accept: { $0.isFinite && $0 >= 0 })
        } else {
            let stages = try (probabilityColumns ?? []).map { name in
                try table.requiredNumbers(name, option: "--probs", requirement: "a probability in (0, 1]", accept: { $0 > 0 && $0 <= 1 })
            }
            weights = try BaseWeights.compute(stageProbabilities: stages)
        }
        guard let responded else { return weights }
        let flags = try table.flags(responded, option: "--responded")
        let cells = nonresponseCells == "all" ? nil : nonresponseCells
        let classes = try cells.map { name throws(AnalysisError) in try table.weightingVariable(name, option: "--nonresponse-cells") }
        do {
            let adjusted = try BaseWeights.adjustForNonresponse(weights: weights, responded: flags, classes: classes)
            note("nonresponse adjustment: \(flags.filter { $0 }.count) of \(flags.count) responded; base weights now sum to \(DataColumn.label(adjusted.weights.reduce(0, +)))")
            return adjusted.weights
        } catch {
            throw AnalysisError("\(table.origin.file): nonresponse adjustment: \(error)")
        }
    }

    /// Weights `table` as recorded: base weights, the method on the margins, then trimming (which keeps the
    /// calibration, as R's `trimWeights`). Throws ``WeightingError`` when the weighting itself fails.
    public func weigh(_ table: DataTable, note: (String) -> Void) throws -> WeightingResult {
        let baseWeights = try self.baseWeights(table, note: note)
        let marginRows = margins
        var variables: [WeightingVariable] = []
        var numeric: [String: [Double]] = [:]
        for name in self.variables {
            if marginRows.contains(where: { $0.variable == name && $0.level.isEmpty }) {
                numeric[name] = try table.requiredNumbers(name, option: "--margins")
            } else {
                variables.append(try table.weightingVariable(name, option: "--margins"))
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

    public func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw AnalysisError("\(path): cannot write the weighting record (\(error.localizedDescription)); check that the folder exists and is writable")
        }
    }

    /// Reads a record; a missing or unreadable file fails naming it.
    public static func read(_ path: String) throws -> WeightingRecord {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw AnalysisError("\(path): cannot read the weighting record (\(error.localizedDescription)); give the .weighting.json that sanarip weight wrote")
        }
        do { return try JSONDecoder().decode(WeightingRecord.self, from: data) } catch {
            throw AnalysisError("\(path): not a weighting record written by sanarip weight (\(error))")
        }
    }
}
