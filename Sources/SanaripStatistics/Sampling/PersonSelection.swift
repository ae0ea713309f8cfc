/// Selection of one eligible person in a household, with the probability to record for weighting.
///
/// Interviewers list the eligible members (e.g. aged 15+) in a fixed order (Kish: men oldest to youngest,
/// then women oldest to youngest) and select the line given by the household's selection table.
public enum PersonSelection {
    /// Kish's (1949) eight selection tables and the share of households each is assigned to.
    ///
    /// Row = table, column = number of eligible persons (1, 2, 3, 4, 5, 6+), value = line selected (1-based).
    /// Probabilities are exactly 1/m for m ≤ 4; for 5 they are 1/6, 1/6, 1/4, 1/6, 1/4; for 6+ persons each of
    /// the first six has 1/6 and persons 7+ cannot be selected.
    public enum KishTable: String, Sendable, Hashable, CaseIterable {
        case a = "A", b1 = "B1", b2 = "B2", c = "C", d = "D", e1 = "E1", e2 = "E2", f = "F"

        /// Lines selected for 1…6+ eligible persons.
        public var lines: [Int] {
            switch self {
            case .a: [1, 1, 1, 1, 1, 1]
            case .b1: [1, 1, 1, 1, 2, 2]
            case .b2: [1, 1, 1, 2, 2, 2]
            case .c: [1, 1, 2, 2, 3, 3]
            case .d: [1, 2, 2, 3, 4, 4]
            case .e1: [1, 2, 3, 3, 3, 5]
            case .e2: [1, 2, 3, 4, 5, 5]
            case .f: [1, 2, 3, 4, 5, 6]
            }
        }

        /// The share of households given this table, in twelfths (A, C, D, F: 2/12; B1, B2, E1, E2: 1/12).
        public var twelfths: Int {
            switch self {
            case .a, .c, .d, .f: 2
            case .b1, .b2, .e1, .e2: 1
            }
        }

        /// The table for the household at position `serial` (0-based) in a block of 12 cover sheets:
        /// A, A, B1, B2, C, C, D, D, E1, E2, F, F, repeating — so every 12 households use the tables in their shares.
        public static func forHousehold(serial: Int) -> KishTable {
            let cycle: [KishTable] = [.a, .a, .b1, .b2, .c, .c, .d, .d, .e1, .e2, .f, .f]
            return cycle[((serial % 12) + 12) % 12]
        }

        /// The line (1-based) this table selects among `eligible` persons (≥ 1).
        public func line(eligible: Int) -> Int {
            lines[min(max(eligible, 1), 6) - 1]
        }
    }

    /// A selected person: the line in the household list and its selection probability.
    public struct Choice: Sendable, Hashable {
        public var line: Int
        public var probability: Double
    }

    /// Kish selection: the table's line, with the probability of that line over the table shares.
    public static func kish(eligible: Int, table: KishTable) throws(SamplingError) -> Choice {
        guard eligible >= 1 else { throw .invalidParameter(name: "eligible persons", requirement: "must be at least 1") }
        let line = table.line(eligible: eligible)
        let twelfths = KishTable.allCases.filter { $0.line(eligible: eligible) == line }.reduce(0) { $0 + $1.twelfths }
        return Choice(line: line, probability: Double(twelfths) / 12)
    }

    /// Random selection among `eligible` persons: every person has probability 1/m.
    public static func random(eligible: Int, using generator: inout SeededGenerator) throws(SamplingError) -> Choice {
        guard eligible >= 1 else { throw .invalidParameter(name: "eligible persons", requirement: "must be at least 1") }
        return Choice(line: generator.nextInt(below: eligible) + 1, probability: 1 / Double(eligible))
    }
}
