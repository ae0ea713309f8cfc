/// Builds a ``DataTable`` from rows of cell texts, for sources read row by row (spreadsheets): the same
/// columns, number parsing and missing values as the CSV reader, one row at a time.
public struct DataTableBuilder {
    private let names: [String]
    private let slots: [Int]
    private let header: [String]
    private let missing: DataColumnBuilder.Missing
    private var builders: [DataColumnBuilder]
    private var origin: DataOrigin
    private var rows = 0
    private var ragged: DataTableError?

    /// - Parameters:
    ///   - header: the column names (row `headerRow` of `file`).
    ///   - columns: the columns to keep (all when nil), matched exactly, then ignoring case and surrounding blanks.
    ///   - missing: cell texts read as missing besides empty cells.
    ///   - keepText: keep every column as text, exactly as written (numbers are still parsed when asked for).
    public init(header: [String], file: String, headerRow: Int = 1, columns wanted: [String]? = nil, missing: [String] = ["NA"], keepText: Bool = false) throws(DataTableError) {
        self.header = header
        (names, slots) = try Self.resolve(wanted, in: header, file: file)
        self.missing = DataColumnBuilder.Missing(missing)
        builders = names.map { _ in DataColumnBuilder(capacity: 16, text: keepText) }
        origin = DataOrigin(file: file, firstRow: headerRow + 1)
    }

    /// Adds the cells of file row `row` (rows must come in order; rows skipped count as blank rows).
    public mutating func append(_ cells: [String], row: Int) {
        origin.skip(row - origin.row(rows), before: rows)
        if cells.count > header.count, ragged == nil {
            ragged = .ragged(file: origin.file, row: row, expected: header.count, found: cells.count)
        }
        for (field, cell) in cells.enumerated() where field < slots.count && slots[field] >= 0 {
            let target = slots[field]
            if !builders[target].add(cell, missing: missing) {
                let numbers = builders[target].numbers.elements
                builders[target].becomeText()
                for number in numbers {
                    if number.isNaN { builders[target].addMissing() } else { _ = builders[target].add(DataColumn.label(number), missing: missing) }
                }
                _ = builders[target].add(cell, missing: missing)
            }
        }
        for target in builders.indices where builders[target].count <= rows { builders[target].addMissing() }
        rows += 1
    }

    /// The table; fails on the first row with more cells than the header has names.
    public func table() throws(DataTableError) -> DataTable {
        if let ragged { throw ragged }
        return DataTable(columns: zip(names, builders).map { $1.column(named: $0) }, origin: origin)
    }

    /// The names the table's columns get and, for each header position, the column it feeds (−1: not kept).
    static func resolve(_ wanted: [String]?, in header: [String], file: String) throws(DataTableError) -> (names: [String], slots: [Int]) {
        var names: [String] = []
        for name in wanted ?? header where !names.contains(name) { names.append(name) }
        var slots = [Int](repeating: -1, count: header.count)
        for (target, column) in names.enumerated() {
            let key = column.trimmingBlanks.lowercased()
            guard let source = header.firstIndex(of: column) ?? header.firstIndex(where: { $0.trimmingBlanks.lowercased() == key }) else {
                throw .missingColumn(column, available: header, file: file)
            }
            if slots[source] < 0 { slots[source] = target }
        }
        return (names, slots)
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmingBlanks: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
