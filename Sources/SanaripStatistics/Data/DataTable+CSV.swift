import Foundation

extension DataTable {
    /// Reads a delimited text file with a header line: comma, semicolon or tab (judged from the header line),
    /// RFC 4180 quoting, LF or CRLF, UTF-8 with or without BOM. Blank lines are skipped (and counted in row numbers).
    ///
    /// - Parameters:
    ///   - columns: the columns to keep (all when nil), matched exactly, then ignoring case and surrounding blanks;
    ///     naming one that is absent fails with the list of columns.
    ///   - missing: cell texts read as missing (compared after trimming blanks); empty cells are always missing.
    ///   - keepText: keep every column as text, exactly as written (numbers are still parsed when asked for).
    ///
    /// The file is memory-mapped and parsed once, in place: each kept column as numbers, or, from the first cell that
    /// is not a number, dictionary-encoded text (the rows before it read again as text); other columns are skipped.
    /// A large file is read in parts, one per core, each writing its rows straight into the table's columns (their
    /// places found by counting line ends first, so nothing is copied to join the parts); from the first part that
    /// holds a quote on, it is read in one pass that follows quoted fields. Memory is the mapped file plus the
    /// columns kept.
    public init(csvFile path: String, columns wanted: [String]? = nil, missing: [String] = ["NA"], keepText: Bool = false) throws(DataTableError) {
        let file = try MappedFile(path: path)
        guard file.count > 0 else { throw .emptyFile(path: path) }
        defer { withExtendedLifetime(file) {} }
        let text = try DelimitedText(base: file.base, count: file.count, name: path)
        self = try text.table(columns: wanted, missing: DataColumnBuilder.Missing(missing), keepText: keepText)
    }

    /// Reads delimited text; see ``init(csvFile:columns:missing:keepText:)``. `name` names the source in messages.
    public init(csv data: Data, name: String = "data", columns wanted: [String]? = nil, missing: [String] = ["NA"], keepText: Bool = false) throws(DataTableError) {
        try self.init(csv: data, name: name, columns: wanted, missing: missing, keepText: keepText, parts: nil)
    }

    /// Reads delimited text in `parts` parts (one per core for a large file when nil), for tests of the parts' joins.
    init(csv data: Data, name: String = "data", columns wanted: [String]? = nil, missing: [String] = ["NA"], keepText: Bool = false, parts: Int?) throws(DataTableError) {
        let result: Result<DataTable, DataTableError> = data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self), raw.count > 0 else { return .failure(.emptyFile(path: name)) }
            return Result { () throws(DataTableError) in
                let text = try DelimitedText(base: base, count: raw.count, name: name)
                return try text.table(columns: wanted, missing: DataColumnBuilder.Missing(missing), keepText: keepText, parts: parts)
            }
        }
        self = try result.get()
    }

    /// Copies the delimited text file `input` to `output` (written whole to a temporary file, then moved into place),
    /// each record followed by more columns: the header gets `names`, and record `k` (0-based, blank lines skipped,
    /// as the reader counts them) gets `values[c][k]` for each new column `c` (numbers as ``DataColumn/label(_:)``
    /// writes them, NaN as an empty cell), each after the file's delimiter. Every input byte of a record is kept.
    public static func copyDelimitedText(_ input: String, to output: String, appending names: [String], values: [[Double]]) throws(DataTableError) {
        let file = try MappedFile(path: input)
        guard file.count > 0 else { throw .emptyFile(path: input) }
        defer { withExtendedLifetime(file) {} }
        let text = try DelimitedText(base: file.base, count: file.count, name: input)
        try text.copy(to: output, appending: names) { record, bytes in
            for column in values {
                bytes.append(text.delimiter)
                if record < column.count { DataColumn.appendLabel(column[record], to: &bytes) }
            }
        }
    }
}
