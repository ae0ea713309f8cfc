import Testing
@testable import SanaripAudit
@testable import SanaripInstrument

/// The crawler's fast character classes answer exactly as the Unicode property table does, over every scalar they
/// answer without it (ASCII and the Cyrillic block) and a sample beyond.
@Suite struct UnicodeScalarClassesTests {
    @Test func sameAnswersAsThePropertyTable() {
        let values = Array(UInt32(0)...0x04FF) + [0x0085, 0x00A0, 0x1680, 0x2000, 0x2028, 0x3000, 0x0531, 0x05D0, 0x0627, 0x4E00, 0xFEFF]
        var mismatches: [String] = []
        for value in values {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if scalar.isWhitespaceScalar != scalar.properties.isWhitespace || scalar.isAlphabeticScalar != scalar.properties.isAlphabetic {
                mismatches.append(String(value, radix: 16))
            }
        }
        #expect(mismatches.isEmpty, "U+\(mismatches.joined(separator: ", U+"))")
    }

    /// Whitespace collapsed byte by byte gives what collapsing scalar by scalar with the property table gave.
    @Test func collapsedWhitespaceSameAsScalarByScalar() {
        func reference(_ text: String) -> String {
            var result = ""
            var pendingSpace = false
            for scalar in text.unicodeScalars {
                if scalar.properties.isWhitespace {
                    pendingSpace = !result.isEmpty
                } else {
                    if pendingSpace { result.unicodeScalars.append(" ") }
                    pendingSpace = false
                    result.unicodeScalars.append(scalar)
                }
            }
            return result
        }
        let pieces = [" ", "  ", "\n", "\t", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{1680}", "\u{2000}", "\u{200A}", "\u{200B}",
                      "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}", "\u{FEFF}", "a", "ж", "ң", "é", "€", "😀", "中", "\u{1C80}"]
        var generator = ExpressionEvaluator.SeededGenerator(seed: 1251) // the same strings on every run
        var differences: [String] = []
        for _ in 0..<3_000 {
            let text = (0..<Int(generator.next() % 30)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            if text.collapsedWhitespace != reference(text) { differences.append(text.debugDescription) }
        }
        #expect(differences.isEmpty, "\(differences.prefix(5))")
    }
}
