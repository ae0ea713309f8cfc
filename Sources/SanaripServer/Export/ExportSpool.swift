import Foundation

/// Rows of one export table kept on disk until a writer that needs a first pass over the data (SPSS declares
/// every string's width before the first case) can write them: appended in buffered pieces, read back one row
/// at a time, so memory does not grow with the number of rows. The file is deleted when the spool goes away.
final class ExportSpool {
    let url: URL
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private static let flushSize = 1 << 16

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

    /// Appends a row: its cell count, then each cell's byte count and UTF-8 bytes.
    func append(_ row: ExportRow) throws {
        Self.appendLength(row.count, to: &buffer)
        row.forEachCell { _, cell in
            Self.appendLength(cell.count, to: &buffer)
            buffer.append(contentsOf: cell)
        }
        if buffer.count >= Self.flushSize { try flush() }
    }

    /// Calls `body` with every row, in the order they were appended.
    func forEachRow(_ body: (ExportRow) throws -> Void) throws {
        try flush()
        try handle.seek(toOffset: 0)
        var pending: [UInt8] = []
        var offset = 0
        func need(_ count: Int) throws -> Bool {
            while pending.count - offset < count {
                guard let chunk = try handle.read(upToCount: max(Self.flushSize, count)), !chunk.isEmpty else { return false }
                pending.removeFirst(offset)
                pending.append(contentsOf: chunk)
                offset = 0
            }
            return true
        }
        func length() throws -> Int? {
            guard try need(4) else { return nil }
            let value = Int(pending[offset]) | Int(pending[offset + 1]) << 8 | Int(pending[offset + 2]) << 16 | Int(pending[offset + 3]) << 24
            offset += 4
            return value
        }
        var row = ExportRow()
        while let cellCount = try length() {
            row.removeAll()
            for _ in 0..<cellCount {
                guard let count = try length(), try need(count) else { throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: url.path]) }
                row.appendToCell(pending[offset..<offset + count])
                row.endCell()
                offset += count
            }
            try body(row)
        }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.seekToEnd()
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private static func appendLength(_ value: Int, to bytes: inout [UInt8]) {
        let value = UInt32(clamping: value)
        bytes.append(UInt8(value & 0xFF))
        bytes.append(UInt8(value >> 8 & 0xFF))
        bytes.append(UInt8(value >> 16 & 0xFF))
        bytes.append(UInt8(value >> 24))
    }
}
