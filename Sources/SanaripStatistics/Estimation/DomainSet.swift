/// The domains (subpopulations) rows belong to: the cells of one or several grouping columns, every cell
/// reported even when empty. Domain estimates are computed on the full design, never on a subset table.
public struct DomainSet: Sendable {
    /// Domain of each row; −1 when a grouping value is missing (the row is in no domain).
    public let codes: [Int32]
    /// The grouping columns.
    public let names: [String]
    /// For each domain, its value in each grouping column.
    public let labels: [[String]]
    public var count: Int { labels.count }

    public init(codes: [Int32], names: [String], labels: [[String]]) {
        self.codes = codes
        self.names = names
        self.labels = labels
    }

    /// The whole sample as one domain.
    public static func whole(rows: Int) -> DomainSet {
        DomainSet(codes: [Int32](repeating: 0, count: rows), names: [], labels: [[]])
    }

    /// The cross-classification of `columns` (first column varying fastest, levels sorted, as R's `svyby`).
    public init(_ table: DataTable, by columns: [String]) throws(DataTableError) {
        guard !columns.isEmpty else {
            self = .whole(rows: table.rowCount)
            return
        }
        let crossed = try DataFactor.crossing(table, columns: columns)
        self.init(codes: crossed.factor.codes, names: columns, labels: crossed.labels)
    }

    /// The domain whose labels are `values`, if any.
    public func index(of values: [String]) -> Int? {
        labels.firstIndex(of: values)
    }

    /// The pairs of domains that differ only in grouping column `column`, the first with value `a`, the second
    /// with `b` (one pair per combination of the other columns), for differences such as rural − urban.
    public func pairs(differingIn column: String, _ a: String, _ b: String) -> [(Int, Int)] {
        guard let position = names.firstIndex(of: column) else { return [] }
        var result: [(Int, Int)] = []
        for (index, values) in labels.enumerated() where values[position] == a {
            var other = values
            other[position] = b
            if let partner = self.index(of: other) { result.append((index, partner)) }
        }
        return result
    }
}
