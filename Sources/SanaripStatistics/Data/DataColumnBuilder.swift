#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Builds one column while a source is read: numbers until a cell is not one, then dictionary-encoded text
/// (or text from the start, to keep every cell as written).
struct DataColumnBuilder {
    /// The cell texts read as missing besides empty cells.
    struct Missing {
        let tokens: [[UInt8]]
        /// Whether some token could parse as a number (then it is checked before parsing).
        let numeric: Bool

        init(_ texts: [String]) {
            tokens = texts.map { Array($0.utf8) }.filter { !$0.isEmpty }
            numeric = tokens.contains { DecimalParser.parse($0) != nil }
        }

        /// Whether `base[start..<end]`, blanks trimmed, is empty or a missing token.
        @inline(__always)
        func contains(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
            var start = start, end = end
            while start < end, base[start] == 0x20 { start += 1 }
            while end > start, base[end - 1] == 0x20 { end -= 1 }
            if start == end { return true }
            let length = end - start
            for token in tokens where token.count == length {
                if token.withUnsafeBufferPointer({ DataColumnBuilder.equal($0.baseAddress!, base + start, length) }) { return true }
            }
            return false
        }
    }

    var numbers: CellBuffer<Double>
    private(set) var isText: Bool
    var codes: CellBuffer<Int32>
    var levels: [String] = []
    /// The bytes of every level, one after another; level `i` is `levelData[levelStarts[i]..<levelStarts[i + 1]]`.
    private var levelData: [UInt8] = []
    private var levelStarts: [Int] = [0]
    /// An open-addressing hash table of the levels: each slot holds a level's code or −1; its size is a power of two.
    private var slots: [Int32] = []
    private var levelHashes: [UInt64] = []
    /// Each level of at most 7 bytes as one word (``shortKey(_:_:)``), 0 for longer ones: a column of a few short
    /// levels (sex, age group) is coded by comparing words.
    private var shortKeys: [UInt64] = []
    private var lastCode: Int32 = -1

    /// A column in memory of its own, with room for `capacity` cells to start with.
    init(capacity: Int, text: Bool) {
        isText = text
        numbers = CellBuffer(reserving: text ? 0 : capacity)
        codes = CellBuffer(reserving: text ? capacity : 0)
    }

    /// A column written into room for `capacity` cells at `numbers` (while numeric) or `codes` (once text).
    init(numbers: UnsafeMutablePointer<Double>, codes: UnsafeMutablePointer<Int32>, capacity: Int, text: Bool) {
        isText = text
        self.numbers = CellBuffer(room: numbers, capacity: capacity)
        self.codes = CellBuffer(room: codes, capacity: capacity)
    }

    var count: Int { isText ? codes.count : numbers.count }

    /// Turns a numeric column into text, forgetting its numbers: the caller adds its cells again as text.
    mutating func becomeText() {
        isText = true
        numbers.removeAll()
    }

    /// Adds a cell `base[start..<end]` (inside the quotes when `quoted`, with `""` for a quote); false when a
    /// numeric column meets text, and nothing is added.
    @inline(__always)
    mutating func add(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, quoted: Bool, missing: Missing) -> Bool {
        if isText, !quoted, addKnown(base, start, end) { return true }
        if !isText, !missing.numeric, let value = DecimalParser.parse(base, start, end) {
            numbers.append(value)
            return true
        }
        if missing.contains(base, start, end) {
            addMissing()
            return true
        }
        if !isText {
            guard let value = DecimalParser.parse(base, start, end) else { return false }
            numbers.append(value)
            return true
        }
        if quoted, Self.hasQuote(base, start, end) {
            let unescaped = Self.unescaped(base, start, end)
            unescaped.withUnsafeBufferPointer { append($0.baseAddress!, 0, $0.count) }
        } else {
            append(base, start, end - start)
        }
        return true
    }

    /// Adds the unquoted cell `base[start..<end]` of a text column when it is a level seen before (a level is never
    /// missing), found without hashing; false otherwise, and nothing is added.
    @inline(__always)
    mutating func addKnown(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard let code = knownCode(base, start, end - start) else { return false }
        lastCode = code
        codes.append(code)
        return true
    }

    /// Adds a cell given as text.
    mutating func add(_ text: String, missing: Missing) -> Bool {
        var text = text
        return text.withUTF8 { buffer in
            guard let base = buffer.baseAddress else {
                addMissing()
                return true
            }
            return add(base, 0, buffer.count, quoted: false, missing: missing)
        }
    }

    mutating func addMissing() {
        if isText { codes.append(-1) } else { numbers.append(.nan) }
    }

    /// Adds the levels of `other`, a later part of the same text column, to this one's; returns the code here of each
    /// of its levels.
    mutating func adoptLevels(of other: DataColumnBuilder) -> [Int32] {
        let data = other.levelData + [0]
        return data.withUnsafeBufferPointer { buffer in
            (0..<other.levels.count).map { level in
                code(for: buffer.baseAddress!, other.levelStarts[level], other.levelStarts[level + 1] - other.levelStarts[level])
            }
        }
    }

    func column(named name: String) -> DataColumn {
        isText ? DataColumn(name: name, codes: codes.elements, levels: levels) : DataColumn(name: name, numbers: numbers.elements)
    }

    /// Whether level `level` is the text `base[start..<start + length]`.
    @inline(__always)
    private func isLevel(_ level: Int, _ base: UnsafePointer<UInt8>, _ start: Int, _ length: Int) -> Bool {
        let from = levelStarts[level]
        guard levelStarts[level + 1] - from == length else { return false }
        return levelData.withUnsafeBufferPointer { Self.equal($0.baseAddress! + from, base + start, length) }
    }

    /// Adds the text `base[start..<start + length]` as it is, by its level's code.
    @inline(__always)
    private mutating func append(_ base: UnsafePointer<UInt8>, _ start: Int, _ length: Int) {
        let code = knownCode(base, start, length) ?? code(for: base, start, length)
        lastCode = code
        codes.append(code)
    }

    /// The code of the text when it is the previous cell's, or one of a few short levels; nil otherwise.
    @inline(__always)
    private func knownCode(_ base: UnsafePointer<UInt8>, _ start: Int, _ length: Int) -> Int32? {
        guard length <= 7, shortKeys.count <= 16 else {
            return lastCode >= 0 && isLevel(Int(lastCode), base, start, length) ? lastCode : nil
        }
        let key = Self.shortKey(base + start, length)
        return shortKeys.withUnsafeBufferPointer { keys in
            for level in keys.indices where keys[level] == key { return Int32(level) }
            return nil
        }
    }

    /// The bytes of a text of 1 to 7 bytes and its length, packed in one word (0 for longer or empty texts).
    @inline(__always)
    static func shortKey(_ bytes: UnsafePointer<UInt8>, _ length: Int) -> UInt64 {
        guard length > 0, length <= 7 else { return 0 }
        var key = UInt64(length) << 56
        for offset in 0..<length { key |= UInt64(bytes[offset]) << UInt64(8 * offset) }
        return key
    }

    /// The code of a text, added as a level when new.
    private mutating func code(for base: UnsafePointer<UInt8>, _ start: Int, _ length: Int) -> Int32 {
        let hash = Self.hash(base + start, length)
        if !slots.isEmpty {
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 {
                let level = Int(slots[slot])
                if levelHashes[level] == hash, isLevel(level, base, start, length) { return Int32(level) }
                slot = (slot + 1) & mask
            }
        }
        let code = Int32(levels.count)
        let key = UnsafeBufferPointer(start: base + start, count: length)
        levelData.append(contentsOf: key)
        levelStarts.append(levelData.count)
        levels.append(String(decoding: key, as: UTF8.self))
        levelHashes.append(hash)
        shortKeys.append(Self.shortKey(base + start, length))
        if levels.count * 2 > slots.count { rehash(capacity: max(64, slots.count * 2)) } else { insert(level: Int(code)) }
        return code
    }

    private mutating func rehash(capacity: Int) {
        slots = [Int32](repeating: -1, count: capacity)
        for level in levels.indices { insert(level: level) }
    }

    private mutating func insert(level: Int) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: levelHashes[level]) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(level)
    }

    /// A hash of `length` bytes at `bytes`, eight at a time.
    @inline(__always)
    static func hash(_ bytes: UnsafePointer<UInt8>, _ length: Int) -> UInt64 {
        var hash = UInt64(truncatingIfNeeded: length) &* 0x9E37_79B9_7F4A_7C15
        var offset = 0
        while offset + 8 <= length {
            hash = (hash ^ UnsafeRawPointer(bytes + offset).loadUnaligned(as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < length {
            tail |= UInt64(bytes[offset]) << shift
            shift += 8
            offset += 1
        }
        hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return hash ^ (hash >> 29)
    }

    /// Whether `length` bytes at `a` and `b` are equal; a loop, since survey texts are short and a call to `memcmp`
    /// costs more than comparing them.
    @inline(__always)
    static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        var offset = 0
        while offset + 8 <= length {
            if UnsafeRawPointer(a + offset).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(b + offset).loadUnaligned(as: UInt64.self) { return false }
            offset += 8
        }
        while offset < length {
            if a[offset] != b[offset] { return false }
            offset += 1
        }
        return true
    }

    static func hasQuote(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        memchr(base + start, 0x22, end - start) != nil
    }

    /// The bytes of a quoted field with each `""` read as one quote.
    static func unescaped(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(end - start)
        var i = start
        while i < end {
            result.append(base[i])
            i += base[i] == 0x22 ? 2 : 1
        }
        return result
    }
}
