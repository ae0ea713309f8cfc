/// One sheet: its name and its non-empty rows in row order.
public struct Sheet: Sendable, Hashable {
    /// The sheet name as the file spells it.
    public var name: String
    /// Rows that hold at least one non-empty cell, in ascending ``Row/number`` order.
    public var rows: [Row]

    public init(name: String, rows: [Row]) {
        self.name = name
        self.rows = rows
    }

    /// Builds a sheet from a grid where `cells[i]` becomes row number `i + 1`;
    /// entirely empty rows are left out, as a reader would leave them out.
    public init(name: String, cells: [[String]]) {
        self.name = name
        self.rows = cells.enumerated().compactMap { index, values in
            let row = Row(number: index + 1, cells: values)
            return row.isEmpty ? nil : row
        }
    }

    /// The number of columns up to the last non-empty cell of any row.
    public var columnCount: Int {
        rows.map(\.cells.count).max() ?? 0
    }
}
