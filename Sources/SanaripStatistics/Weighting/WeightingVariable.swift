/// A categorical variable of the records being weighted, stored as integer codes into `levels`.
///
/// Coding once makes raking a pass over integers; values are compared as exact strings.
public struct WeightingVariable: Sendable, Hashable {
    public var name: String
    /// The distinct values, in order of first appearance (or as given).
    public var levels: [String]
    /// For each record, the index of its value in `levels`.
    public var codes: [Int32]

    /// Codes `values` (one per record).
    ///
    /// Survey margins have few levels, so a value is first compared with the levels seen so far (cheaper than
    /// hashing); past 16 levels a dictionary takes over.
    public init(name: String, values: [String]) {
        self.name = name
        var index: [String: Int32] = [:]
        var levels: [String] = []
        codes = values.map { value in
            if levels.count <= 16 {
                if let code = levels.firstIndex(of: value) { return Int32(code) }
            } else if let code = index[value] {
                return code
            }
            let code = Int32(levels.count)
            levels.append(value)
            if levels.count == 17 {
                index = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, Int32($0)) })
            } else if levels.count > 17 {
                index[value] = code
            }
            return code
        }
        self.levels = levels
    }

    /// Takes codes already computed (0-based indices into `levels`).
    public init(name: String, levels: [String], codes: [Int32]) {
        self.name = name
        self.levels = levels
        self.codes = codes
    }
}

/// A population total for one level of a variable: a row `variable,level,total` of a margins file.
///
/// For calibration on a numeric auxiliary variable, leave `level` empty: the total is Σ x over the population.
public struct WeightingMargin: Sendable, Hashable, Codable {
    public var variable: String
    public var level: String
    public var total: Double

    public init(variable: String, level: String, total: Double) {
        self.variable = variable
        self.level = level
        self.total = total
    }
}

/// The targets of one categorical variable, matched to the records' codes.
struct MarginTargets: Sendable {
    var variable: WeightingVariable
    /// Target per data level (index = code).
    var totals: [Double]
    /// The level names in the order the margins list them.
    var marginLevels: [String]

    /// Groups `margins` by variable (in order of first appearance) and matches each to its data variable.
    static func match(_ margins: [WeightingMargin], variables: [WeightingVariable], recordCount: Int) throws(WeightingError) -> [MarginTargets] {
        var order: [String] = []
        var byVariable: [String: [WeightingMargin]] = [:]
        for margin in margins {
            if byVariable[margin.variable] == nil { order.append(margin.variable) }
            byVariable[margin.variable, default: []].append(margin)
        }
        var result: [MarginTargets] = []
        for name in order {
            guard let variable = variables.first(where: { $0.name == name }) else { throw .unknownVariable(name) }
            guard variable.codes.count == recordCount else {
                throw .lengthMismatch(what: "variable '\(name)'", expected: recordCount, found: variable.codes.count)
            }
            let rows = byVariable[name]!
            var totals = [Double?](repeating: nil, count: variable.levels.count)
            for row in rows {
                guard row.total.isFinite, row.total >= 0 else {
                    throw .invalidParameter(name: "total of margin '\(name)' level '\(row.level)'", requirement: "is \(row.total); it must be ≥ 0")
                }
                if let code = variable.levels.firstIndex(of: row.level) {
                    totals[code] = row.total
                } else if row.total > 0 {
                    throw .emptyCell(variable: name, level: row.level)
                }
            }
            for (record, code) in variable.codes.enumerated() where totals[Int(code)] == nil {
                throw .levelNotInMargins(variable: name, level: variable.levels[Int(code)], record: record)
            }
            result.append(MarginTargets(variable: variable, totals: totals.map { $0 ?? 0 }, marginLevels: rows.map(\.level)))
        }
        if let first = result.first {
            let firstTotal = first.totals.reduce(0, +)
            for other in result.dropFirst() {
                let total = other.totals.reduce(0, +)
                if abs(total - firstTotal) > 1e-9 * max(1, abs(firstTotal)) {
                    throw .inconsistentTotals(variable: other.variable.name, total: total, firstVariable: first.variable.name, firstTotal: firstTotal)
                }
            }
        }
        return result
    }
}
