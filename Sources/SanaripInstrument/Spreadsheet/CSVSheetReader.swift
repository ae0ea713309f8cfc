import Foundation

/// Reads one CSV file as a ``Sheet``: record `i` becomes row number `i + 1`, empty records are left out.
public struct CSVSheetReader: Sendable {
    /// The field separator, or `nil` to judge it from the first line (see ``CSVCodec/detectDelimiter(in:)``).
    public var delimiter: Character?
    /// The largest file (``SpreadsheetLimits/maxTotalUncompressedBytes``) and most cells read.
    public var limits: SpreadsheetLimits

    public init(delimiter: Character? = nil, limits: SpreadsheetLimits = .default) {
        self.delimiter = delimiter
        self.limits = limits
    }

    /// Reads the file at `url` as a sheet named `sheetName`, by default the file name without `.csv`.
    public func read(contentsOf url: URL, sheetName: String? = nil) throws(SpreadsheetError) -> Sheet {
        let data = try SpreadsheetFile.contents(of: url, sizeLimit: limits.maxTotalUncompressedBytes)
        let name = sheetName ?? url.deletingPathExtension().lastPathComponent
        return try sheet(named: name, data: data, file: url.lastPathComponent)
    }

    /// Reads CSV bytes as a sheet named `name`; `file` prefixes messages.
    public func sheet(named name: String, data: Data, file: String) throws(SpreadsheetError) -> Sheet {
        let separator = delimiter ?? CSVCodec.detectDelimiter(in: String(decoding: data.prefix(64 * 1024), as: UTF8.self))
        let records: [[String]]
        do {
            records = try CSVCodec(delimiter: separator).records(in: data)
        } catch {
            let advice = error.message == "the text is not UTF-8"
                ? "line \(error.line) is not UTF-8 text. Save the sheet as \"CSV UTF-8 (Comma delimited) (*.csv)\"."
                : "line \(error.line): \(error.message)"
            throw SpreadsheetError(file: file, message: advice)
        }
        var cells = 0
        var rows: [Row] = []
        for (index, record) in records.enumerated() {
            let row = Row(number: index + 1, cells: record)
            guard !row.isEmpty else { continue }
            cells += row.cells.count
            guard cells <= limits.maxCells else {
                throw SpreadsheetError(file: file, message: "holds more than \(limits.maxCells) cells; refusing to read it")
            }
            rows.append(row)
        }
        return Sheet(name: name, rows: rows)
    }
}
