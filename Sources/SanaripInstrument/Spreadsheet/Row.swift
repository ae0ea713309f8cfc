/// One spreadsheet row: its 1-based number as the spreadsheet shows it and its cell texts by column.
public struct Row: Sendable, Hashable {
    /// The row number as a spreadsheet shows it (1 is the first row), kept so messages can point at it.
    public var number: Int
    /// Cell texts by 0-based column index; `""` for an empty cell. Trailing empty cells are dropped
    /// so rows compare equal however wide the sheet was.
    public var cells: [String]

    public init(number: Int, cells: [String]) {
        self.number = number
        var cells = cells
        while cells.last?.isEmpty == true {
            cells.removeLast()
        }
        self.cells = cells
    }

    /// The text in `column` (0-based), or `""` past the last cell.
    public subscript(column: Int) -> String {
        cells.indices.contains(column) ? cells[column] : ""
    }

    /// The text in `column` (0-based), or `""` past the last cell; the same as `row[column]`.
    public subscript(column column: Int) -> String {
        self[column]
    }

    /// Whether every cell is empty.
    public var isEmpty: Bool {
        cells.allSatisfy(\.isEmpty)
    }
}
