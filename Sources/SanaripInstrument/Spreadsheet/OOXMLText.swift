/// Text rules of SpreadsheetML: the `_xHHHH_` escapes Excel uses for characters XML cannot carry,
/// and escaping for writing XML 1.0. Work is done on UTF-8 bytes; most cell text needs none and is
/// returned as it is.
enum OOXMLText {
    /// Replaces `_xHHHH_` escapes with the characters they stand for (`_x000D_` is a carriage return,
    /// `_x005F_` an underscore), as Excel does when it reads a cell.
    static func decodingEscapes(_ text: String) -> String {
        guard text.utf8.count >= 7,
            text.utf8.withContiguousStorageIfAvailable({ $0.contains(UInt8(ascii: "_")) }) ?? text.utf8.contains(UInt8(ascii: "_"))
        else { return text }
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        var changed = false
        while index < bytes.count {
            if let value = escapedValue(bytes, at: index), let scalar = Unicode.Scalar(value) {
                output.append(contentsOf: Array(String(Character(scalar)).utf8))
                index += 7
                changed = true
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return changed ? String(decoding: output, as: UTF8.self) : text
    }

    /// Escapes `text` for XML element content: markup characters become entities, a carriage return
    /// a character reference (a raw one would read back as a line feed), literal `_xHHHH_` sequences are
    /// protected from being read as escapes, and characters XML 1.0 forbids are dropped.
    static func elementContent(_ text: String) -> String {
        escape(text) { bytes, index, output in
            switch bytes[index] {
            case UInt8(ascii: "_") where escapedValue(bytes, at: index) != nil:
                output.append(contentsOf: Array("_x005F_".utf8))
                return true
            default:
                return false
            }
        }
    }

    /// Escapes `text` for a double-quoted attribute value; characters XML 1.0 forbids are dropped.
    static func attributeValue(_ text: String) -> String {
        escape(text) { bytes, index, output in
            switch bytes[index] {
            case UInt8(ascii: "\""): output.append(contentsOf: Array("&quot;".utf8))
            case UInt8(ascii: "\n"): output.append(contentsOf: Array("&#xA;".utf8))
            case UInt8(ascii: "\t"): output.append(contentsOf: Array("&#x9;".utf8))
            default: return false
            }
            return true
        }
    }

    /// Whether XML 1.0 allows the character (tab, line feed, carriage return, and from U+0020 on,
    /// except U+FFFE and U+FFFF).
    static func isAllowedInXML(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// Copies `text` byte by byte, letting `special` write its own replacement for a byte first, then
    /// escaping markup and carriage returns and dropping control characters, U+FFFE and U+FFFF.
    private static func escape(
        _ text: String,
        special: (_ bytes: [UInt8], _ index: Int, _ output: inout [UInt8]) -> Bool
    ) -> String {
        let needsWork = text.utf8.contains { byte in
            byte < 0x20 || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
                || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "_") || byte == 0xEF
        }
        guard needsWork else { return text }
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 16)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if special(bytes, index, &output) {
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "&"): output.append(contentsOf: Array("&amp;".utf8))
            case UInt8(ascii: "<"): output.append(contentsOf: Array("&lt;".utf8))
            case UInt8(ascii: ">"): output.append(contentsOf: Array("&gt;".utf8))
            case UInt8(ascii: "\r"): output.append(contentsOf: Array("&#xD;".utf8))
            case UInt8(ascii: "\t"), UInt8(ascii: "\n"): output.append(byte)
            case ..<0x20: break
            case 0xEF where index + 2 < bytes.count && bytes[index + 1] == 0xBF && (bytes[index + 2] == 0xBE || bytes[index + 2] == 0xBF):
                index += 2
            default: output.append(byte)
            }
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The code in an `_xHHHH_` escape starting at `index`, if there is one.
    private static func escapedValue(_ bytes: [UInt8], at index: Int) -> UInt32? {
        guard index + 6 < bytes.count, bytes[index] == UInt8(ascii: "_"), bytes[index + 1] == UInt8(ascii: "x"),
              bytes[index + 6] == UInt8(ascii: "_")
        else { return nil }
        var value: UInt32 = 0
        for byte in bytes[(index + 2)..<(index + 6)] {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = value << 4 | UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = value << 4 | UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = value << 4 | UInt32(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
        }
        return value
    }
}
