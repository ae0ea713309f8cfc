/// Number ↔ text conversions as XPath and JavaRosa do them: plain decimals, never exponents.
enum XPathNumber {
    /// The shortest decimal that reads back as `value`, without exponent or trailing `.0`.
    /// `value` must be finite.
    static func decimal(_ value: Double) -> String {
        if value == 0 { return "0" }
        var text = value.description
        var negative = false
        if text.hasPrefix("-") {
            negative = true
            text.removeFirst()
        }
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = String(text[..<e])
        }
        var integerPart = text
        var fractionPart = ""
        if let dot = text.firstIndex(of: ".") {
            integerPart = String(text[..<dot])
            fractionPart = String(text[text.index(after: dot)...])
        }
        var digits = Array(integerPart + fractionPart)
        var point = integerPart.count + exponent
        while let first = digits.first, first == "0", digits.count > 1 {
            digits.removeFirst()
            point -= 1
        }
        while let last = digits.last, last == "0", digits.count > 1 {
            digits.removeLast()
        }
        var result: String
        if point <= 0 {
            result = "0." + String(repeating: "0", count: -point) + String(digits)
        } else if point >= digits.count {
            result = String(digits) + String(repeating: "0", count: point - digits.count)
        } else {
            result = String(digits[..<point]) + "." + String(digits[point...])
        }
        if negative { result = "-" + result }
        return result
    }

    /// XPath `string(number)` as JavaRosa does it, so values match what ODK Collect stores:
    /// `NaN`, `Infinity`, whole numbers in the 32-bit range without a point, values within 1e-12 of
    /// zero or just above a whole number as that number, and anything else as Java's
    /// `Double.toString` (`0.25`, `1.23456785E7`, `1.0E-4`).
    static func string(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if abs(value) < 1e-12 { return "0" }
        let whole = min(max(value.rounded(.towardZero), Double(Int32.min)), Double(Int32.max))
        if abs(value - whole) < 1e-12 { return String(Int(whole)) }
        return java(value)
    }

    /// Java's `Double.toString` of a finite, non-zero value: plain from 0.001 up to 10^7,
    /// else a mantissa with a point and an `E` exponent.
    static func java(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude >= 1e-3 && magnitude < 1e7 {
            let plain = decimal(value)
            return plain.contains(".") ? plain : plain + ".0"
        }
        let plain = decimal(magnitude)
        var digits = Array(plain.filter { $0 != "." })
        let point = plain.firstIndex(of: ".").map { plain.distance(from: plain.startIndex, to: $0) } ?? plain.count
        var exponent = point - 1
        while digits.first == "0" {
            digits.removeFirst()
            exponent -= 1
        }
        while digits.count > 1, digits.last == "0" { digits.removeLast() }
        let fraction = digits.count > 1 ? String(digits[1...]) : "0"
        return (value < 0 ? "-" : "") + "\(digits[0]).\(fraction)E\(exponent)"
    }

    /// XPath `number(string)` as JavaRosa does it: trimmed, `,` read as `.`, only digits, `-` and `.`
    /// allowed; anything else is NaN.
    static func parse(_ text: String) -> Double {
        var characters = Substring(text)
        while let first = characters.first, first.isWhitespace { characters.removeFirst() }
        while let last = characters.last, last.isWhitespace { characters.removeLast() }
        guard !characters.isEmpty else { return .nan }
        var normalized = ""
        for character in characters {
            switch character {
            case "0"..."9", "-": normalized.append(character)
            case ".", ",": normalized.append(".")
            default: return .nan
            }
        }
        var body = Substring(normalized)
        var negative = false
        if body.first == "-" {
            negative = true
            body.removeFirst()
        }
        guard !body.isEmpty, !body.contains("-"), body.filter({ $0 == "." }).count <= 1, body != "." else {
            return .nan
        }
        var canonical = String(body)
        if canonical.hasPrefix(".") { canonical = "0" + canonical }
        if canonical.hasSuffix(".") { canonical += "0" }
        guard let magnitude = Double(canonical) else { return .nan }
        return negative ? -magnitude : magnitude
    }
}
