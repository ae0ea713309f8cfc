/// A columnar table of survey records: named ``DataColumn``s of equal length.
///
/// Columns are contiguous arrays so the estimators can stream them; reading a CSV file parses
/// each cell once (see ``DataTable/init(csvFile:columns:missing:keepText:)``), and other sources
/// (spreadsheets) feed rows through a ``DataTableBuilder``.
public struct DataTable: Sendable {
    public private(set) var columns: [DataColumn]
    public let rowCount: Int
    /// The file the records came from and their rows in it, for messages.
    public var origin: DataOrigin
    private var index: [String: Int]

    public init(columns: [DataColumn], origin: DataOrigin = DataOrigin(file: "data")) {
        self.columns = columns
        self.origin = origin
        self.rowCount = columns.first?.count ?? 0
        self.index = Dictionary(columns.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        precondition(columns.allSatisfy { $0.count == rowCount }, "columns of unequal length")
    }

    public var columnNames: [String] { columns.map(\.name) }

    /// The column called `name`, or an error listing the columns there are.
    public func column(_ name: String) throws(DataTableError) -> DataColumn {
        guard let position = index[name] else { throw .missingColumn(name, available: columnNames, file: origin.file) }
        return columns[position]
    }

    /// The numbers of column `name` (missing = NaN).
    public func numbers(_ name: String) throws(DataTableError) -> [Double] {
        try column(name).numbers(origin: origin)
    }

    /// Adds or replaces a column.
    public mutating func set(_ column: DataColumn) {
        precondition(column.count == rowCount || columns.isEmpty)
        if let position = index[column.name] {
            columns[position] = column
        } else {
            index[column.name] = columns.count
            columns.append(column)
        }
    }
}
