import Foundation
import SanaripInstrument

/// Writes an export as one `.xlsx` workbook, one sheet per table (the submissions first, then each repeat, with
/// the CSV's headers, bold and frozen); numbers and 0/1 option columns are numeric cells, everything else text.
/// Rows are spooled per sheet and zipped at the end (``XLSXStreamWriter``), so memory stays flat; the workbook
/// appears only when it is complete.
public struct XLSXExportWriter: ExportTableWriter {
    public let output: URL
    private var workbook: XLSXStreamWriter?
    private var numeric: [[Bool]] = []
    private let temporary: URL

    public init(output: URL) {
        self.output = output
        temporary = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).\(UUID().uuidString).part")
    }

    /// The workbook, one file whatever the number of tables.
    public var destinations: [URL] { [output] }

    public mutating func begin(_ tables: [ExportTable]) throws {
        let stem = output.deletingPathExtension().lastPathComponent
        workbook = try XLSXStreamWriter(sheetNames: Self.sheetNames(tables), file: stem, temporaryDirectory: output.deletingLastPathComponent())
        numeric = tables.map { $0.columns.map { $0.kind == .number || $0.kind == .indicator } }
        for (index, table) in tables.enumerated() {
            try workbook?.append(table.columns.map { .text($0.name) }, sheet: index, header: true)
        }
    }

    public mutating func write(_ row: ExportRow, table: Int) throws {
        let row = row.strings
        let kinds = numeric[table]
        let cells: [XLSXStreamWriter.Cell] = row.enumerated().map { index, cell in
            kinds[index] && JSONExportWriter.isJSONNumber(cell) ? .number(cell) : .text(cell)
        }
        do {
            try workbook?.append(cells, sheet: table)
        } catch {
            workbook?.discard()
            throw error
        }
    }

    public mutating func finish() throws {
        guard var workbook else { return }
        do {
            try workbook.finish(writingTo: temporary)
            // Respondents' answers: readable by their owner only, as the other exports.
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: temporary.path)
            guard rename(temporary.path, output.path) == 0 else { throw DurableFileError(path: output.path, code: errno) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// Sheet names Excel accepts: the table's repeat name (the form id for the submissions), without `[]:*?/\`,
    /// at most 31 characters, unique.
    static func sheetNames(_ tables: [ExportTable]) -> [String] {
        var used = Set<String>()
        return tables.map { table in
            let base = String((table.repeatPath.split(separator: "/").last.map(String.init) ?? table.name)
                .map { "[]:*?/\\".contains($0) ? "_" : $0 }.prefix(31))
            var name = base
            var number = 2
            while !used.insert(name.lowercased()).inserted {
                let suffix = "~\(number)"
                name = String(base.prefix(31 - suffix.count)) + suffix
                number += 1
            }
            return name
        }
    }
}
