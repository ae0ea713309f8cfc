import Foundation

/// A file written through a buffer, so streaming writers issue few large writes and keep memory flat.
/// It writes to a temporary file beside the destination and renames it into place on `commit()`,
/// so a failed or abandoned write never leaves a half-written file under the destination name.
final class FileOutput {
    let destination: URL
    let temporary: URL
    private let handle: FileHandle
    private var buffer = ByteBuffer(capacity: FileOutput.bufferSize)
    private(set) var isClosed = false

    init(destination: URL) throws(InterchangeIOError) {
        self.destination = destination
        let directory = destination.deletingLastPathComponent()
        temporary = directory.appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).partial")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw InterchangeIOError(path: destination.path, reason: "cannot create a file in \(directory.path); check that the folder exists and is writable")
        }
        do {
            handle = try FileHandle(forWritingTo: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw InterchangeIOError(path: destination.path, reason: "cannot open for writing: \(error.localizedDescription)")
        }
    }

    deinit {
        if !isClosed {
            try? handle.close()
            try? FileManager.default.removeItem(at: temporary)
        }
    }

    func write(_ bytes: ByteBuffer) throws(InterchangeIOError) {
        try write(bytes.bytes)
    }

    /// Buffers `bytes`; a piece as large as the buffer goes to the file straight (after what is buffered).
    func write(_ bytes: [UInt8]) throws(InterchangeIOError) {
        if bytes.count >= Self.bufferSize {
            try flush()
            try writeToFile(bytes)
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.bufferSize { try flush() }
    }

    func flush() throws(InterchangeIOError) {
        guard buffer.count > 0 else { return }
        try writeToFile(buffer.bytes)
        buffer.removeAll()
    }

    private static let bufferSize = 1 << 16

    private func writeToFile(_ bytes: [UInt8]) throws(InterchangeIOError) {
        do {
            try handle.write(contentsOf: bytes)
        } catch {
            throw InterchangeIOError(path: destination.path, reason: "write failed: \(error.localizedDescription)")
        }
    }

    /// Overwrites bytes already written at `offset` (after flushing what is buffered).
    func patch(_ bytes: [UInt8], at offset: UInt64) throws(InterchangeIOError) {
        try flush()
        do {
            let end = try handle.offset()
            try handle.seek(toOffset: offset)
            try handle.write(contentsOf: bytes)
            try handle.seek(toOffset: end)
        } catch {
            throw InterchangeIOError(path: destination.path, reason: "cannot update the header: \(error.localizedDescription)")
        }
    }

    /// Flushes, syncs to disk and renames the temporary file to the destination.
    func commit() throws(InterchangeIOError) {
        try flush()
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            throw InterchangeIOError(path: destination.path, reason: "cannot finish the file: \(error.localizedDescription)")
        }
        isClosed = true
        guard rename(temporary.path, destination.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw InterchangeIOError(path: destination.path, reason: "cannot move the finished file into place: \(reason)")
        }
    }

    /// Closes and deletes the temporary file; the destination is left untouched.
    func discard() {
        guard !isClosed else { return }
        isClosed = true
        try? handle.close()
        try? FileManager.default.removeItem(at: temporary)
    }
}

/// A file could not be written: which file and why.
public struct InterchangeIOError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public var description: String { "\(path): \(reason)" }
}
