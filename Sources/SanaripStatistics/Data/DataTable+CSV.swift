import Foundation

extension DataTable {
    /// Reads a delimited text file with a header line: comma, semicolon or tab (judged from the header line),
    /// RFC 4180 quoting, LF or CRLF, UTF-8 with or without BOM. Blank lines are skipped (and counted in row numbers).
    ///
    /// - Parameters:
    ///   - columns: the columns to keep (all when nil), matched exactly, then ignoring case and surrounding blanks;
    ///     naming one that is absent fails with the list of columns.
    ///   - missing: cell texts read as missing (compared after trimming blanks); empty cells are always missing.
    ///   - keepText: keep every column as text, exactly as written (numbers are still parsed when asked for).
    ///
    /// The file is memory-mapped and parsed once: each kept column as numbers, or, from the first cell that is not a
    /// number, dictionary-encoded text (the rows before it read again as text). A large file without quotes is
    /// parsed in two halves on two threads. Memory is the mapped file plus the columns kept.
    public init(csvFile path: String, columns wanted: [String]? = nil, missing: [String] = ["NA"], keepText: Bool = false) throws(DataTableError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        try self.init(csv: data, name: path, columns: wanted, missing: missing, keepText: keepText)
    }

    /// Reads delimited text; see ``init(csvFile:columns:missing:keepText:)``. `name` names the source in messages.
    public init(csv data: Data, name: String = "data", columns wanted: [String]? = nil, missing: [String] = ["NA"], keepText: Bool = false) throws(DataTableError) {
        let result: Result<DataTable, DataTableError> = data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self), raw.count > 0 else { return .failure(.emptyFile(path: name)) }
            return Result { () throws(DataTableError) in
                let text = try DelimitedText(base: base, count: raw.count, name: name)
                return try text.table(columns: wanted, missing: DataColumnBuilder.Missing(missing), keepText: keepText)
            }
        }
        self = try result.get()
    }

    /// Copies the delimited text file `input` to `output` (written whole to a temporary file, then moved into place),
    /// each record followed by more columns: the header gets `names`, and record `k` (0-based, blank lines skipped,
    /// as the reader counts them) gets `values[c][k]` for each new column `c` (numbers as ``DataColumn/label(_:)``
    /// writes them, NaN as an empty cell), each after the file's delimiter. Every input byte of a record is kept.
    public static func copyDelimitedText(_ input: String, to output: String, appending names: [String], values: [[Double]]) throws(DataTableError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: input), options: .mappedIfSafe)
        } catch {
            throw .unreadable(path: input, reason: (error as NSError).localizedDescription)
        }
        let result: Result<Void, DataTableError> = data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self), raw.count > 0 else { return .failure(.emptyFile(path: input)) }
            return Result { () throws(DataTableError) in
                let text = try DelimitedText(base: base, count: raw.count, name: input)
                try text.copy(to: output, appending: names) { record, bytes in
                    for column in values {
                        bytes.append(text.delimiter)
                        if record < column.count { DataColumn.appendLabel(column[record], to: &bytes) }
                    }
                }
            }
        }
        try result.get()
    }
}

/// A memory-mapped delimited text file: its header and the scanning of its records.
private struct DelimitedText {
    let base: UnsafePointer<UInt8>
    let count: Int
    let name: String
    let delimiter: UInt8
    let header: [String]
    /// Where the header record starts (after a BOM) and where the first data record starts.
    let headerStart: Int
    let bodyStart: Int

    init(base: UnsafePointer<UInt8>, count: Int, name: String) throws(DataTableError) {
        self.base = base
        self.count = count
        self.name = name
        let start = count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF ? 3 : 0
        headerStart = start
        delimiter = Self.delimiter(base, from: start, count: count)
        var header: [String] = []
        var i = start
        // The header record, scanned with the same rules as the others.
        bodyStart = Self.scanRecord(base, count, delimiter, from: &i) { start, end, quoted in
            let bytes = quoted ? DataColumnBuilder.unescaped(base, start, end) : Array(UnsafeBufferPointer(start: base + start, count: end - start))
            header.append(String(decoding: bytes, as: UTF8.self).trimmingBlanks)
        }
        guard !header.isEmpty, header != [""] else { throw .emptyFile(path: name) }
        self.header = header
    }

    /// The most frequent of comma, semicolon and tab outside quotes on the first line; comma when none.
    private static func delimiter(_ base: UnsafePointer<UInt8>, from start: Int, count: Int) -> UInt8 {
        var counts: [UInt8: Int] = [0x2C: 0, 0x3B: 0, 0x09: 0]
        var quoted = false
        var i = start
        while i < count {
            let byte = base[i]
            if byte == 0x22 { quoted.toggle() } else if !quoted {
                if byte == 0x0A || byte == 0x0D { break }
                if counts[byte] != nil { counts[byte]! += 1 }
            }
            i += 1
        }
        let best = [UInt8(0x2C), 0x3B, 0x09].max { counts[$0]! < counts[$1]! }!
        return counts[best]! > 0 ? best : 0x2C
    }

    /// The field at `i`: its content `[start, end)` (inside the quotes when quoted); `i` moves to the delimiter or
    /// line end after it.
    @inline(__always)
    private static func scanField(_ base: UnsafePointer<UInt8>, _ count: Int, _ delimiter: UInt8, _ i: inout Int) -> (start: Int, end: Int, quoted: Bool) {
        guard i < count, base[i] == 0x22 else {
            let start = i
            while i < count {
                let byte = base[i]
                if byte == delimiter || byte == 0x0A || byte == 0x0D { break }
                i += 1
            }
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
        while i < count, base[i] != delimiter, base[i] != 0x0A, base[i] != 0x0D { i += 1 }
        return (start, end, true)
    }

    /// Calls `body(start, end, quoted)` for each field of the record at `i`; returns the next record's start
    /// (also left in `i`).
    @inline(__always)
    @discardableResult
    private static func scanRecord(_ base: UnsafePointer<UInt8>, _ count: Int, _ delimiter: UInt8, from i: inout Int, _ body: (Int, Int, Bool) -> Void) -> Int {
        while true {
            let (start, end, quoted) = scanField(base, count, delimiter, &i)
            body(start, end, quoted)
            if i >= count { return count }
            if base[i] == delimiter {
                i += 1
                if i >= count {
                    // A delimiter ending the file: one more empty field.
                    body(i, i, false)
                    return count
                }
                continue
            }
            if base[i] == 0x0D { i += 1 }
            if i < count, base[i] == 0x0A { i += 1 }
            return i
        }
    }

    @inline(__always)
    private func isBlankLine(_ i: Int) -> Bool {
        base[i] == 0x0A || (base[i] == 0x0D && (i + 1 >= count || base[i + 1] == 0x0A))
    }

    @inline(__always)
    private func skipBlankLine(_ i: inout Int) {
        i += base[i] == 0x0D && i + 1 < count ? 2 : 1
    }

    // MARK: Reading

    /// One part of the body read into columns.
    struct Part {
        var range: Range<Int>
        var builders: [DataColumnBuilder]
        var records = 0
        /// Blank lines before record `record` of this part.
        var gaps: [(record: Int, rows: Int)] = []
        /// Blank lines at the end of this part (before the next part's first record).
        var trailingBlanks = 0
        var ragged: (record: Int, found: Int)?
    }

    func table(columns wanted: [String]?, missing: DataColumnBuilder.Missing, keepText: Bool) throws(DataTableError) -> DataTable {
        let (names, slots) = try DataTableBuilder.resolve(wanted, in: header, file: name)
        let estimate = estimateRows()
        var parts: [Part]
        let bodyBytes = count - bodyStart
        if bodyBytes > 4 << 20, ProcessInfo.processInfo.activeProcessorCount > 1, memchr(base + bodyStart, 0x22, bodyBytes) == nil {
            // No quotes: every line feed ends a record, so the body splits at the line feed nearest its middle.
            var middle = bodyStart + bodyBytes / 2
            while middle < count, base[middle] != 0x0A { middle += 1 }
            middle = min(middle + 1, count)
            let first = bodyStart..<middle, second = middle..<count
            let capacity = estimate / 2 + 16
            let shared = UncheckedSendable(self)
            let (secondPart, firstPart) = runConcurrently(
                { shared.value.read(second, slots: slots, kept: names.count, missing: missing, keepText: keepText, capacity: capacity) },
                { read(first, slots: slots, kept: names.count, missing: missing, keepText: keepText, capacity: capacity) })
            parts = [firstPart, secondPart]
        } else {
            parts = [read(bodyStart..<count, slots: slots, kept: names.count, missing: missing, keepText: keepText, capacity: estimate)]
        }
        // Columns that turned to text in one part become text in every part, then the parts are joined.
        for target in names.indices where parts.contains(where: { $0.builders[target].isText }) {
            for index in parts.indices where !parts[index].builders[target].isText {
                let field = slots.firstIndex(of: target)!
                _ = parts[index].builders[target].becomeText(capacity: parts[index].records)
                rescan(parts[index].range, records: parts[index].records, field: field, missing: missing, into: &parts[index].builders[target])
            }
        }
        var origin = DataOrigin(file: name, firstRow: headerRows() + 1)
        var offset = 0
        var pending = 0
        for part in parts {
            guard part.records > 0 else {
                pending += part.trailingBlanks
                continue
            }
            // Blank lines ending the part before count before this part's first record.
            origin.skip(pending, before: offset)
            for gap in part.gaps { origin.skip(gap.rows, before: offset + gap.record) }
            if let ragged = part.ragged {
                throw .ragged(file: name, row: origin.row(offset + ragged.record), expected: header.count, found: ragged.found)
            }
            pending = part.trailingBlanks
            offset += part.records
        }
        var builders = parts[0].builders
        for part in parts.dropFirst() {
            for target in builders.indices { builders[target].append(contentsOf: part.builders[target]) }
        }
        return DataTable(columns: zip(names, builders).map { $1.column(named: $0) }, origin: origin)
    }

    /// How many rows the header record spans (more than one when a quoted name holds a line break).
    private func headerRows() -> Int {
        var rows = 1
        for i in headerStart..<max(headerStart, bodyStart - 1) where base[i] == 0x0A { rows += 1 }
        return rows
    }

    /// Reads the records in `range` into the kept columns.
    private func read(_ range: Range<Int>, slots: [Int], kept: Int, missing: DataColumnBuilder.Missing, keepText: Bool, capacity: Int) -> Part {
        var builders = (0..<kept).map { _ in DataColumnBuilder(capacity: capacity, text: keepText) }
        var gaps: [(record: Int, rows: Int)] = []
        var ragged: (record: Int, found: Int)?
        var records = 0
        let end = range.upperBound
        let fieldCount = header.count
        var blanks = 0
        var i = range.lowerBound
        while i < end {
            if isBlankLine(i) {
                skipBlankLine(&i)
                blanks += 1
                continue
            }
            if blanks > 0 {
                gaps.append((records, blanks))
                blanks = 0
            }
            var field = 0
            while true {
                let (start, stop, quoted) = Self.scanField(base, end, delimiter, &i)
                if field < fieldCount, case let target = slots[field], target >= 0 {
                    let added = builders.withUnsafeMutableBufferPointer { $0[target].add(base, start, stop, quoted: quoted, missing: missing) }
                    if !added {
                        // The first cell that is not a number: the rows before it are read again as text.
                        _ = builders[target].becomeText(capacity: capacity)
                        rescan(range, records: records, field: field, missing: missing, into: &builders[target])
                        _ = builders[target].add(base, start, stop, quoted: quoted, missing: missing)
                    }
                }
                field += 1
                if i >= end { break }
                if base[i] == delimiter {
                    i += 1
                    if i >= end {
                        field += 1
                        break
                    }
                    continue
                }
                if base[i] == 0x0D { i += 1 }
                if i < end, base[i] == 0x0A { i += 1 }
                break
            }
            if field != fieldCount, ragged == nil { ragged = (records, field) }
            // Cells a short record (or a delimiter ending the file) leaves out are missing.
            for target in builders.indices where builders[target].count <= records { builders[target].addMissing() }
            records += 1
        }
        var part = Part(range: range, builders: builders, records: records, gaps: gaps)
        part.trailingBlanks = blanks
        part.ragged = ragged
        return part
    }

    /// Adds field `wanted` of the first `records` records of `range` to `builder`.
    private func rescan(_ range: Range<Int>, records: Int, field wanted: Int, missing: DataColumnBuilder.Missing, into builder: inout DataColumnBuilder) {
        var i = range.lowerBound
        var seen = 0
        while i < range.upperBound, seen < records {
            if isBlankLine(i) {
                skipBlankLine(&i)
                continue
            }
            var field = 0
            var found = false
            Self.scanRecord(base, range.upperBound, delimiter, from: &i) { start, end, quoted in
                if field == wanted {
                    _ = builder.add(base, start, end, quoted: quoted, missing: missing)
                    found = true
                }
                field += 1
            }
            if !found { builder.addMissing() }
            seen += 1
        }
    }

    private func estimateRows() -> Int {
        let sampleEnd = min(count, bodyStart + 1 << 16)
        var newlines = 0
        for i in bodyStart..<sampleEnd where base[i] == 0x0A { newlines += 1 }
        guard newlines > 0, sampleEnd > bodyStart else { return 16 }
        return Int(Double(count - bodyStart) / Double(sampleEnd - bodyStart) * Double(newlines) * 1.02) + 16
    }

    // MARK: Copying

    func copy(to output: String, appending names: [String], fields: (Int, inout [UInt8]) -> Void) throws(DataTableError) {
        let target = URL(fileURLWithPath: output)
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).tmp")
        guard let file = fopen(temporary.path, "wb") else {
            throw .unreadable(path: output, reason: "cannot write there (\(String(cString: strerror(errno)))); check that the folder exists and is writable")
        }
        var closed = false
        defer {
            if !closed { fclose(file) }
            try? FileManager.default.removeItem(at: temporary)
        }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        var failed = false
        func flush() {
            if !buffer.isEmpty, fwrite(buffer, 1, buffer.count, file) != buffer.count { failed = true }
            buffer.removeAll(keepingCapacity: true)
        }
        let newline: [UInt8] = lineEnd()
        /// Record `[start, end)` without its line end, then the appended fields and a line end.
        func emit(_ start: Int, _ end: Int, _ appended: (inout [UInt8]) -> Void) {
            var stop = end
            while stop > start, base[stop - 1] == 0x0A || base[stop - 1] == 0x0D { stop -= 1 }
            buffer.append(contentsOf: UnsafeBufferPointer(start: base + start, count: stop - start))
            appended(&buffer)
            buffer.append(contentsOf: newline)
            if buffer.count >= 1 << 20 { flush() }
        }
        emit(headerStart, bodyStart) { bytes in
            for name in names {
                bytes.append(delimiter)
                bytes.append(contentsOf: Self.quotedIfNeeded(name, delimiter: delimiter))
            }
        }
        var i = bodyStart
        var record = 0
        while i < count {
            if isBlankLine(i) {
                skipBlankLine(&i)
                continue
            }
            let start = i
            Self.scanRecord(base, count, delimiter, from: &i) { _, _, _ in }
            emit(start, i) { fields(record, &$0) }
            record += 1
        }
        flush()
        closed = true
        if fclose(file) != 0 || failed {
            throw .unreadable(path: output, reason: "writing failed (\(String(cString: strerror(errno)))); check the free space")
        }
        // rename(2) replaces an existing output in one step.
        guard rename(temporary.path, target.path) == 0 else {
            throw .unreadable(path: output, reason: "cannot replace it (\(String(cString: strerror(errno))))")
        }
    }

    /// The line end the file uses (CRLF when its header line ends so), LF otherwise.
    private func lineEnd() -> [UInt8] {
        bodyStart >= 2 && base[bodyStart - 1] == 0x0A && base[bodyStart - 2] == 0x0D ? [0x0D, 0x0A] : [0x0A]
    }

    private static func quotedIfNeeded(_ text: String, delimiter: UInt8) -> [UInt8] {
        let bytes = Array(text.utf8)
        guard bytes.contains(where: { $0 == delimiter || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return bytes }
        return [0x22] + bytes.flatMap { $0 == 0x22 ? [0x22, 0x22] : [$0] } + [0x22]
    }
}

/// A value handed to the other thread of ``runConcurrently(_:_:)``, which only reads it.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// Runs `first` on a thread of its own while `second` runs on this one (a plain thread: on Linux, dispatch holds
/// back its workers while other processes keep the cores busy).
private func runConcurrently<A, B>(_ first: @escaping @Sendable () -> A, _ second: () -> B) -> (A, B) {
    let box = ThreadResult<A>()
    let thread = Thread {
        box.value = first()
        box.done.signal()
    }
    thread.start()
    let secondValue = second()
    box.done.wait()
    return (box.value!, secondValue)
}

/// Where the thread of ``runConcurrently(_:_:)`` leaves its result: written before `done` is signalled, read after.
private final class ThreadResult<A>: @unchecked Sendable {
    var value: A?
    let done = DispatchSemaphore(value: 0)
}
