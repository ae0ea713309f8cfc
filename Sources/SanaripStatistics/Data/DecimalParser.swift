#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses decimal numbers from bytes exactly (the `Double` that `strtod` gives): Clinger's fast path for a mantissa
/// below 2^53 and powers of ten up to 10^22, `strtod` for the rest.
enum DecimalParser {
    /// 10^`exponent` for 0 ≤ `exponent` ≤ 22, each exact (a switch, not a table, to spare the hot path a lazy global).
    @inline(__always)
    private static func power(_ exponent: Int) -> Double {
        switch exponent {
        case 0: 1
        case 1: 1e1
        case 2: 1e2
        case 3: 1e3
        case 4: 1e4
        case 5: 1e5
        case 6: 1e6
        case 7: 1e7
        case 8: 1e8
        case 9: 1e9
        case 10: 1e10
        case 11: 1e11
        case 12: 1e12
        case 13: 1e13
        case 14: 1e14
        case 15: 1e15
        case 16: 1e16
        case 17: 1e17
        case 18: 1e18
        case 19: 1e19
        case 20: 1e20
        case 21: 1e21
        default: 1e22
        }
    }

    static func parse(_ bytes: [UInt8]) -> Double? {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return nil }
            return parse(base, 0, buffer.count)
        }
    }

    /// The number in `base[start..<end]` (surrounding blanks allowed), or nil when it is not one.
    @inline(__always)
    static func parse(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        var start = start, end = end
        while start < end, base[start] == 0x20 || base[start] == 0x09 { start += 1 }
        while end > start, base[end - 1] == 0x20 || base[end - 1] == 0x09 { end -= 1 }
        guard let (value, stop) = prefix(base, start, end), stop == end else { return nil }
        return value
    }

    /// The number that starts at `base[start]` and where it stops (the first byte that cannot continue it): an
    /// optional sign, digits with an optional decimal point (at least one digit), an optional exponent. Nil when
    /// no number starts there, or an exponent marker has no digits.
    @inline(__always)
    static func prefix(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> (value: Double, end: Int)? {
        var i = start
        guard i < end else { return nil }
        var negative = false
        if base[i] == 0x2D || base[i] == 0x2B {
            negative = base[i] == 0x2D
            i += 1
        }
        // Every digit goes into the mantissa; more than 19 (leading zeros included) could overflow it, and then
        // `strtod` reads the number.
        var mantissa: UInt64 = 0
        let integerStart = i
        while i < end, base[i] &- 0x30 < 10 {
            mantissa = mantissa &* 10 &+ UInt64(base[i] &- 0x30)
            i += 1
        }
        var digits = i - integerStart
        var exponent = 0
        if i < end, base[i] == 0x2E {
            i += 1
            let fractionStart = i
            while i < end, base[i] &- 0x30 < 10 {
                mantissa = mantissa &* 10 &+ UInt64(base[i] &- 0x30)
                i += 1
            }
            exponent = fractionStart - i
            digits += i - fractionStart
        }
        guard digits > 0 else { return nil }
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
        // Clinger's exact path: a mantissa below 2^53 is exact as a Double, and so is 10^k for k ≤ 22, so one
        // multiplication or division rounds once, as `strtod` does.
        if digits <= 19, mantissa < 1 << 53, exponent >= -22 {
            if exponent <= 22 {
                let value = exponent < 0 ? Double(mantissa) / power(-exponent) : Double(mantissa) * power(exponent)
                return (negative ? -value : value, i)
            }
            if exponent <= 22 + 15, mantissa <= (1 << 53) / UInt64(power(exponent - 22)) {
                // Still exact: the mantissa times 10^(exponent − 22) stays below 2^53, then one rounding.
                let value = Double(mantissa * UInt64(power(exponent - 22))) * power(22)
                return (negative ? -value : value, i)
            }
        }
        if digits <= 19, mantissa == 0 { return (negative ? -0.0 : 0, i) }
        guard let value = slowParse(base, start, i) else { return nil }
        return (value, i)
    }

    /// `strtod` on `base[start..<end]`, copied to a terminated buffer on the stack.
    private static func slowParse(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        let length = end - start
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { buffer -> Double? in
            guard let text = buffer.baseAddress else { return nil }
            for offset in 0..<length { text[offset] = CChar(bitPattern: base[start + offset]) }
            text[length] = 0
            var stop: UnsafeMutablePointer<CChar>?
            let value = strtod(text, &stop)
            guard let stop, stop - text == length else { return nil }
            return value
        }
    }
}
