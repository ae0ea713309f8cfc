import Foundation

/// Rows of one export table kept on disk until a writer that needs a first pass over the data (SPSS declares
/// every string's width before the first case) can write them: appended in batches of rows, read back a batch
/// at a time, in order, so memory does not grow with the number of rows and each batch can be worked on by
/// another thread. The file is deleted when the spool goes away.
final class ExportSpool {
    let url: URL
    private let handle: FileHandle
    private var filling = Batch()
    private var reading = false
    /// A batch is written when it holds this many rows or bytes.
    static let batchRows = 256
    static let batchBytes = 1 << 20

    /// Rows as the spool keeps them: for each row its cell count, then each cell's byte count and UTF-8 bytes
    /// (counts as 32-bit little-endian integers).
    struct Batch: Sendable {
        private(set) var bytes: [UInt8] = []
        private(set) var rows = 0

        init() {}

        init(bytes: [UInt8], rows: Int) {
            self.bytes = bytes
            self.rows = rows
        }

        mutating func append(_ row: ExportRow) {
            Self.appendCount(row.count, to: &bytes)
            row.forEachCell { _, cell in
                Self.appendCount(cell.count, to: &bytes)
                bytes.append(contentsOf: cell)
            }
            rows += 1
        }

        mutating func removeAll() {
            bytes.removeAll(keepingCapacity: true)
            rows = 0
        }

        /// Calls `cell` with each cell's index and UTF-8 bytes and `endRow` after each row, in order.
        func forEachRow(
            cell: (_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>) throws -> Void, endRow: () throws -> Void
        ) throws {
            try bytes.withUnsafeBufferPointer { buffer in
                var offset = 0
                func count() throws -> Int {
                    guard buffer.count - offset >= 4 else { throw CocoaError(.fileReadCorruptFile) }
                    let value = Int(buffer[offset]) | Int(buffer[offset + 1]) << 8 | Int(buffer[offset + 2]) << 16 | Int(buffer[offset + 3]) << 24
                    offset += 4
                    return value
                }
                for _ in 0..<rows {
                    let cells = try count()
                    for index in 0..<cells {
                        let length = try count()
                        guard buffer.count - offset >= length else { throw CocoaError(.fileReadCorruptFile) }
                        try cell(index, UnsafeBufferPointer(rebasing: buffer[offset..<offset + length]))
                        offset += length
                    }
                    try endRow()
                }
            }
        }

        static func appendCount(_ value: Int, to bytes: inout [UInt8]) {
            withUnsafeBytes(of: UInt32(clamping: value).littleEndian) { bytes.append(contentsOf: $0) }
        }
    }

    /// A new, empty spool file in `directory`.
    init(in directory: URL) throws {
        url = directory.appendingPathComponent(".sanarip-spool-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        handle = try FileHandle(forUpdating: url)
    }

    deinit {
        try? handle.close()
        try? FileManager.default.removeItem(at: url)
    }

    /// Appends a row (its storage is not kept).
    func append(_ row: ExportRow) throws {
        filling.append(row)
        if filling.rows >= Self.batchRows || filling.bytes.count >= Self.batchBytes { try flush() }
    }

    /// The next batch of rows, in the order they were appended; nil after the last. The first call ends appending.
    func nextBatch() throws -> Batch? {
        if !reading {
            try flush()
            try handle.seek(toOffset: 0)
            reading = true
        }
        guard let header = try read(8) else { return nil }
        let length = header.prefix(4).reversed().reduce(0) { $0 << 8 | Int($1) }
        let rows = header.suffix(4).reversed().reduce(0) { $0 << 8 | Int($1) }
        guard let bytes = try read(length) else { throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: url.path]) }
        return Batch(bytes: bytes, rows: rows)
    }

    /// Exactly `count` bytes; nil at the end of the file.
    private func read(_ count: Int) throws -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        while bytes.count < count {
            guard let chunk = try handle.read(upToCount: count - bytes.count), !chunk.isEmpty else { break }
            bytes.append(contentsOf: chunk)
        }
        if bytes.isEmpty, count > 0 { return nil }
        guard bytes.count == count else { throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: url.path]) }
        return bytes
    }

    /// Writes the batch being filled: its byte and row counts, then its rows.
    private func flush() throws {
        guard filling.rows > 0 else { return }
        var header: [UInt8] = []
        Batch.appendCount(filling.bytes.count, to: &header)
        Batch.appendCount(filling.rows, to: &header)
        try handle.write(contentsOf: header)
        try handle.write(contentsOf: filling.bytes)
        filling.removeAll()
    }
}
