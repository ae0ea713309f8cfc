import Foundation

/// The files of a text export, one per table: bytes are buffered and written to temporary files beside the
/// output, which take their names (``ExportTable/destinations(of:output:defaultExtension:)``) only in ``finish()``.
struct ExportFiles {
    /// Where each table goes.
    let destinations: [URL]
    private var files: [DurableFile] = []
    private var buffers: [[UInt8]] = []
    private static let flushSize = 1 << 16

    init(tables: [ExportTable], output: URL, defaultExtension: String) throws {
        destinations = ExportTable.destinations(of: tables, output: output, defaultExtension: defaultExtension)
        for _ in tables {
            files.append(try DurableFile(temporaryIn: output.deletingLastPathComponent(), checksum: false))
            buffers.append([])
        }
    }

    /// Appends `text` to the file of table `table`.
    mutating func append(_ text: String, table: Int) throws {
        try append(table: table) { $0.append(contentsOf: text.utf8) }
    }

    /// Lets `body` append bytes to the file of table `table`.
    mutating func append(table: Int, _ body: (inout [UInt8]) -> Void) throws {
        body(&buffers[table])
        if buffers[table].count >= Self.flushSize { try flush(table) }
    }

    /// Writes what is buffered and gives every file its name.
    mutating func finish() throws {
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
