import Foundation

/// Parses and writes CSV as RFC 4180 describes it: fields in double quotes may hold the delimiter,
/// line breaks and doubled quotes (`""`); records end in CRLF, LF or CR.
public struct CSVCodec: Sendable, Hashable {
    /// Why text is not CSV: the 1-based line where the problem starts and what it is.
    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        public var line: Int
        public var message: String

        public init(line: Int, message: String) {
            self.line = line
            self.message = message
        }

        public var description: String { "line \(line): \(message)" }
    }

    /// The field separator, an ASCII character other than a quote or a line break.
    public let delimiter: Character
    private let delimiterByte: UInt8

    public init(delimiter: Character = ",") {
        precondition(
            delimiter.isASCII && delimiter != "\"" && !delimiter.isNewline,
            "a CSV delimiter must be an ASCII character other than a quote or a line break"
        )
        self.delimiter = delimiter
        self.delimiterByte = delimiter.asciiValue ?? UInt8(ascii: ",")
    }

    // MARK: - Parsing

    /// The records of UTF-8 `data`, a leading byte order mark skipped.
    public func records(in data: Data) throws(ParseError) -> [[String]] {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw ParseError(line: Self.lineOfFirstInvalidUTF8(in: bytes), message: "the text is not UTF-8")
        }
        return try records(inUTF8: bytes)
    }

    /// The records of `text`, a leading byte order mark skipped. A final line break ends the last record
    /// rather than starting an empty one.
    public func records(in text: String) throws(ParseError) -> [[String]] {
        try numberedRecords(in: text).map(\.fields)
    }

    /// The records of `text` with the line each starts on, for messages that point into a file whose
    /// quoted fields span lines.
    public func numberedRecords(in text: String) throws(ParseError) -> [(line: Int, fields: [String])] {
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        return try numberedRecords(inUTF8: bytes)
    }

    private func records(inUTF8 bytes: [UInt8]) throws(ParseError) -> [[String]] {
        try numberedRecords(inUTF8: bytes).map(\.fields)
    }

    private func numberedRecords(inUTF8 bytes: [UInt8]) throws(ParseError) -> [(line: Int, fields: [String])] {
        let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var records: [(line: Int, fields: [String])] = []
        var record: [String] = []
        var field: [UInt8] = []
        var index = 0
        var line = 1
        var recordLine = 1
        var fieldStarted = false

        func endField() {
            record.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            fieldStarted = false
        }
        func endRecord() {
            endField()
            records.append((recordLine, record))
            record = []
        }

        while index < bytes.count {
            let byte = bytes[index]
            if byte == quote && !fieldStarted && field.isEmpty {
                let openedOn = line
                index += 1
                var closed = false
                while index < bytes.count {
                    let inner = bytes[index]
                    if inner == quote {
                        if index + 1 < bytes.count && bytes[index + 1] == quote {
                            field.append(quote)
                            index += 2
                            continue
                        }
                        index += 1
                        closed = true
                        break
                    }
                    if inner == lf || (inner == cr && (index + 1 >= bytes.count || bytes[index + 1] != lf)) { line += 1 }
                    field.append(inner)
                    index += 1
                }
                guard closed else {
                    throw ParseError(line: openedOn, message: "a quoted field is never closed (a \" is missing)")
                }
                fieldStarted = true
                continue
            }
            switch byte {
            case delimiterByte:
                endField()
                index += 1
            case lf:
                endRecord()
                line += 1
                recordLine = line
                index += 1
            case cr:
                endRecord()
                line += 1
                recordLine = line
                index += (index + 1 < bytes.count && bytes[index + 1] == lf) ? 2 : 1
            default:
                field.append(byte)
                fieldStarted = true
                index += 1
            }
        }
        if fieldStarted || !field.isEmpty || !record.isEmpty {
            endRecord()
        }
        return records
    }

    private static func lineOfFirstInvalidUTF8(in bytes: [UInt8]) -> Int {
        var line = 1
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? bytes.count
            if String(validating: bytes[start..<end], as: UTF8.self) == nil { return line }
            line += 1
            start = end
        }
        return line
    }

    /// The delimiter of CSV `text` judged from its first line: a semicolon or a tab when the line has
    /// one of those and no comma (Excel writes semicolons where the decimal mark is a comma), else a comma.
    public static func detectDelimiter(in text: String) -> Character {
        var commas = 0, semicolons = 0, tabs = 0
        var quoted = false
        scan: for scalar in text.unicodeScalars {
            if scalar == "\"" {
                quoted.toggle()
                continue
            }
            guard !quoted else { continue }
            switch scalar {
            case "\n", "\r": break scan
            case ",": commas += 1
            case ";": semicolons += 1
            case "\t": tabs += 1
            default: continue
            }
        }
        if commas == 0 && semicolons > 0 && semicolons >= tabs { return ";" }
        if commas == 0 && tabs > 0 { return "\t" }
        return ","
    }

    // MARK: - Writing

    /// CSV text for `records`: each record on its own line ending in LF, fields quoted only when they hold
    /// the delimiter, a quote, a line break, or leading or trailing spaces.
    public func text(for records: [[String]]) -> String {
        var bytes: [UInt8] = []
        for record in records { append(record, to: &bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends one record and its line break to `bytes`: a field is quoted (quotes doubled) when it holds the
    /// delimiter, a quote or a line break, starts or ends with a space or tab, or starts with a byte order mark.
    public func append(_ record: [String], to bytes: inout [UInt8]) {
        for index in record.indices {
            if index > 0 { bytes.append(delimiterByte) }
            var value = record[index]
            value.withUTF8 { append(field: $0, to: &bytes) }
        }
        bytes.append(0x0A)
    }

    /// Appends the record whose fields `forEachField` gives as UTF-8 bytes, and its line break, quoted as
    /// ``append(_:to:)`` quotes them.
    public func appendRecord(to bytes: inout [UInt8], _ forEachField: ((UnsafeBufferPointer<UInt8>) -> Void) -> Void) {
        var first = true
        forEachField { field in
            if !first { bytes.append(delimiterByte) }
            first = false
            append(field: field, to: &bytes)
        }
        bytes.append(0x0A)
    }

    /// Appends one field's UTF-8 bytes, in quotes with quotes doubled when it needs them.
    private func append(field: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        let quote = UInt8(ascii: "\"")
        var special = false
        for byte in field where byte == delimiterByte || byte == quote || byte == 0x0A || byte == 0x0D {
            special = true
            break
        }
        let first = field.first ?? 0, last = field.last ?? 0
        let padded = first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09
        let byteOrderMark = field.count >= 3 && first == 0xEF && field[1] == 0xBB && field[2] == 0xBF
        guard special || padded || byteOrderMark else {
            bytes.append(contentsOf: field)
            return
        }
        bytes.append(quote)
        for byte in field {
            if byte == quote { bytes.append(quote) }
            bytes.append(byte)
        }
        bytes.append(quote)
    }
}
