import Foundation

/// Numbers as readers of Kyrgyz, Russian and English write them: the decimal mark and digit grouping of the ICU
/// locales `ky_KG`, `ru_RU` and `en_GB` (the interface's), learnt from ICU once per language, so tables and chart
/// labels of a page agree with its dates and counts.
public enum LocalizedNumber {
    /// A locale's decimal mark and grouping separator.
    struct Symbols: Sendable {
        var decimal: String
        var grouping: String
        var minus: String
    }

    /// The ICU locale of a language code; English for anything else.
    public static func localeIdentifier(_ language: String) -> String {
        switch language {
        case "ky": "ky_KG"
        case "ru": "ru_RU"
        default: "en_GB"
        }
    }

    static let symbols: [String: Symbols] = Dictionary(uniqueKeysWithValues: ["ky", "ru", "en"].map { language in
        let formatter = NumberFormatter()
        formatter.locale = Locale(identifier: localeIdentifier(language))
        formatter.numberStyle = .decimal
        return (language, Symbols(decimal: formatter.decimalSeparator ?? ".", grouping: formatter.groupingSeparator ?? ",", minus: formatter.minusSign ?? "-"))
    })

    /// `value` with `digits` decimals in `language`'s format (`1 234,5` in Russian, `1,234.5` in English, as ICU's
    /// decimal style writes them); "–" when not finite.
    public static func text(_ value: Double, digits: Int, language: String) -> String {
        guard value.isFinite else { return "–" }
        let plain = String(format: "%.\(max(0, digits))f", locale: nil, value)
        let symbols = symbols[language] ?? symbols["en"]!
        var integer = Substring(plain), fraction: Substring = ""
        if let point = plain.firstIndex(of: ".") {
            integer = plain[..<point]
            fraction = plain[plain.index(after: point)...]
        }
        var negative = integer.hasPrefix("-")
        if negative { integer = integer.dropFirst() }
        if negative, (integer + fraction).allSatisfy({ $0 == "0" }) { negative = false }
        var grouped = String(integer)
        if integer.count > 3 {
            var parts: [Substring] = []
            var end = integer.endIndex
            while end > integer.startIndex {
                let start = integer.index(end, offsetBy: -3, limitedBy: integer.startIndex) ?? integer.startIndex
                parts.insert(integer[start..<end], at: 0)
                end = start
            }
            grouped = parts.joined(separator: symbols.grouping)
        }
        return (negative ? symbols.minus : "") + grouped + (fraction.isEmpty ? "" : symbols.decimal + fraction)
    }

    /// A whole number in `language`'s format.
    public static func text(_ value: Int, language: String) -> String {
        text(Double(value), digits: 0, language: language)
    }
}
