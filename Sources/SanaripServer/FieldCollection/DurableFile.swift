import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written in pieces to a temporary name, its MD5 and size counted on the way, then flushed to disk and
/// renamed into place, so a crash never leaves half a file under a final name.
///
/// ```swift
/// let file = try DurableFile(temporaryIn: tmp)
/// try file.write(chunk)            // as many times as needed
/// let (size, md5) = try file.finish(as: destination)
/// ```
final class DurableFile {
    let temporaryURL: URL
    private var descriptor: Int32
    /// Counts the MD5 of what is written; nil for files whose checksum nobody keeps (exports).
    private var hasher: Insecure.MD5?
    private(set) var size: Int64 = 0

    /// Opens a new, uniquely named temporary file in `directory`, creating the directory when needed;
    /// `checksum: false` skips the MD5 (``finish(as:)`` then returns an empty one).
    init(temporaryIn directory: URL, checksum: Bool = true) throws {
        hasher = checksum ? Insecure.MD5() : nil
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        temporaryURL = directory.appendingPathComponent("upload-\(UUID().uuidString).part")
        descriptor = open(temporaryURL.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw DurableFileError(path: temporaryURL.path, code: errno) }
    }

    deinit {
        if descriptor >= 0 {
            close(descriptor)
            unlink(temporaryURL.path)
        }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let written = posixWrite(descriptor, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw DurableFileError(path: temporaryURL.path, code: errno)
            }
            offset += written
        }
        hasher?.update(bufferPointer: bytes)
        size += Int64(bytes.count)
    }

    /// Flushes the file, renames it to `destination` (creating its folder) and flushes the folder too.
    func finish(as destination: URL) throws -> (size: Int64, md5: String) {
        guard fsync(descriptor) == 0 else { throw DurableFileError(path: temporaryURL.path, code: errno) }
        close(descriptor)
        descriptor = -1
        let folder = destination.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        guard rename(temporaryURL.path, destination.path) == 0 else {
            let code = errno
            unlink(temporaryURL.path)
            throw DurableFileError(path: destination.path, code: code)
        }
        Self.syncDirectory(folder)
        return (size, hasher.map { HexDigest.hex($0.finalize()) } ?? "")
    }

    /// Writes `data` durably to `destination` in one go.
    static func write(_ data: Data, to destination: URL, temporaryIn directory: URL) throws -> (size: Int64, md5: String) {
        let file = try DurableFile(temporaryIn: directory)
        try data.withUnsafeBytes { try file.write($0) }
        return try file.finish(as: destination)
    }

    private static func syncDirectory(_ url: URL) {
        let descriptor = open(url.path, O_RDONLY)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}

/// `write(2)`, named apart from ``DurableFile/write(_:)``.
private func posixWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, bytes, count)
    #else
    Darwin.write(descriptor, bytes, count)
    #endif
}

/// A file that could not be written, with the system's reason.
struct DurableFileError: Error, CustomStringConvertible {
    let path: String
    let code: Int32

    var description: String { "cannot write \(path): \(String(cString: strerror(code)))" }
}
