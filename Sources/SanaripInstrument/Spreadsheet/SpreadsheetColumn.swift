/// Converts between 0-based column indexes and spreadsheet column letters (`A`, `Z`, `AA`, …).
public enum SpreadsheetColumn {
    /// The last column Excel allows (`XFD`) as a 0-based index.
    public static let maximumIndex = 16_383

    /// The letters for a 0-based column index: 0 is `A`, 25 is `Z`, 26 is `AA`.
    public static func letter(_ index: Int) -> String {
        precondition(index >= 0, "column index must not be negative")
        var remaining = index + 1
        var letters: [UInt8] = []
        while remaining > 0 {
            letters.append(UInt8(65 + (remaining - 1) % 26))
            remaining = (remaining - 1) / 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }

    /// The 0-based index for column letters (case-insensitive), or `nil` if `letters` is not a column name
    /// or lies beyond ``maximumIndex``.
    public static func index(_ letters: some StringProtocol) -> Int? {
        guard !letters.isEmpty, letters.utf8.count <= 3 else { return nil }
        var value = 0
        for byte in letters.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = value * 26 + Int(byte - 64)
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = value * 26 + Int(byte - 96)
            default: return nil
            }
        }
        return value - 1 <= maximumIndex ? value - 1 : nil
    }

    /// A cell reference such as `B5` for a 0-based column and a 1-based row.
    public static func reference(column: Int, row: Int) -> String {
        "\(letter(column))\(row)"
    }
}
