#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file's bytes, mapped into memory read-only (or read into memory when it cannot be mapped, such as a pipe), for
/// the readers to scan in place; unmapped when the value goes away.
final class MappedFile {
    let base: UnsafePointer<UInt8>
    let count: Int
    private let mapped: Bool

    init(path: String) throws(DataTableError) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw .unreadable(path: path, reason: "\(String(cString: strerror(errno))); check the path and its permissions") }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw .unreadable(path: path, reason: "it is a folder; give a CSV or XLSX file") }
        let size = Int(info.st_size)
        if (info.st_mode & S_IFMT) == S_IFREG, size > 0 {
            #if os(Linux)
            let flags = MAP_PRIVATE | MAP_POPULATE
            #else
            let flags = MAP_PRIVATE
            #endif
            if let pointer = mmap(nil, size, PROT_READ, flags, descriptor, 0), pointer != UnsafeMutableRawPointer(bitPattern: -1) {
                base = UnsafePointer(pointer.assumingMemoryBound(to: UInt8.self))
                count = size
                mapped = true
                return
            }
        }
        // Not a regular file, or it cannot be mapped: read it whole.
        var capacity = max(size, 1 << 16)
        var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        var length = 0
        while true {
            if length == capacity {
                let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
                larger.update(from: buffer, count: length)
                buffer.deallocate()
                buffer = larger
                capacity *= 2
            }
            let got = read(descriptor, buffer + length, capacity - length)
            if got < 0, errno == EINTR { continue }
            guard got >= 0 else {
                let reason = String(cString: strerror(errno))
                buffer.deallocate()
                throw .unreadable(path: path, reason: reason)
            }
            if got == 0 { break }
            length += got
        }
        base = UnsafePointer(buffer)
        count = length
        mapped = false
    }

    /// Asks the kernel to back the whole 2 MB pages inside `bytes` at `pointer` (memory not yet written) with huge
    /// pages, where it allows them on request: a column of a million rows then costs a few page faults instead of
    /// thousands. Only a hint; nothing changes where it is not supported.
    static func preferHugePages(_ pointer: UnsafeMutableRawPointer, bytes: Int) {
        #if os(Linux)
        let huge = 2 << 20
        let start = (Int(bitPattern: pointer) + huge - 1) & ~(huge - 1)
        let end = (Int(bitPattern: pointer) + bytes) & ~(huge - 1)
        if end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) { _ = madvise(aligned, end - start, MADV_HUGEPAGE) }
        #endif
    }

    deinit {
        if mapped { munmap(UnsafeMutableRawPointer(mutating: base), count) } else { base.deallocate() }
    }
}
