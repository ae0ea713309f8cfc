import Foundation

extension DataTable {
    /// Reads a comma-separated file with a header line (RFC 4180 quoting, LF or CRLF, UTF-8 with or without BOM).
    ///
    /// - Parameters:
    ///   - columns: the columns to keep (all when nil); naming one that is absent fails with the list of columns.
    ///   - missing: cell texts read as missing (compared after trimming blanks); empty cells are always missing.
    ///
    /// One pass parses every kept column as numbers; a column holding any other text is read again
    /// and dictionary-encoded. Memory is the file plus the columns kept.
    public init(csvFile path: String, columns wanted: [String]? = nil, missing: [String] = ["NA"]) throws(DataTableError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        try self.init(csv: data, name: path, columns: wanted, missing: missing)
    }

    /// Reads CSV bytes; see ``init(csvFile:columns:missing:)``.
    public init(csv data: Data, name: String = "data", columns wanted: [String]? = nil, missing: [String] = ["NA"]) throws(DataTableError) {
        let result: Result<[DataColumn], DataTableError> = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard let base = bytes.baseAddress, bytes.count > 0 else { return .failure(.emptyFile(path: name)) }
            var reader = CSVScanner(base: base, count: bytes.count, missing: missing)
            return Result { () throws(DataTableError) in try reader.read(name: name, wanted: wanted) }
        }
        try self.init(columns: result.get())
    }
}

/// The CSV tokenizer and column builders behind ``DataTable/init(csv:name:columns:missing:)``.
private struct CSVScanner {
    let base: UnsafePointer<UInt8>
    let count: Int
    let missing: [[UInt8]]

    /// Whether some missing token could parse as a number (then it is checked before parsing).
    let numericMissing: Bool

    init(base: UnsafePointer<UInt8>, count: Int, missing: [String]) {
        self.base = base
        self.count = count
        self.missing = missing.map { Array($0.utf8) }.filter { !$0.isEmpty }
        numericMissing = self.missing.contains { DecimalParser.parse($0) != nil }
    }

    mutating func read(name: String, wanted: [String]?) throws(DataTableError) -> [DataColumn] {
        var position = 0
        if count >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { position = 3 }
        var header: [String] = []
        let bodyStart = scanRecord(from: position) { _, start, end, quoted in
            header.append(self.text(start, end, quoted))
        }
        guard !header.isEmpty, header != [""] else { throw .emptyFile(path: name) }
        let names = wanted ?? header
        var slots = [Int](repeating: -1, count: header.count)
        for (target, column) in names.enumerated() {
            guard let source = header.firstIndex(of: column) else { throw .missingColumn(column, available: header) }
            slots[source] = target
        }
        let estimate = estimateRows(from: bodyStart)
        var builders = names.map { _ in ColumnBuilder(capacity: estimate) }
        var rows = 0
        var line = 1
        var ragged: DataTableError?
        var i = bodyStart
        while i < count {
            line += 1
            if base[i] == 0x0A || (base[i] == 0x0D && i + 1 < count && base[i + 1] == 0x0A) {
                i += base[i] == 0x0D ? 2 : 1
                continue
            }
            var field = 0
            while true {
                let (start, end, quoted) = scanField(&i)
                if field < slots.count, slots[field] >= 0 {
                    let target = slots[field]
                    if !builders[target].add(self, start, end, quoted) {
                        // The first cell that is not a number: re-read the rows before it as text.
                        builders[target].becomeText(capacity: estimate)
                        rescan(bodyStart, rows: rows, field: field, into: &builders[target])
                        _ = builders[target].add(self, start, end, quoted)
                    }
                }
                field += 1
                if i >= count { break }
                if base[i] == 0x2C {
                    i += 1
                    if i >= count {
                        field += 1
                        break
                    }
                    continue
                }
                if base[i] == 0x0D { i += 1 }
                if i < count, base[i] == 0x0A { i += 1 }
                break
            }
            if field != header.count, ragged == nil { ragged = .ragged(line: line, expected: header.count, found: field) }
            for target in builders.indices where builders[target].count <= rows { _ = builders[target].add(self, i, i, false) }
            rows += 1
        }
        if let ragged { throw ragged }
        return zip(names, builders).map { $1.column(named: $0) }
    }

    /// Adds field `wanted` of the first `rows` records to `builder`.
    private func rescan(_ bodyStart: Int, rows: Int, field wanted: Int, into builder: inout ColumnBuilder) {
        var position = bodyStart
        var seen = 0
        while position < count, seen < rows {
            if base[position] == 0x0A || (base[position] == 0x0D && position + 1 < count && base[position + 1] == 0x0A) {
                position += base[position] == 0x0D ? 2 : 1
                continue
            }
            position = scanRecord(from: position) { field, start, end, quoted in
                if field == wanted { _ = builder.add(self, start, end, quoted) }
            }
            seen += 1
        }
    }

    private func estimateRows(from start: Int) -> Int {
        var newlines = 0
        var position = start
        let sampleEnd = min(count, start + 1 << 16)
        while position < sampleEnd {
            if base[position] == 0x0A { newlines += 1 }
            position += 1
        }
        guard newlines > 0, sampleEnd > start else { return 16 }
        return Int(Double(count - start) / Double(sampleEnd - start) * Double(newlines) * 1.02) + 16
    }

    /// The field starting at `i`: its content `[start, end)` (inside the quotes when quoted); `i` moves to the
    /// separator or line end after it.
    @inline(__always)
    private func scanField(_ i: inout Int) -> (start: Int, end: Int, quoted: Bool) {
        guard i < count, base[i] == 0x22 else {
            let start = i
            while i < count, base[i] != 0x2C, base[i] != 0x0A, base[i] != 0x0D { i += 1 }
            return (start, i, false)
        }
        let start = i + 1
        i += 1
        while i < count {
            if base[i] == 0x22 {
                if i + 1 < count, base[i + 1] == 0x22 { i += 2; continue }
                break
            }
            i += 1
        }
        let end = min(i, count)
        i += 1
        while i < count, base[i] != 0x2C, base[i] != 0x0A, base[i] != 0x0D { i += 1 }
        return (start, end, true)
    }

    /// Calls `body(fieldIndex, start, end, quoted)` for each field of the record at `position`; returns the next record's start.
    @inline(__always)
    private func scanRecord(from position: Int, _ body: (Int, Int, Int, Bool) -> Void) -> Int {
        var i = position
        var field = 0
        while true {
            let (start, end, quoted) = scanField(&i)
            body(field, start, end, quoted)
            field += 1
            if i >= count { return count }
            if base[i] == 0x2C { i += 1; continue }
            if base[i] == 0x0D { i += 1 }
            if i < count, base[i] == 0x0A { i += 1 }
            return i
        }
    }

    @inline(__always)
    func isMissing(_ start: Int, _ end: Int) -> Bool {
        var start = start, end = end
        while start < end, base[start] == 0x20 { start += 1 }
        while end > start, base[end - 1] == 0x20 { end -= 1 }
        if start == end { return true }
        let length = end - start
        for token in missing where token.count == length {
            var same = true
            for offset in 0..<length where base[start + offset] != token[offset] {
                same = false
                break
            }
            if same { return true }
        }
        return false
    }

    func hasEscapedQuote(_ start: Int, _ end: Int) -> Bool {
        var i = start
        while i < end {
            if base[i] == 0x22 { return true }
            i += 1
        }
        return false
    }

    func bytes(_ start: Int, _ end: Int, _ quoted: Bool) -> [UInt8] {
        guard quoted else { return Array(UnsafeBufferPointer(start: base + start, count: end - start)) }
        var result: [UInt8] = []
        result.reserveCapacity(end - start)
        var i = start
        while i < end {
            result.append(base[i])
            i += base[i] == 0x22 ? 2 : 1
        }
        return result
    }

    private func text(_ start: Int, _ end: Int, _ quoted: Bool) -> String {
        String(decoding: bytes(start, end, quoted), as: UTF8.self)
    }
}

/// Builds one column while the file is scanned: numbers until a cell is not one, then dictionary-encoded text.
private struct ColumnBuilder {
    var numbers: [Double] = []
    var isText = false
    var codes: [Int32] = []
    var levels: [String] = []
    private var levelBytes: [[UInt8]] = []
    private var lookup: [[UInt8]: Int32] = [:]
    private var lastCode: Int32 = -1

    init(capacity: Int) {
        numbers.reserveCapacity(capacity)
    }

    var count: Int { isText ? codes.count : numbers.count }

    mutating func becomeText(capacity: Int) {
        isText = true
        numbers = []
        codes.reserveCapacity(capacity)
    }

    /// Adds a cell; false when a numeric column meets text.
    @inline(__always)
    mutating func add(_ scanner: CSVScanner, _ start: Int, _ end: Int, _ quoted: Bool) -> Bool {
        if !isText, !scanner.numericMissing, let value = DecimalParser.parse(scanner.base, start, end) {
            numbers.append(value)
            return true
        }
        if scanner.isMissing(start, end) {
            if isText { codes.append(-1) } else { numbers.append(.nan) }
            return true
        }
        if !isText {
            guard let value = DecimalParser.parse(scanner.base, start, end) else { return false }
            numbers.append(value)
            return true
        }
        if quoted, scanner.hasEscapedQuote(start, end) {
            let unescaped = scanner.bytes(start, end, true)
            unescaped.withUnsafeBufferPointer { append($0.baseAddress!, 0, $0.count) }
        } else {
            append(scanner.base, start, end - start)
        }
        return true
    }

    @inline(__always)
    private static func same(_ level: [UInt8], _ base: UnsafePointer<UInt8>, _ start: Int, _ length: Int) -> Bool {
        level.count == length && level.withUnsafeBufferPointer { memcmp($0.baseAddress!, base + start, length) == 0 }
    }

    private mutating func append(_ base: UnsafePointer<UInt8>, _ start: Int, _ length: Int) {
        if lastCode >= 0, Self.same(levelBytes[Int(lastCode)], base, start, length) {
            codes.append(lastCode)
            return
        }
        var code: Int32 = -1
        if levelBytes.count <= 32 {
            for index in levelBytes.indices where Self.same(levelBytes[index], base, start, length) {
                code = Int32(index)
                break
            }
        } else {
            code = lookup[Array(UnsafeBufferPointer(start: base + start, count: length))] ?? -1
        }
        if code < 0 {
            code = Int32(levelBytes.count)
            let key = Array(UnsafeBufferPointer(start: base + start, count: length))
            levelBytes.append(key)
            lookup[key] = code
            levels.append(String(decoding: key, as: UTF8.self))
        }
        lastCode = code
        codes.append(code)
    }

    func column(named name: String) -> DataColumn {
        isText ? DataColumn(name: name, codes: codes, levels: levels) : DataColumn(name: name, numbers: numbers)
    }
}
