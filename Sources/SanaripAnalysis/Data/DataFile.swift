import Foundation
import SanaripInstrument
import SanaripStatistics

/// The data files the statistics commands read: one reader for delimited text (CSV, semicolon or tab separated)
/// and `.xlsx` workbooks (the first sheet), into a columnar ``DataTable``.
///
/// Only the columns asked for are kept; numbers are parsed once, as the file is read. No cell count limits a data
/// file; a workbook is still refused when it would inflate past the ``SpreadsheetLimits`` byte bounds (zip bombs).
public enum DataFile {
    /// Whether `path` is read as delimited text (then ``copyAppending(_:to:names:values:)`` keeps its bytes).
    public static func isDelimitedText(_ path: String) -> Bool {
        !["xlsx", "xlsm", "xls", "ods"].contains(URL(fileURLWithPath: path).pathExtension.lowercased())
    }

    /// Reads `path`.
    ///
    /// - Parameters:
    ///   - columns: the columns to keep (all when nil), matched exactly, then ignoring case and surrounding blanks.
    ///   - missing: cell texts read as missing besides empty cells.
    ///   - keepText: keep every column as text, exactly as written (numbers are still parsed when asked for).
    public static func read(_ path: String, columns: [String]? = nil, missing: [String] = ["NA"], keepText: Bool = false) throws(DataTableError) -> DataTable {
        guard FileManager.default.fileExists(atPath: path) else {
            throw .unreadable(path: path, reason: "no such file; check the path")
        }
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "xlsx", "xlsm":
            return try readWorkbook(path, columns: columns, missing: missing, keepText: keepText)
        case "xls":
            throw .unreadable(path: path, reason: "an old Excel 97-2003 workbook (.xls) cannot be read; save it as .xlsx or CSV UTF-8")
        case "ods":
            throw .unreadable(path: path, reason: "an OpenDocument spreadsheet (.ods) cannot be read; save it as .xlsx or CSV UTF-8")
        default:
            return try DataTable(csvFile: path, columns: columns, missing: missing, keepText: keepText)
        }
    }

    /// The first sheet of a workbook, its first non-empty row naming the columns.
    private static func readWorkbook(_ path: String, columns: [String]?, missing: [String], keepText: Bool) throws(DataTableError) -> DataTable {
        let workbook: Workbook
        do {
            workbook = try XLSXReader(limits: SpreadsheetLimits(maxCells: .max)).read(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path, reason: error.message)
        }
        guard let sheet = workbook.sheets.first, let first = sheet.rows.first else { throw .emptyFile(path: path) }
        var builder = try DataTableBuilder(
            header: first.cells.map { $0.trimmingCharacters(in: .whitespaces) }, file: "\(path), sheet \(sheet.name)",
            headerRow: first.number, columns: columns, missing: missing, keepText: keepText)
        for row in sheet.rows.dropFirst() { builder.append(row.cells, row: row.number) }
        return try builder.table()
    }

    /// Writes `table` as CSV to `output` (every column; numbers as R prints them, missing cells empty), then the
    /// columns `names` with `values[c][row]`.
    public static func write(_ table: DataTable, to output: String, appending names: [String] = [], values: [[Double]] = []) throws(DataTableError) {
        var text: [UInt8] = []
        text.reserveCapacity(table.rowCount * (table.columns.count + names.count) * 8)
        func field(_ value: String) {
            let bytes = Array(value.utf8)
            if bytes.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
                text.append(0x22)
                for byte in bytes {
                    if byte == 0x22 { text.append(0x22) }
                    text.append(byte)
                }
                text.append(0x22)
            } else {
                text += bytes
            }
        }
        for (index, name) in (table.columnNames + names).enumerated() {
            if index > 0 { text.append(0x2C) }
            field(name)
        }
        text.append(0x0A)
        for row in 0..<table.rowCount {
            for (index, column) in table.columns.enumerated() {
                if index > 0 { text.append(0x2C) }
                field(column.string(at: row) ?? "")
            }
            for column in values {
                text.append(0x2C)
                DataColumn.appendLabel(column[row], to: &text)
            }
            text.append(0x0A)
        }
        do {
            try Data(text).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw .unreadable(path: output, reason: "cannot write (\(error.localizedDescription)); check that the folder exists and is writable")
        }
    }

    /// Writes the data of `path` with more columns to `output`: delimited text is copied byte for byte, each record
    /// followed by the new cells `values[c][row]`; a workbook's first sheet is written as CSV.
    public static func copyAppending(_ path: String, to output: String, names: [String], values: [[Double]]) throws(DataTableError) {
        if isDelimitedText(path) {
            try DataTable.copyDelimitedText(path, to: output, appending: names, values: values)
        } else {
            try write(read(path, missing: [], keepText: true), to: output, appending: names, values: values)
        }
    }
}
