import Testing
@testable import SanaripAudit

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
}
