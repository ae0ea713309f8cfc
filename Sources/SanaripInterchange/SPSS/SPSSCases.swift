/// A run of cases encoded for one writer's dictionary but apart from its file, so that runs can be encoded on
/// several threads and appended in order (``SPSSWriter/append(_:)``) — the file's bytes are the same as when
/// every case is appended alone. Values are given one variable at a time, in dictionary order, as numbers or
/// as UTF-8 bytes (no `String` per cell), and ``endCase()`` closes each case.
///
/// ```swift
/// var cases = writer.makeCases()
/// try cases.append(number: 34)
/// try cases.append(utf8: bytes)      // UnsafeBufferPointer<UInt8>
/// try cases.endCase()
/// try writer.append(cases)
/// ```
///
/// A value that does not fit its variable throws and takes the unfinished case back out, so the run still
/// holds only the whole cases appended before it.
public struct SPSSCases: Sendable {
    /// What encoding needs of the dictionary.
    struct Layout: Sendable {
        let names: [String]
        /// Each variable's width, 0 for a number.
        let widths: [Int]
        /// Each string variable's segment widths (one segment up to 255 bytes).
        let segments: [[Int]]
        let compressed: Bool
    }

    let layout: Layout
    /// Compressed: one bytecode per 8-byte unit (253: the next 8 bytes of `raw`).
    private(set) var codes: [UInt8] = []
    /// Compressed: the 8-byte values the codes announce; uncompressed: every unit.
    private(set) var raw: [UInt8] = []
    /// The whole cases held.
    public private(set) var count = 0
    /// The variable the next value is for.
    private(set) var variable = 0
    private var caseStart = (codes: 0, raw: 0)

    init(layout: Layout) {
        self.layout = layout
    }

    /// Empties the run, keeping its storage.
    public mutating func removeAll() {
        codes.removeAll(keepingCapacity: true)
        raw.removeAll(keepingCapacity: true)
        count = 0
        variable = 0
        caseStart = (0, 0)
    }

    /// The next variable's value; a string is checked against its width, a number must be finite.
    public mutating func append(_ value: SPSSValue) throws(SPSSError) {
        switch value {
        case .number(let number):
            try append(number: number)
        case .string(var text):
            if try next(), layout.widths[variable] == 0 {
                throw refuse("is numeric but the value is the text \"\(text)\"; convert it to a number or make the variable a string")
            }
            let result = text.withUTF8 { bytes in Result { () throws(SPSSError) in try append(utf8: bytes) } }
            try result.get()
        case .missing:
            try appendMissing()
        }
    }

    /// A number for the next variable, which must be numeric; NaN is written as system-missing.
    public mutating func append(number: Double) throws(SPSSError) {
        guard try next(), layout.widths[variable] == 0 else {
            throw refuse("is a string but the value is the number \(number); give it as text")
        }
        guard !number.isInfinite else {
            throw refuse("is \(number); SPSS stores finite numbers only; write .missing instead")
        }
        encode(number: number.isNaN ? SPSSWriter.systemMissing : number)
        variable += 1
    }

    /// UTF-8 bytes for the next variable, which must be a string at least as wide.
    public mutating func append(utf8 bytes: UnsafeBufferPointer<UInt8>) throws(SPSSError) {
        let width = try next() ? layout.widths[variable] : 0
        guard width > 0 else {
            throw refuse("is numeric but the value is the text \"\(String(decoding: bytes, as: UTF8.self))\"; convert it to a number or make the variable a string")
        }
        guard bytes.count <= width else {
            throw refuse("holds \(width) bytes but the value is \(bytes.count) bytes of UTF-8; widen the variable")
        }
        encode(string: bytes, segments: layout.segments[variable])
        variable += 1
    }

    /// No value for the next variable: system-missing for a number, blank for a string.
    public mutating func appendMissing() throws(SPSSError) {
        _ = try next()
        if layout.widths[variable] == 0 {
            encode(number: SPSSWriter.systemMissing)
        } else {
            encode(string: UnsafeBufferPointer(start: nil, count: 0), segments: layout.segments[variable])
        }
        variable += 1
    }

    /// Closes the case; it must have a value for every variable.
    public mutating func endCase() throws(SPSSError) {
        guard variable == layout.widths.count else {
            let given = variable
            rollBack()
            throw SPSSError(row: count + 1, "\(given) values given for \(layout.widths.count) variables; give one value per variable, in order")
        }
        count += 1
        variable = 0
        caseStart = (codes.count, raw.count)
    }

    /// Checks that the case has a variable left for a value; always true when it returns.
    private mutating func next() throws(SPSSError) -> Bool {
        guard variable < layout.widths.count else {
            rollBack()
            throw SPSSError(row: count + 1, "more values given than the \(layout.widths.count) variables; give one value per variable, in order")
        }
        return true
    }

    /// The error for the current variable, after taking the unfinished case back out.
    private mutating func refuse(_ message: String) -> SPSSError {
        let index = variable
        rollBack()
        return SPSSError(variable: index + 1, row: count + 1, "\(layout.names[index]) \(message)")
    }

    private mutating func rollBack() {
        codes.removeSubrange(caseStart.codes...)
        raw.removeSubrange(caseStart.raw...)
        variable = 0
    }

    private mutating func encode(number: Double) {
        if layout.compressed {
            if let code = SPSSBytecodeBlock.code(for: number) {
                codes.append(code)
                return
            }
            codes.append(SPSSBytecodeBlock.rawFollows)
        }
        withUnsafeBytes(of: number.bitPattern.littleEndian) { raw.append(contentsOf: $0) }
    }

    /// A string's bytes across its segments: segment i holds bytes [255·i, 255·(i+1)), padded with spaces
    /// to its 8-byte units.
    private mutating func encode(string bytes: UnsafeBufferPointer<UInt8>, segments: [Int]) {
        for (segment, width) in segments.enumerated() {
            let start = min(bytes.count, segment * 255)
            let end = min(bytes.count, start + min(width, 255))
            for unit in 0..<SPSSDictionary.units(ofWidth: width) {
                let from = min(end, start + unit * 8)
                let to = min(end, from + 8)
                encode(unit: from == to ? UnsafeBufferPointer(start: nil, count: 0) : UnsafeBufferPointer(rebasing: bytes[from..<to]))
            }
        }
    }

    /// Up to 8 bytes of a string, padded with spaces.
    private mutating func encode(unit: UnsafeBufferPointer<UInt8>) {
        if layout.compressed {
            if unit.allSatisfy({ $0 == 0x20 }) {
                codes.append(SPSSBytecodeBlock.spaces)
                return
            }
            codes.append(SPSSBytecodeBlock.rawFollows)
        }
        raw.append(contentsOf: unit)
        for _ in unit.count..<8 { raw.append(0x20) }
    }
}
