import Foundation
import SanaripInstrument

/// Writes an export as CSV files, UTF-8: the submissions to the output file and each repeat beside it as
/// `OUTPUT-repeat.csv`. Files are written under temporary names and appear only when the export is complete.
public struct CSVExportWriter: ExportTableWriter {
    public let output: URL
    private var files: [DurableFile] = []
    private var buffers: [Data] = []
    /// Where each table goes, once ``begin(_:)`` has named the tables.
    public private(set) var destinations: [URL] = []
    private let codec = CSVCodec()
    private static let flushSize = 1 << 16

    public init(output: URL) {
        self.output = output
    }

    public mutating func begin(_ tables: [ExportTable]) throws {
        let folder = output.deletingLastPathComponent()
        destinations = ExportTable.destinations(of: tables, output: output, defaultExtension: "csv")
        for (index, table) in tables.enumerated() {
            files.append(try DurableFile(temporaryIn: folder))
            buffers.append(Data())
            try write(table.columns.map(\.name), table: index)
        }
    }

    public mutating func write(_ row: [String], table: Int) throws {
        buffers[table].append(contentsOf: codec.text(for: [row]).utf8)
        if buffers[table].count >= Self.flushSize { try flush(table) }
    }

    public mutating func finish() throws {
        for index in files.indices {
            try flush(index)
            _ = try files[index].finish(as: destinations[index])
        }
    }

    private mutating func flush(_ table: Int) throws {
        try buffers[table].withUnsafeBytes { try files[table].write($0) }
        buffers[table].removeAll(keepingCapacity: true)
    }
}
