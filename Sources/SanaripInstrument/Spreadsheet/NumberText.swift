/// Turns stored numbers into the text a person expects: `1` not `1.0`, `0.1` not `0.10000000000000001`,
/// `0.0000001` not `1e-07`.
enum NumberText {
    /// The shortest decimal text that reads back as `value`, without an exponent for magnitudes
    /// between 1e-20 and 1e21; integers have no fractional part.
    static func text(for value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        if value == 0 { return "0" }
        if value == value.rounded(.towardZero), abs(value) < 9_007_199_254_740_992 {
            return String(Int64(value))
        }
        let shortest = "\(value)"
        guard let exponentMark = shortest.firstIndex(where: { $0 == "e" || $0 == "E" }),
              let exponent = Int(shortest[shortest.index(after: exponentMark)...])
        else {
            return shortest.hasSuffix(".0") ? String(shortest.dropLast(2)) : shortest
        }
        guard (-20...20).contains(exponent) else { return shortest }
        var mantissa = shortest[..<exponentMark]
        let negative = mantissa.hasPrefix("-")
        if negative { mantissa = mantissa.dropFirst() }
        let pointOffset = mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) }
            ?? mantissa.count
        var digits = mantissa.filter { $0 != "." }
        while digits.count > 1, digits.hasSuffix("0"), digits.count > pointOffset + exponent { digits.removeLast() }
        let point = pointOffset + exponent
        var result: String
        if point <= 0 {
            result = "0." + String(repeating: "0", count: -point) + digits
        } else if point >= digits.count {
            result = digits + String(repeating: "0", count: point - digits.count)
        } else {
            let split = digits.index(digits.startIndex, offsetBy: point)
            result = digits[..<split] + "." + digits[split...]
        }
        if result.contains(".") {
            while result.hasSuffix("0") { result.removeLast() }
            if result.hasSuffix(".") { result.removeLast() }
        }
        return negative ? "-" + result : result
    }

    /// The text for a stored `<v>` value: a number re-rendered by ``text(for:)``, anything else unchanged.
    static func text(forStored stored: String) -> String {
        let trimmed = WorksheetHandler.trimmed(stored)
        let numeric = trimmed.utf8.allSatisfy { byte in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
        }
        guard !trimmed.isEmpty, numeric, let value = Double(trimmed), value.isFinite else { return stored }
        return text(for: value)
    }
}
