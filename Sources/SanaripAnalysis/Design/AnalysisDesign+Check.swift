import SanaripStatistics

extension AnalysisDesign {
    /// A problem of a design on its data, explained for the person who fixes it.
    public struct Problem: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable {
            case missingColumn, missingWeights, badWeights, lonelyPSU, singleUnitStratum, noClusters, refused
        }

        public var kind: Kind
        /// The column, stratum or PSU concerned.
        public var subject: String
        public var message: String
    }

    /// What is wrong with this design on `table`, every problem at once: columns that are not in the data, rows
    /// without a weight or with a weight ≤ 0, strata with one PSU (lonely PSUs: no variance unless a policy
    /// says what to do) or with one respondent, and the design as the estimation engine would refuse it.
    public func check(_ table: DataTable) -> [Problem] {
        var problems: [Problem] = []
        for name in columns where !table.columnNames.contains(name) {
            problems.append(Problem(kind: .missingColumn, subject: name, message: "the data has no column '\(name)'"))
        }
        guard problems.isEmpty else { return problems }
        let design = specification
        if let weights = design.weights, let column = try? table.column(weights) {
            let values = (try? column.numbers(origin: table.origin)) ?? []
            let missing = (0..<table.rowCount).filter { column.isMissing($0) }
            if !missing.isEmpty {
                let rows = missing.prefix(5).map { String(table.origin.row($0)) }.joined(separator: ", ")
                problems.append(Problem(kind: .missingWeights, subject: weights,
                                        message: "\(missing.count) of \(table.rowCount) respondents have no weight in '\(weights)' (rows \(rows)\(missing.count > 5 ? ", …" : "")); weight them or leave them out"))
            }
            let bad = values.indices.filter { values[$0].isFinite && values[$0] <= 0 }
            if !bad.isEmpty {
                problems.append(Problem(kind: .badWeights, subject: weights, message: "\(bad.count) weights in '\(weights)' are zero or negative (first at row \(table.origin.row(bad[0])))"))
            }
        }
        if let strata = design.strata, let stratumColumn = try? table.column(strata) {
            let stratumOf = stratumColumn.factor()
            var units: [Int32: Set<String>] = [:]
            var respondents: [Int32: Int] = [:]
            let psu = design.ids.first.flatMap { try? table.column($0) }
            for row in 0..<table.rowCount {
                let code = stratumOf.codes[row]
                guard code >= 0 else { continue }
                respondents[code, default: 0] += 1
                units[code, default: []].insert(psu?.string(at: row) ?? String(row))
            }
            for (code, level) in stratumOf.levels.enumerated() {
                let count = units[Int32(code)]?.count ?? 0
                if respondents[Int32(code)] == 1 {
                    problems.append(Problem(kind: .singleUnitStratum, subject: level,
                                            message: "stratum '\(level)' has one respondent: its variance cannot be estimated; merge it with a similar stratum"))
                } else if count == 1 {
                    let policy = design.lonelyPSU
                    problems.append(Problem(kind: .lonelyPSU, subject: level, message: policy == .fail
                        ? "stratum '\(level)' has one PSU (a lonely PSU): the design is refused; merge strata, or choose what a lonely PSU does (certainty, adjust, average, remove)"
                        : "stratum '\(level)' has one PSU (a lonely PSU), treated as '\(policy.rawValue)'"))
                }
            }
        }
        if design.ids.isEmpty, design.strata != nil {
            problems.append(Problem(kind: .noClusters, subject: "", message: "no cluster ids: every respondent is treated as its own PSU, which understates the standard errors of a clustered sample"))
        }
        do {
            _ = try surveyDesign(table)
        } catch {
            problems.append(Problem(kind: .refused, subject: "", message: "\(error)"))
        }
        return problems
    }
}
