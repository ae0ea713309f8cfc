import SanaripCore

/// The records before the data of a system file: the file header, variable records, value labels and the
/// extension records (machine info, display parameters, long names, very long strings, encoding, long
/// string value labels and missing values), then the dictionary terminator.
enum SPSSDictionaryRecords {
    /// Labels longer than this are cut, at a character boundary, as SPSS does.
    static let labelLimit = 255
    static let months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]

    static func write(_ dictionary: SPSSDictionary, fileLabel: String, compressed: Bool, created: CivilDateTime?, into out: inout ByteBuffer) {
        header(dictionary, fileLabel: fileLabel, compressed: compressed, created: created, into: &out)
        for entry in dictionary.entries { variableRecords(entry, into: &out) }
        for entry in dictionary.entries { valueLabelRecords(entry, into: &out) }
        machineIntegerInfo(into: &out)
        machineFloatInfo(into: &out)
        displayParameters(dictionary, into: &out)
        longNames(dictionary, into: &out)
        veryLongStrings(dictionary, into: &out)
        extensionRecord(subtype: 20, size: 1, bytes: Array("UTF-8".utf8), into: &out)
        longStringValueLabels(dictionary, into: &out)
        longStringMissingValues(dictionary, into: &out)
        out.int32LE(999)
        out.int32LE(0)
    }

    private static func header(_ dictionary: SPSSDictionary, fileLabel: String, compressed: Bool, created: CivilDateTime?, into out: inout ByteBuffer) {
        out.append(contentsOf: Array("$FL2".utf8))
        out.append(Array("@(#) SPSS DATA FILE Sanarip".utf8), paddedTo: 60)
        out.int32LE(2)                      // layout code
        out.int32LE(dictionary.caseUnits)   // nominal case size
        out.int32LE(compressed ? 1 : 0)
        out.int32LE(0)                      // no weight variable
        out.int32LE(-1)                     // case count, patched by finish()
        out.float64LE(SPSSWriter.compressionBias)
        let date = created ?? CivilDateTime(year: 1970, month: 1, day: 1)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        out.append(Array("\(two(date.day)) \(months[date.month - 1].capitalized) \(two(date.year % 100))".utf8), paddedTo: 9)
        out.append(Array("\(two(date.hour)):\(two(date.minute)):\(two(date.second))".utf8), paddedTo: 8)
        out.append(fileLabel.utf8Prefix(maxBytes: 64), paddedTo: 64)
        out.append(contentsOf: [0, 0, 0])
    }

    private static func variableRecords(_ entry: SPSSDictionary.Entry, into out: inout ByteBuffer) {
        let variable = entry.variable
        for (segment, width) in entry.segmentWidths.enumerated() {
            let first = segment == 0
            let label = first && !variable.label.isEmpty ? variable.label.utf8Prefix(maxBytes: labelLimit) : nil
            let inlineMissing = first ? inlineMissingValues(variable) : nil
            out.int32LE(2)
            out.int32LE(width)
            out.int32LE(label == nil ? 0 : 1)
            out.int32LE(inlineMissing?.code ?? 0)
            let format = variable.kind == .numeric ? variable.format.code : SPSSFormat.a(width).code
            out.int32LE(format)
            out.int32LE(format)
            out.append(Array(entry.shortNames[segment].utf8), paddedTo: 8)
            if let label {
                out.int32LE(label.count)
                out.append(label, paddedTo: (label.count + 3) / 4 * 4, with: 0)
            }
            for value in inlineMissing?.values ?? [] { out.append(contentsOf: value) }
            for _ in 1..<SPSSDictionary.units(ofWidth: width) {
                out.int32LE(2)
                out.int32LE(-1)
                for _ in 0..<4 { out.int32LE(0) }
                out.append(contentsOf: Array("        ".utf8))
            }
        }
    }

    /// Missing values carried in the variable record: numeric ones, and those of strings up to 8 bytes.
    private static func inlineMissingValues(_ variable: SPSSVariable) -> (code: Int32, values: [[UInt8]])? {
        func bytes(_ value: SPSSValue) -> [UInt8] { eightBytes(value) }
        switch variable.missingValues {
        case .none:
            return nil
        case .values(let values):
            guard !values.isEmpty, variable.width <= 8 else { return nil }
            return (Int32(values.count), values.map(bytes))
        case .range(let low, let high, let plus):
            var values = [bytes(.number(low)), bytes(.number(high))]
            if let plus { values.append(bytes(.number(plus))) }
            return (plus == nil ? -2 : -3, values)
        }
    }

    /// A number as a double, or a string's first 8 bytes padded with spaces.
    static func eightBytes(_ value: SPSSValue) -> [UInt8] {
        var buffer = ByteBuffer(capacity: 8)
        switch value {
        case .number(let number): buffer.float64LE(number)
        case .string(let text): buffer.append(Array(text.utf8), paddedTo: 8)
        case .missing: buffer.float64LE(SPSSWriter.systemMissing)
        }
        return buffer.bytes
    }

    /// Record types 3 and 4, for numeric variables and strings up to 8 bytes.
    private static func valueLabelRecords(_ entry: SPSSDictionary.Entry, into out: inout ByteBuffer) {
        let labels = entry.variable.valueLabels
        guard !labels.isEmpty, entry.variable.width <= 8 else { return }
        out.int32LE(3)
        out.int32LE(labels.count)
        for label in labels {
            out.append(contentsOf: eightBytes(label.value))
            let text = label.label.utf8Prefix(maxBytes: labelLimit)
            out.append(UInt8(text.count))
            out.append(text, paddedTo: (text.count + 1 + 7) / 8 * 8 - 1, with: 0x20)
        }
        out.int32LE(4)
        out.int32LE(1)
        out.int32LE(entry.position)
    }

    private static func extensionRecord(subtype: Int32, size: Int32, bytes: [UInt8], into out: inout ByteBuffer) {
        out.int32LE(7)
        out.int32LE(subtype)
        out.int32LE(size)
        out.int32LE(Int32(bytes.count) / size)
        out.append(contentsOf: bytes)
    }

    private static func machineIntegerInfo(into out: inout ByteBuffer) {
        var data = ByteBuffer()
        // version 1.0.0, machine code -1, IEEE 754 floats, compression code 1, little-endian, UTF-8 (code page 65001)
        for value: Int32 in [1, 0, 0, -1, 1, 1, 2, 65001] { data.int32LE(value) }
        extensionRecord(subtype: 3, size: 4, bytes: data.bytes, into: &out)
    }

    private static func machineFloatInfo(into out: inout ByteBuffer) {
        var data = ByteBuffer()
        data.float64LE(SPSSWriter.systemMissing)
        data.float64LE(Double.greatestFiniteMagnitude)
        data.float64LE(-Double.greatestFiniteMagnitude.nextDown)
        extensionRecord(subtype: 4, size: 8, bytes: data.bytes, into: &out)
    }

    /// Measure, display width and alignment, once per segment.
    private static func displayParameters(_ dictionary: SPSSDictionary, into out: inout ByteBuffer) {
        var data = ByteBuffer()
        for entry in dictionary.entries {
            let variable = entry.variable
            let alignment: Int32 = variable.kind == .numeric ? 1 : 0
            var left = variable.width
            for (segment, width) in entry.segmentWidths.enumerated() {
                data.int32LE(variable.measure.rawValue)
                let displayWidth = variable.kind == .numeric ? max(variable.format.width, 8) : min(segment == 0 ? variable.width : left, 32)
                data.int32LE(displayWidth)
                data.int32LE(alignment)
                left -= min(width, 252)
            }
        }
        extensionRecord(subtype: 11, size: 4, bytes: data.bytes, into: &out)
    }

    private static func longNames(_ dictionary: SPSSDictionary, into out: inout ByteBuffer) {
        let pairs = dictionary.entries.map { "\($0.shortNames[0])=\($0.variable.name)" }
        extensionRecord(subtype: 13, size: 1, bytes: Array(pairs.joined(separator: "\t").utf8), into: &out)
    }

    private static func veryLongStrings(_ dictionary: SPSSDictionary, into out: inout ByteBuffer) {
        var data: [UInt8] = []
        for entry in dictionary.entries where entry.segmentWidths.count > 1 {
            let width = String(entry.variable.width)
            data += Array("\(entry.shortNames[0])=\(String(repeating: "0", count: max(0, 5 - width.count)))\(width)".utf8)
            data += [0, 0x09]
        }
        guard !data.isEmpty else { return }
        extensionRecord(subtype: 14, size: 1, bytes: data, into: &out)
    }

    /// Subtype 21: value labels of strings over 8 bytes, values padded to the full width.
    private static func longStringValueLabels(_ dictionary: SPSSDictionary, into out: inout ByteBuffer) {
        var data = ByteBuffer()
        for entry in dictionary.entries where entry.variable.width > 8 && !entry.variable.valueLabels.isEmpty {
            let variable = entry.variable
            let name = Array(variable.name.utf8)
            data.int32LE(name.count)
            data.append(contentsOf: name)
            data.int32LE(variable.width)
            data.int32LE(variable.valueLabels.count)
            for label in variable.valueLabels {
                guard case .string(let value) = label.value else { continue }
                data.int32LE(variable.width)
                data.append(Array(value.utf8), paddedTo: variable.width)
                let text = label.label.utf8Prefix(maxBytes: labelLimit)
                data.int32LE(text.count)
                data.append(contentsOf: text)
            }
        }
        guard data.count > 0 else { return }
        extensionRecord(subtype: 21, size: 1, bytes: data.bytes, into: &out)
    }

    /// Subtype 22: missing values of strings over 8 bytes (8 bytes each).
    private static func longStringMissingValues(_ dictionary: SPSSDictionary, into out: inout ByteBuffer) {
        var data = ByteBuffer()
        for entry in dictionary.entries where entry.variable.width > 8 {
            guard case .values(let values) = entry.variable.missingValues, !values.isEmpty else { continue }
            let name = Array(entry.variable.name.utf8)
            data.int32LE(name.count)
            data.append(contentsOf: name)
            data.append(UInt8(values.count))
            data.int32LE(8)
            for value in values { data.append(contentsOf: eightBytes(value)) }
        }
        guard data.count > 0 else { return }
        extensionRecord(subtype: 22, size: 1, bytes: data.bytes, into: &out)
    }
}
