import Foundation
import SanaripCore

/// Writes an export as JSON files, UTF-8: the submissions to the output file and each repeat beside it as
/// `OUTPUT-repeat.json`, each an array of objects keyed by the CSV headers. Numbers and 0/1 option columns are
/// JSON numbers, empty cells `null`, everything else strings. Files appear only when the export is complete.
public struct JSONExportWriter: ExportTableWriter {
    public let output: URL
    private var files: ExportFiles?
    private var keys: [[String]] = []
    private var numeric: [[Bool]] = []
    private var rowCounts: [Int] = []
    /// Where each table goes, once ``begin(_:)`` has named the tables.
    public var destinations: [URL] { files?.destinations ?? [] }

    public init(output: URL) {
        self.output = output
    }

    public mutating func begin(_ tables: [ExportTable]) throws {
        files = try ExportFiles(tables: tables, output: output, defaultExtension: "json")
        keys = tables.map { $0.columns.map(\.name.jsonQuoted) }
        numeric = tables.map { $0.columns.map { $0.kind == .number || $0.kind == .indicator } }
        rowCounts = Array(repeating: 0, count: tables.count)
        for index in tables.indices { try files?.append("[", table: index) }
    }

    public mutating func write(_ row: ExportRow, table: Int) throws {
        let row = row.strings
        var text = rowCounts[table] == 0 ? "\n  {" : ",\n  {"
        for (index, cell) in row.enumerated() {
            if index > 0 { text += ", " }
            text += keys[table][index] + ": "
            if cell.isEmpty {
                text += "null"
            } else if numeric[table][index], Self.isJSONNumber(cell) {
                text += cell
            } else {
                text += cell.jsonQuoted
            }
        }
        rowCounts[table] += 1
        try files?.append(text + "}", table: table)
    }

    public mutating func finish() throws {
        for index in rowCounts.indices { try files?.append(rowCounts[index] == 0 ? "]\n" : "\n]\n", table: index) }
        try files?.finish()
    }

    /// Whether `text` is a number as JSON writes one (`-0.5`, `12`, `3e-7`; not `+1`, `.5`, `1.` or `nan`).
    static func isJSONNumber(_ text: String) -> Bool {
        var bytes = text.utf8[...]
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        func digits() -> Int {
            let count = bytes.prefix { $0 >= 0x30 && $0 <= 0x39 }.count
            bytes = bytes.dropFirst(count)
            return count
        }
        guard let first = bytes.first else { return false }
        let integer = digits()
        guard integer > 0, !(first == 0x30 && integer > 1) else { return false }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            guard digits() > 0 else { return false }
        }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }
}
