import Foundation
import SanaripInstrument

/// Writes an export as CSV files, UTF-8: the submissions to the output file and each repeat beside it as
/// `OUTPUT-repeat.csv`. Files are written under temporary names and appear only when the export is complete.
public struct CSVExportWriter: ExportTableWriter {
    public let output: URL
    private var files: ExportFiles?
    /// Where each table goes, once ``begin(_:)`` has named the tables.
    public var destinations: [URL] { files?.destinations ?? [] }
    private let codec = CSVCodec()

    public init(output: URL) {
        self.output = output
    }

    public mutating func begin(_ tables: [ExportTable]) throws {
        files = try ExportFiles(tables: tables, output: output, defaultExtension: "csv")
        for (index, table) in tables.enumerated() {
            try write(ExportRow(table.columns.map(\.name)), table: index)
        }
    }

    public mutating func write(_ row: ExportRow, table: Int) throws {
        try files?.append(table: table) { bytes in
            codec.appendRecord(to: &bytes) { field in row.forEachCell { _, cell in field(cell) } }
        }
    }

    public mutating func finish() throws {
        try files?.finish()
    }
}
