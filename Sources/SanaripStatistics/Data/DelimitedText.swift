import Foundation
import SanaripCore

/// Delimited text in memory (a mapped file): its header, and the scanning of its records into columns or a copy.
///
/// `@unchecked Sendable`: the bytes are only read, by the parts of one read, while the caller keeps them alive.
struct DelimitedText: @unchecked Sendable {
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

    /// Where the unquoted field at `i` ends: its delimiter, line end, or `end`.
    @inline(__always)
    private static func fieldEnd(_ base: UnsafePointer<UInt8>, _ i: Int, _ end: Int, _ delimiter: UInt8) -> Int {
        var i = i
        while i < end {
            let byte = base[i]
            if byte == delimiter || byte == 0x0A || byte == 0x0D { break }
            i += 1
        }
        return i
    }

    /// The field at `i`: its content `[start, end)` (inside the quotes when quoted); `i` moves to the delimiter or
    /// line end after it.
    @inline(__always)
    private static func scanField(_ base: UnsafePointer<UInt8>, _ count: Int, _ delimiter: UInt8, _ i: inout Int) -> (start: Int, end: Int, quoted: Bool) {
        guard i < count, base[i] == 0x22 else {
            let start = i
            i = fieldEnd(base, i, count, delimiter)
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
        i = fieldEnd(base, min(i, count), count, delimiter)
        return (start, end, true)
    }

    /// Moves `i` past the delimiter or line end after a field; returns whether the record goes on, and adds to
    /// `fields` the empty field that a delimiter ending the text leaves.
    @inline(__always)
    private static func afterField(_ base: UnsafePointer<UInt8>, _ end: Int, _ delimiter: UInt8, _ i: inout Int, fields: inout Int) -> Bool {
        if i >= end { return false }
        if base[i] == delimiter {
            i += 1
            if i >= end {
                fields += 1
                return false
            }
            return true
        }
        if base[i] == 0x0D { i += 1 }
        if i < end, base[i] == 0x0A { i += 1 }
        return false
    }

    /// Calls `body(start, end, quoted)` for each field of the record at `i`; returns the next record's start
    /// (also left in `i`).
    @inline(__always)
    @discardableResult
    private static func scanRecord(_ base: UnsafePointer<UInt8>, _ count: Int, _ delimiter: UInt8, from i: inout Int, _ body: (Int, Int, Bool) -> Void) -> Int {
        var fields = 0
        while true {
            let (start, end, quoted) = scanField(base, count, delimiter, &i)
            body(start, end, quoted)
            fields += 1
            let scanned = fields
            if afterField(base, count, delimiter, &i, fields: &fields) { continue }
            // A delimiter ending the text: one more empty field.
            if fields > scanned { body(count, count, false) }
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
    struct Part: Sendable {
        var range: Range<Int>
        var builders: [DataColumnBuilder]
        var records = 0
        /// Blank lines before record `record` of this part.
        var gaps: [Gap] = []
        /// Blank lines at the end of this part (before the next part's first record).
        var trailingBlanks = 0
        var ragged: Ragged?
    }

    struct Gap: Sendable {
        var record: Int
        var rows: Int
    }

    struct Ragged: Sendable {
        var record: Int
        var found: Int
    }

    /// What every part of one read shares.
    private struct Request: Sendable {
        let slots: [Int]
        let kept: Int
        let missing: DataColumnBuilder.Missing
        let keepText: Bool
    }

    /// Where the parts write: each kept column's room as numbers and as codes (`@unchecked Sendable`: each part writes
    /// only its own rows).
    private struct Rooms: @unchecked Sendable {
        let numbers: [UnsafeMutablePointer<Double>]
        let codes: [UnsafeMutablePointer<Int32>]
    }

    /// The kept columns as a table; `parts` parts are read at once (when nil, one per core for a large body).
    ///
    /// The line ends of each part are counted first (an upper bound on its records), so that each part writes its
    /// rows straight into the table's arrays at their place; nothing is copied to join them unless blank lines leave
    /// gaps. From the first part holding a quote on, the text is one part read by a pass that follows quoted fields
    /// (a quoted field may hold a line break, so a cut there may not start a record).
    func table(columns wanted: [String]?, missing: DataColumnBuilder.Missing, keepText: Bool, parts requested: Int? = nil) throws(DataTableError) -> DataTable {
        let (names, slots) = try DataTableBuilder.resolve(wanted, in: header, file: name)
        let bodyBytes = count - bodyStart
        let partCount = max(1, requested ?? (bodyBytes < 1 << 20 ? 1 : min(ProcessInfo.processInfo.activeProcessorCount, 16)))
        let cut = split(into: partCount)
        let text = self
        let counted = concurrentMap(cut.count) { text.lineEnds(in: cut[$0]) }
        let first = counted.firstIndex(where: \.quote) ?? cut.count
        let quoted = first < cut.count
        let ranges = quoted ? Array(cut[..<first]) + [cut[first].lowerBound..<count] : cut
        var bounds = counted[..<first].map(\.lineEnds) + (quoted ? [counted[first...].reduce(0) { $0 + $1.lineEnds }] : [])
        // A last record without a line end (in the part ending the text: later parts may be empty).
        for index in ranges.indices where ranges[index].upperBound == count && !ranges[index].isEmpty { bounds[index] += 1 }
        var starts = [0]
        for bound in bounds.dropLast() { starts.append(starts[starts.count - 1] + bound) }
        let offsets = starts, capacities = bounds
        let capacity = bounds.reduce(0, +)
        let request = Request(slots: slots, kept: names.count, missing: missing, keepText: keepText)
        var failure: DataTableError?
        var origin = DataOrigin(file: name, firstRow: headerRows() + 1)
        var textColumns = [Bool](repeating: false, count: names.count)
        var levels = [[String]](repeating: [], count: names.count)
        let (numberArrays, codeArrays) = Self.columnArrays(count: names.count, capacity: capacity) { numbers, codes in
            let rooms = Rooms(numbers: numbers, codes: codes)
            let last = ranges.count - 1
            var parts = concurrentMap(ranges.count) { index in
                text.read(ranges[index], quotes: quoted && index == last, request, rooms: rooms, offset: offsets[index], capacity: capacities[index])
            }
            // Columns that turned to text in one part become text in every part.
            for target in names.indices where parts.contains(where: { $0.builders[target].isText }) {
                textColumns[target] = true
                for index in parts.indices where !parts[index].builders[target].isText {
                    let field = slots.firstIndex(of: target)!
                    parts[index].builders[target].becomeText()
                    rescan(parts[index].range, records: parts[index].records, field: field, missing: missing, into: &parts[index].builders[target])
                }
            }
            // Each part's rows move up to follow the previous part's when blank lines left room; later parts' codes
            // become codes of the first part's levels.
            var row = 0
            var pending = 0
            for (index, part) in parts.enumerated() {
                if part.records > 0 {
                    // Blank lines ending a part count before the next part's first record.
                    origin.skip(pending, before: row)
                    for gap in part.gaps { origin.skip(gap.rows, before: row + gap.record) }
                    if let ragged = part.ragged, failure == nil {
                        failure = .ragged(file: name, row: origin.row(row + ragged.record), expected: header.count, found: ragged.found)
                    }
                    pending = 0
                }
                pending += part.trailingBlanks
                for target in names.indices {
                    if textColumns[target], index > 0 {
                        let recode = parts[0].builders[target].adoptLevels(of: part.builders[target])
                        let from = codes[target] + offsets[index], to = codes[target] + row
                        // Forward: rows only move up, so a row is read before it can be overwritten.
                        for record in 0..<part.records {
                            let code = from[record]
                            to[record] = code < 0 ? code : recode[Int(code)]
                        }
                    } else if row != offsets[index] {
                        let size = textColumns[target] ? MemoryLayout<Int32>.stride : MemoryLayout<Double>.stride
                        let base = textColumns[target] ? UnsafeMutableRawPointer(codes[target]) : UnsafeMutableRawPointer(numbers[target])
                        memmove(base + row * size, base + offsets[index] * size, part.records * size)
                    }
                }
                row += part.records
            }
            for target in names.indices where textColumns[target] { levels[target] = parts[0].builders[target].levels }
            return names.indices.map { textColumns[$0] ? (numbers: 0, codes: row) : (numbers: row, codes: 0) }
        }
        if let failure { throw failure }
        let columns = names.indices.map { target in
            textColumns[target]
                ? DataColumn(name: names[target], codes: codeArrays[target], levels: levels[target])
                : DataColumn(name: names[target], numbers: numberArrays[target])
        }
        return DataTable(columns: columns, origin: origin)
    }

    /// Runs `body` with room for `capacity` rows of each of `count` columns, as numbers and as codes, in Swift arrays
    /// that then hold as many rows as `body` says for each (a column is numbers or codes: the other array stays
    /// empty, its room never touched, so it costs no memory).
    private static func columnArrays(count: Int, capacity: Int, _ body: ([UnsafeMutablePointer<Double>], [UnsafeMutablePointer<Int32>]) -> [(numbers: Int, codes: Int)]) -> ([[Double]], [[Int32]]) {
        var numberRooms: [UnsafeMutablePointer<Double>] = [], codeRooms: [UnsafeMutablePointer<Int32>] = []
        var lengths: [(numbers: Int, codes: Int)] = []
        var numberArrays = [[Double]](repeating: [], count: count), codeArrays = [[Int32]](repeating: [], count: count)
        // Each array's initialiser calls the next one's, so that all are open while `body` runs.
        func open(_ column: Int) {
            guard column < count else {
                lengths = body(numberRooms, codeRooms)
                return
            }
            let numbers = [Double](unsafeUninitializedCapacity: max(capacity, 1)) { numberBuffer, numbersWritten in
                numberRooms.append(numberBuffer.baseAddress!)
                MappedFile.preferHugePages(numberBuffer.baseAddress!, bytes: numberBuffer.count * MemoryLayout<Double>.stride)
                let codes = [Int32](unsafeUninitializedCapacity: max(capacity, 1)) { codeBuffer, codesWritten in
                    codeRooms.append(codeBuffer.baseAddress!)
                    MappedFile.preferHugePages(codeBuffer.baseAddress!, bytes: codeBuffer.count * MemoryLayout<Int32>.stride)
                    open(column + 1)
                    codesWritten = lengths[column].codes
                }
                codeArrays[column] = codes
                numbersWritten = lengths[column].numbers
            }
            numberArrays[column] = numbers
        }
        open(0)
        return (numberArrays, codeArrays)
    }

    /// The line ends (LF, CRLF or a lone CR) in `range`, at least as many as the records that end there, and whether
    /// it holds a quote; sixteen bytes at a time.
    private func lineEnds(in range: Range<Int>) -> (lineEnds: Int, quote: Bool) {
        let lineFeed = SIMD16<UInt8>(repeating: 0x0A), quote = SIMD16<UInt8>(repeating: 0x22), carriageReturn = SIMD16<UInt8>(repeating: 0x0D)
        var lines = 0
        var quotes = SIMDMask<SIMD16<Int8>>(repeating: false)
        var carriageReturns = SIMDMask<SIMD16<Int8>>(repeating: false)
        var i = range.lowerBound
        let raw = UnsafeRawPointer(base)
        while i + 16 <= range.upperBound {
            // Line feeds counted per byte lane (a lane counts at most 255 blocks before it is added up).
            var counts = SIMD16<UInt8>()
            var blocks = 0
            while blocks < 255, i + 16 <= range.upperBound {
                let bytes = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
                // A true lane is all ones (−1): subtracting it adds one.
                counts &-= unsafeBitCast(bytes .== lineFeed, to: SIMD16<UInt8>.self)
                quotes .|= bytes .== quote
                carriageReturns .|= bytes .== carriageReturn
                i += 16
                blocks += 1
            }
            for lane in 0..<16 { lines += Int(counts[lane]) }
        }
        var quoted = any(quotes), returns = any(carriageReturns)
        for j in i..<range.upperBound {
            if base[j] == 0x0A { lines += 1 } else if base[j] == 0x22 { quoted = true } else if base[j] == 0x0D { returns = true }
        }
        if returns {
            // A carriage return not followed by a line feed ends a record too (rare: counted one by one).
            for j in range where base[j] == 0x0D && (j + 1 >= count || base[j + 1] != 0x0A) { lines += 1 }
        }
        return (lines, quoted)
    }

    /// The body cut into `parts` ranges of about equal size, each ending after a line feed (some may be empty).
    private func split(into parts: Int) -> [Range<Int>] {
        var bounds = [bodyStart]
        for part in 1..<max(parts, 1) {
            var cut = max(bodyStart + (count - bodyStart) / parts * part, bounds[bounds.count - 1])
            if cut < count, let lineFeed = memchr(base + cut, 0x0A, count - cut) {
                cut = UnsafePointer<UInt8>(lineFeed.assumingMemoryBound(to: UInt8.self)) - base + 1
            } else {
                cut = count
            }
            bounds.append(cut)
        }
        bounds.append(count)
        return (0..<parts).map { bounds[$0]..<max(bounds[$0], bounds[$0 + 1]) }
    }

    /// How many rows the header record spans (more than one when a quoted name holds a line break).
    private func headerRows() -> Int {
        var rows = 1
        for i in headerStart..<max(headerStart, bodyStart - 1) where base[i] == 0x0A { rows += 1 }
        return rows
    }

    /// Reads the records in `range` into the kept columns, writing at row `offset` of `rooms` (room for `capacity`
    /// rows); `quotes`: follow quoted fields (without it, the range must hold no quote).
    private func read(_ range: Range<Int>, quotes: Bool, _ request: Request, rooms: Rooms, offset: Int, capacity: Int) -> Part {
        let builders = (0..<request.kept).map { target in
            DataColumnBuilder(numbers: rooms.numbers[target] + offset, codes: rooms.codes[target] + offset, capacity: capacity, text: request.keepText)
        }
        var reader = PartReader(text: self, range: range, request: request, builders: builders)
        reader.run(quotes: quotes)
        var part = Part(range: range, builders: reader.builders, records: reader.records, gaps: reader.gaps)
        part.trailingBlanks = reader.blanks
        part.ragged = reader.ragged
        return part
    }

    /// The reading of one part: numbers are parsed as the bytes are scanned, columns not kept are only skipped.
    /// All its state is in its fields, so that the loop needs no checks of exclusive access at run time.
    private struct PartReader {
        let text: DelimitedText
        let range: Range<Int>
        let request: Request
        var builders: [DataColumnBuilder]
        var gaps: [Gap] = []
        var ragged: Ragged?
        var records = 0
        /// Blank lines since the last record.
        var blanks = 0

        init(text: DelimitedText, range: Range<Int>, request: Request, builders: [DataColumnBuilder]) {
            self.text = text
            self.range = range
            self.request = request
            self.builders = builders
        }

        mutating func run(quotes: Bool) {
            // The columns are reached through a buffer pointer while the loop runs (no uniqueness or bounds checks
            // per cell), moved out of `self` so that the rest of `self` stays free to change.
            var columns = builders
            builders = []
            columns.withUnsafeMutableBufferPointer { columns in
                request.slots.withUnsafeBufferPointer { slots in scan(quotes: quotes, columns, slots) }
            }
            builders = columns
        }

        private mutating func scan(quotes: Bool, _ builders: UnsafeMutableBufferPointer<DataColumnBuilder>, _ slots: UnsafeBufferPointer<Int>) {
            let base = text.base, end = range.upperBound, delimiter = text.delimiter
            let fieldCount = text.header.count
            let numberFirst = !request.missing.numeric
            var i = range.lowerBound
            while i < end {
                if text.isBlankLine(i) {
                    text.skipBlankLine(&i)
                    blanks += 1
                    continue
                }
                if blanks > 0 {
                    gaps.append(Gap(record: records, rows: blanks))
                    blanks = 0
                }
                var field = 0
                repeat {
                    let target = field < fieldCount ? slots[field] : -1
                    if quotes, base[i] == 0x22 {
                        let (start, stop, _) = DelimitedText.scanField(base, end, delimiter, &i)
                        if target >= 0 { add(&builders[target], field, start, stop, quoted: true) }
                    } else if target < 0 {
                        i = DelimitedText.fieldEnd(base, i, end, delimiter)
                    } else if numberFirst, !builders[target].isText, let (value, stop) = DecimalParser.prefix(base, i, end),
                              stop == end || base[stop] == delimiter || base[stop] == 0x0A || base[stop] == 0x0D {
                        builders[target].numbers.append(value)
                        i = stop
                    } else {
                        let start = i
                        i = DelimitedText.fieldEnd(base, i, end, delimiter)
                        if !builders[target].isText || !builders[target].addKnown(base, start, i) {
                            add(&builders[target], field, start, i, quoted: false)
                        }
                    }
                    field += 1
                } while DelimitedText.afterField(base, end, delimiter, &i, fields: &field)
                if field != fieldCount, ragged == nil { ragged = Ragged(record: records, found: field) }
                if field != fieldCount || i >= end {
                    // Cells a short record (or a delimiter ending the text) leaves out are missing.
                    for target in builders.indices where builders[target].count <= records { builders[target].addMissing() }
                }
                records += 1
            }
        }

        /// Adds a cell by the general rules; a numeric column meeting text turns to text (earlier rows read again).
        private func add(_ builder: inout DataColumnBuilder, _ field: Int, _ start: Int, _ stop: Int, quoted: Bool) {
            guard !builder.add(text.base, start, stop, quoted: quoted, missing: request.missing) else { return }
            builder.becomeText()
            text.rescan(range, records: records, field: field, missing: request.missing, into: &builder)
            _ = builder.add(text.base, start, stop, quoted: quoted, missing: request.missing)
        }
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
