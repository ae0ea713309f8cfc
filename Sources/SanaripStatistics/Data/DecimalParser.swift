#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses decimal numbers from bytes: Clinger's exact fast path, `strtod` for the rest.
enum DecimalParser {
    private static let powers: [Double] = (0...22).map { pow(10, Double($0)) }

    static func parse(_ bytes: [UInt8]) -> Double? {
        bytes.withUnsafeBufferPointer { parse($0.baseAddress!, 0, $0.count) }
    }

    /// The number in `base[start..<end]` (surrounding blanks allowed), or nil when it is not one.
    @inline(__always)
    static func parse(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        var start = start, end = end
        while start < end, base[start] == 0x20 || base[start] == 0x09 { start += 1 }
        while end > start, base[end - 1] == 0x20 || base[end - 1] == 0x09 { end -= 1 }
        guard start < end else { return nil }
        var i = start
        var negative = false
        if base[i] == 0x2D || base[i] == 0x2B {
            negative = base[i] == 0x2D
            i += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        var sawDigit = false
        while i < end, base[i] &- 0x30 < 10 {
            sawDigit = true
            if digits < 19 {
                mantissa = mantissa &* 10 &+ UInt64(base[i] &- 0x30)
                if mantissa != 0 { digits += 1 }
            } else {
                exponent += 1
                digits += 1
            }
            i += 1
        }
        if i < end, base[i] == 0x2E {
            i += 1
            while i < end, base[i] &- 0x30 < 10 {
                sawDigit = true
                if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(base[i] &- 0x30)
                    exponent -= 1
                    if mantissa != 0 { digits += 1 }
                } else {
                    digits += 1
                }
                i += 1
            }
        }
        guard sawDigit else { return nil }
        if i < end, base[i] == 0x65 || base[i] == 0x45 {
            i += 1
            var exponentNegative = false
            if i < end, base[i] == 0x2D || base[i] == 0x2B {
                exponentNegative = base[i] == 0x2D
                i += 1
            }
            var value = 0
            var sawExponentDigit = false
            while i < end, base[i] &- 0x30 < 10 {
                sawExponentDigit = true
                if value < 100_000 { value = value * 10 + Int(base[i] &- 0x30) }
                i += 1
            }
            guard sawExponentDigit else { return nil }
            exponent += exponentNegative ? -value : value
        }
        guard i == end else { return nil }
        if digits <= 15, mantissa < (1 << 53), exponent >= -22, exponent <= 22 {
            let value = exponent < 0 ? Double(mantissa) / powers[-exponent] : Double(mantissa) * powers[exponent]
            return negative ? -value : value
        }
        if mantissa == 0 { return negative ? -0.0 : 0 }
        return slowParse(base, start, end)
    }

    private static func slowParse(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        var text = [CChar](repeating: 0, count: end - start + 1)
        for offset in 0..<(end - start) { text[offset] = CChar(bitPattern: base[start + offset]) }
        return text.withUnsafeBufferPointer { buffer -> Double? in
            var stop: UnsafeMutablePointer<CChar>?
            let value = strtod(buffer.baseAddress!, &stop)
            guard let stop, stop - UnsafeMutablePointer(mutating: buffer.baseAddress!) == end - start else { return nil }
            return value
        }
    }
}
