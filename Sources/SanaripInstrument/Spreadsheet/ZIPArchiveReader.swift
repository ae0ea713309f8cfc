import Foundation
import ZIPFoundation

/// Reads entries of a ZIP archive held in memory, checking every offset against the data and every
/// inflated byte against a budget, so damaged or hostile archives end in an error rather than a trap or a hang.
///
/// ZIPFoundation's `Archive` trusts the archive's offsets (an in-memory archive traps on a directory that
/// points past the end of the data) and its inflater reads on past an entry's end; here the central
/// directory is parsed with bounds checks and only the inflater, `Data.decompress`, is ZIPFoundation's,
/// fed exactly the entry's bytes.
package struct ZIPArchiveReader {
    package struct Entry: Hashable {
        package var path: String
        package var flags: UInt16
        package var method: UInt16
        package var crc32: UInt32
        package var compressedSize: UInt64
        package var uncompressedSize: UInt64
        package var localHeaderOffset: UInt64

        var isEncrypted: Bool { flags & 1 != 0 }
    }

    package enum Failure: Error, Equatable {
        case notZIP
        case damaged(String)
        case encrypted(path: String)
        case unsupportedMethod(path: String, method: UInt16)
        case entryTooLarge(path: String, limit: Int)
        case compressionRatio(path: String, ratio: Int)
        case totalTooLarge(limit: Int)
    }

    /// Counts inflated bytes across all entries read from one archive.
    package struct Budget {
        package var limits: SpreadsheetLimits
        package var totalBytes = 0

        package init(limits: SpreadsheetLimits, totalBytes: Int = 0) {
            self.limits = limits
            self.totalBytes = totalBytes
        }
    }

    private let bytes: Data
    package let entries: [Entry]
    private let entriesByPath: [String: Int]
    private let entriesByFoldedPath: [String: Int]

    package init(data: Data) throws(Failure) {
        let bytes = data.startIndex == 0 ? data : Data(data)
        self.bytes = bytes
        let entries = try Self.centralDirectory(in: bytes)
        self.entries = entries
        var byPath: [String: Int] = [:]
        var byFolded: [String: Int] = [:]
        for (index, entry) in entries.enumerated() {
            if byPath[entry.path] == nil { byPath[entry.path] = index }
            let folded = Self.folded(entry.path)
            if byFolded[folded] == nil { byFolded[folded] = index }
        }
        self.entriesByPath = byPath
        self.entriesByFoldedPath = byFolded
    }

    /// The entry at `path`, matched exactly first, then ignoring case and a leading slash.
    package func entry(_ path: String) -> Entry? {
        if let index = entriesByPath[path] { return entries[index] }
        if let index = entriesByFoldedPath[Self.folded(path)] { return entries[index] }
        return nil
    }

    /// The inflated bytes of `entry`, charged to `budget`.
    package func contents(of entry: Entry, budget: inout Budget) throws(Failure) -> Data {
        if entry.isEncrypted { throw .encrypted(path: entry.path) }
        let limits = budget.limits
        let entryLimit = min(limits.maxEntryBytes, limits.maxTotalUncompressedBytes)
        guard entry.uncompressedSize <= UInt64(entryLimit) else {
            throw .entryTooLarge(path: entry.path, limit: entryLimit)
        }
        let range = try dataRange(of: entry)
        let output: Data
        var checksum: UInt32
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else {
                throw .damaged("\(entry.path) has inconsistent sizes")
            }
            output = bytes.subdata(in: range)
            try charge(output.count, to: &budget, entry: entry)
            checksum = output.crc32(checksum: 0)
        case 8:
            (output, checksum) = try inflate(range, entry: entry, budget: &budget)
        default:
            throw .unsupportedMethod(path: entry.path, method: entry.method)
        }
        guard UInt64(output.count) == entry.uncompressedSize, checksum == entry.crc32 else {
            throw .damaged("\(entry.path) fails its checksum")
        }
        return output
    }

    // MARK: - Inflating

    private struct Abort: Error {
        var failure: Failure
    }

    private func inflate(_ range: Range<Int>, entry: Entry, budget: inout Budget) throws(Failure) -> (Data, UInt32) {
        let chunkSize = 64 * 1024
        var position = range.lowerBound
        var exhausted = false
        var output = Data()
        output.reserveCapacity(Int(min(entry.uncompressedSize, 16 * 1024 * 1024)))
        var localBudget = budget
        do {
            // `Data.decompress` hands zlib a full `chunkSize` of input whatever the chunk holds, and asks for more
            // until the stream ends, so every chunk is padded to full size and a request after the last one aborts.
            let checksum = try Data.decompress(
                size: Int64(range.count),
                bufferSize: chunkSize,
                skipCRC32: false,
                provider: { _, _ in
                    if exhausted { throw Abort(failure: .damaged("\(entry.path) is cut short")) }
                    let end = min(position + chunkSize, range.upperBound)
                    var chunk = bytes.subdata(in: position..<end)
                    position = end
                    if position == range.upperBound {
                        exhausted = true
                        chunk.append(Data(count: chunkSize - chunk.count))
                    }
                    return chunk
                },
                consumer: { piece in
                    do throws(Failure) {
                        try charge(piece.count, to: &localBudget, entry: entry, soFar: output.count)
                    } catch {
                        throw Abort(failure: error)
                    }
                    output.append(piece)
                }
            )
            budget = localBudget
            return (output, checksum)
        } catch let abort as Abort {
            throw abort.failure
        } catch {
            throw .damaged("\(entry.path) holds corrupt compressed data")
        }
    }

    private func charge(_ count: Int, to budget: inout Budget, entry: Entry, soFar: Int = 0) throws(Failure) {
        let limits = budget.limits
        let produced = soFar + count
        let entryLimit = min(limits.maxEntryBytes, limits.maxTotalUncompressedBytes)
        if produced > entryLimit {
            throw .entryTooLarge(path: entry.path, limit: entryLimit)
        }
        if produced > SpreadsheetLimits.compressionRatioFloor,
           UInt64(produced) > UInt64(limits.maxCompressionRatio) * max(entry.compressedSize, 1) {
            throw .compressionRatio(path: entry.path, ratio: limits.maxCompressionRatio)
        }
        budget.totalBytes += count
        if budget.totalBytes > limits.maxTotalUncompressedBytes {
            throw .totalTooLarge(limit: limits.maxTotalUncompressedBytes)
        }
    }

    // MARK: - Structure

    private func dataRange(of entry: Entry) throws(Failure) -> Range<Int> {
        let header = entry.localHeaderOffset
        guard header <= UInt64(bytes.count),
              let signature = Self.uint32(bytes, at: Int(header)), signature == 0x0403_4B50,
              let nameLength = Self.uint16(bytes, at: Int(header) + 26),
              let extraLength = Self.uint16(bytes, at: Int(header) + 28)
        else {
            throw .damaged("the entry \(entry.path) is missing or cut off")
        }
        let start = UInt64(header) + 30 + UInt64(nameLength) + UInt64(extraLength)
        let (end, overflow) = start.addingReportingOverflow(entry.compressedSize)
        guard !overflow, end <= UInt64(bytes.count) else {
            throw .damaged("the entry \(entry.path) is cut off")
        }
        return Int(start)..<Int(end)
    }

    private static func centralDirectory(in bytes: Data) throws(Failure) -> [Entry] {
        guard let eocd = endOfCentralDirectory(in: bytes) else {
            let looksLikeZIP = bytes.count >= 4 && bytes.prefix(2) == Data([0x50, 0x4B])
            throw looksLikeZIP ? .damaged("its end-of-archive record is missing") : .notZIP
        }
        guard var count = uint16(bytes, at: eocd + 10).map(UInt64.init),
              var size = uint32(bytes, at: eocd + 12).map(UInt64.init),
              var offset = uint32(bytes, at: eocd + 16).map(UInt64.init)
        else { throw .damaged("its end-of-archive record is cut off") }

        if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
            guard eocd >= 20, uint32(bytes, at: eocd - 20) == 0x0706_4B50,
                  let recordOffset = uint64(bytes, at: eocd - 12), recordOffset < UInt64(bytes.count),
                  uint32(bytes, at: Int(recordOffset)) == 0x0606_4B50,
                  let count64 = uint64(bytes, at: Int(recordOffset) + 32),
                  let size64 = uint64(bytes, at: Int(recordOffset) + 40),
                  let offset64 = uint64(bytes, at: Int(recordOffset) + 48)
            else { throw .damaged("its ZIP64 directory is missing or cut off") }
            (count, size, offset) = (count64, size64, offset64)
        }
        let (end, overflow) = offset.addingReportingOverflow(size)
        guard !overflow, end <= UInt64(bytes.count) else {
            throw .damaged("its directory lies beyond the end of the file")
        }
        guard count <= size / 46 else { throw .damaged("its directory lists more entries than it holds") }

        var entries: [Entry] = []
        entries.reserveCapacity(Int(count))
        var cursor = Int(offset)
        let limit = Int(end)
        for _ in 0..<count {
            guard cursor + 46 <= limit, uint32(bytes, at: cursor) == 0x0201_4B50,
                  let flags = uint16(bytes, at: cursor + 8),
                  let method = uint16(bytes, at: cursor + 10),
                  let crc = uint32(bytes, at: cursor + 16),
                  let compressed = uint32(bytes, at: cursor + 20),
                  let uncompressed = uint32(bytes, at: cursor + 24),
                  let nameLength = uint16(bytes, at: cursor + 28).map(Int.init),
                  let extraLength = uint16(bytes, at: cursor + 30).map(Int.init),
                  let commentLength = uint16(bytes, at: cursor + 32).map(Int.init),
                  let headerOffset = uint32(bytes, at: cursor + 42)
            else { throw .damaged("its directory is damaged") }
            let nameStart = cursor + 46
            let extraStart = nameStart + nameLength
            let next = extraStart + extraLength + commentLength
            guard next <= limit else { throw .damaged("its directory is damaged") }
            let name = String(decoding: bytes[nameStart..<extraStart], as: UTF8.self)
            var entry = Entry(
                path: name.replacingOccurrences(of: "\\", with: "/"),
                flags: flags,
                method: method,
                crc32: crc,
                compressedSize: UInt64(compressed),
                uncompressedSize: UInt64(uncompressed),
                localHeaderOffset: UInt64(headerOffset)
            )
            applyZIP64Extra(bytes[extraStart..<(extraStart + extraLength)], to: &entry)
            if !entry.path.hasSuffix("/") {
                entries.append(entry)
            }
            cursor = next
        }
        return entries
    }

    private static func applyZIP64Extra(_ extra: Data, to entry: inout Entry) {
        var cursor = extra.startIndex
        while cursor + 4 <= extra.endIndex {
            guard let id = uint16(extra, at: cursor), let length = uint16(extra, at: cursor + 2).map(Int.init) else { return }
            let body = cursor + 4
            guard body + length <= extra.endIndex else { return }
            if id == 0x0001 {
                var field = body
                func next() -> UInt64? {
                    guard field + 8 <= body + length, let value = uint64(extra, at: field) else { return nil }
                    field += 8
                    return value
                }
                if entry.uncompressedSize == 0xFFFF_FFFF, let value = next() { entry.uncompressedSize = value }
                if entry.compressedSize == 0xFFFF_FFFF, let value = next() { entry.compressedSize = value }
                if entry.localHeaderOffset == 0xFFFF_FFFF, let value = next() { entry.localHeaderOffset = value }
                return
            }
            cursor = body + length
        }
    }

    /// The offset of the end-of-central-directory record, searched for in the last 64 KiB as the format allows.
    private static func endOfCentralDirectory(in bytes: Data) -> Int? {
        guard bytes.count >= 22 else { return nil }
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        var position = bytes.count - 22
        while position >= lowest {
            if bytes[position] == 0x50, uint32(bytes, at: position) == 0x0605_4B50 {
                return position
            }
            position -= 1
        }
        return nil
    }

    private static func folded(_ path: String) -> String {
        var path = path.replacingOccurrences(of: "\\", with: "/")
        while path.hasPrefix("/") { path.removeFirst() }
        return path.lowercased()
    }

    // MARK: - Little-endian integers

    private static func uint16(_ data: Data, at offset: Int) -> UInt16? {
        guard offset >= data.startIndex, offset + 2 <= data.endIndex else { return nil }
        return UInt16(data[offset]) | UInt16(data[offset + 1]) << 8
    }

    private static func uint32(_ data: Data, at offset: Int) -> UInt32? {
        guard offset >= data.startIndex, offset + 4 <= data.endIndex else { return nil }
        var value: UInt32 = 0
        for index in (0..<4).reversed() { value = value << 8 | UInt32(data[offset + index]) }
        return value
    }

    private static func uint64(_ data: Data, at offset: Int) -> UInt64? {
        guard offset >= data.startIndex, offset + 8 <= data.endIndex else { return nil }
        var value: UInt64 = 0
        for index in (0..<8).reversed() { value = value << 8 | UInt64(data[offset + index]) }
        return value
    }
}
