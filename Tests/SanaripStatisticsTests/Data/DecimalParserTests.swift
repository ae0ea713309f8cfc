#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
@testable import SanaripStatistics

/// The decimal parser must give exactly the `Double` that the C library's `strtod` gives, on its fast path and off it.
@Suite("Decimal parser against strtod")
struct DecimalParserTests {
    static func strtodValue(_ text: String) -> Double? {
        text.withCString { pointer in
            var stop: UnsafeMutablePointer<CChar>?
            let value = strtod(pointer, &stop)
            guard let stop, stop - UnsafeMutablePointer(mutating: pointer) == text.utf8.count, !text.isEmpty else { return nil }
            return value
        }
    }

    static func expectSame(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let parsed = DecimalParser.parse(Array(text.utf8))
        let reference = strtodValue(text)
        // Bit for bit, so that −0 and 0 differ.
        #expect(parsed?.bitPattern == reference?.bitPattern, "\(text): \(String(describing: parsed)) vs strtod \(String(describing: reference))", sourceLocation: sourceLocation)
    }

    @Test func edgeCases() {
        let samples = [
            "0", "-0", "+0", "0.0", "-0.0", "00000", "0.000", "1", "-1", ".5", "5.", "-.5", "1e0", "1E+2", "1e-2", "-1.5e-3",
            "9007199254740992", "9007199254740993", "9007199254740995", "18446744073709551615", "18446744073709551616",
            "123456789012345", "1234567890123456", "12345678901234567890123", "0.1", "0.2", "0.3", "3.141592653589793",
            "2.718281828459045235360287", "1e22", "1e23", "9e22", "123456789e22", "1e37", "999999999999999e22",
            "1e-22", "1e-23", "4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324",
            "2.2250738585072011e-308", "2.2250738585072014e-308", "1.7976931348623157e308", "1.7976931348623159e308",
            "1e309", "1e-400", "0.000000000000000000000000000001", "100000000000000000000000",
            "7.2057594037927933e16", "644.1693989071039", "91.805", "-1000.5", "1e00000000000000000001",
        ]
        for sample in samples { Self.expectSame(sample) }
        // Cells may carry blanks around the number.
        #expect(DecimalParser.parse(Array(" \t42.5 ".utf8)) == 42.5)
    }

    @Test func randomDecimals() {
        var random = SeededGenerator(seed: 20_261_204)
        for _ in 0..<100_000 {
            let digits = Int(random.next() % 24) + 1
            var text = random.next() % 4 == 0 ? "-" : ""
            let point = Int(random.next() % UInt64(digits + 2))
            for position in 0..<digits {
                if position == point { text += "." }
                text += String(random.next() % 10)
            }
            if random.next() % 3 == 0 { text += "e" + String(Int(random.next() % 700) - 350) }
            Self.expectSame(text)
        }
    }

    @Test func randomDoublesPrintedShortest() {
        var random = SeededGenerator(seed: 7)
        for _ in 0..<50_000 {
            let value = Double(bitPattern: random.next())
            guard value.isFinite else { continue }
            Self.expectSame("\(value)")
            Self.expectSame(String(format: "%.17g", value))
        }
    }

    @Test func notNumbers() {
        for bad in ["", "-", "+", ".", "-.", "1e", "1e+", "e5", "abc", "1.2.3", "0x10", "nan", "inf", "infinity", "1,5", "1 2", "--1", "1-"] {
            #expect(DecimalParser.parse(Array(bad.utf8)) == nil, "\(bad)")
        }
    }
}
