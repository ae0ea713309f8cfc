extension Unicode.Scalar {
    /// `properties.isWhitespace`, answered without the Unicode property table for ASCII (tab to carriage return,
    /// space), which is most of a page's whitespace: the table look-up was the crawler's largest single cost.
    var isWhitespaceScalar: Bool {
        if value < 0x80 { return value == 0x20 || (0x09...0x0D).contains(value) }
        return properties.isWhitespace
    }

    /// `properties.isAlphabetic`, answered directly for ASCII and the Cyrillic block (U+0400–U+04FF: letters but
    /// the thousands sign U+0482 and the combining marks U+0483–U+0489), the scripts of municipal pages.
    var isAlphabeticScalar: Bool {
        if value < 0x80 { return (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) }
        if (0x0400...0x04FF).contains(value) { return value < 0x0482 || value > 0x0489 }
        return properties.isAlphabetic
    }
}

extension Unicode.Scalar {
    /// ICU's `\d` (general category Nd), answered directly for ASCII.
    var isDecimalDigitScalar: Bool {
        if value < 0x80 { return (0x30...0x39).contains(value) }
        if (0x0400...0x04FF).contains(value) { return false }
        return properties.generalCategory == .decimalNumber
    }

    /// ICU's `\w`: alphabetic, a mark, a decimal digit, a connector punctuation, ZWNJ or ZWJ; answered directly for
    /// ASCII and the Cyrillic block (all word scalars but the thousands sign U+0482).
    var isWordScalar: Bool {
        if value < 0x80 {
            return (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) || (0x30...0x39).contains(value) || value == 0x5F
        }
        if (0x0400...0x04FF).contains(value) { return value != 0x0482 }
        if value == 0x200C || value == 0x200D || properties.isAlphabetic { return true }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .connectorPunctuation: return true
        default: return false
        }
    }

    /// Skipped by ICU's `\b`: Grapheme_Extend or a format character (Cf).
    var isBoundaryTransparent: Bool {
        if value < 0x0300 { return value == 0xAD }
        if (0x0400...0x04FF).contains(value) { return (0x0483...0x0489).contains(value) }
        return properties.isGraphemeExtend || properties.generalCategory == .format
    }

    /// `properties.lowercaseMapping`, answered directly for ASCII and the Cyrillic block (checked equal to the
    /// table over U+0000–U+04FF by a test).
    var lowercasedScalar: Unicode.Scalar? {
        let v = value
        if v < 0x80 { return (0x41...0x5A).contains(v) ? Unicode.Scalar(v + 0x20) : self }
        guard (0x0400...0x04FF).contains(v) else {
            let mapped = properties.lowercaseMapping.unicodeScalars
            return mapped.count == 1 ? mapped.first : nil
        }
        let lower: UInt32
        switch v {
        case 0x0400...0x040F: lower = v + 0x50
        case 0x0410...0x042F: lower = v + 0x20
        case 0x0460...0x0481, 0x048A...0x04BF, 0x04D0...0x04FF: lower = v | 1
        case 0x04C0: lower = 0x04CF
        case 0x04C1...0x04CE: lower = v % 2 == 1 ? v + 1 : v
        default: lower = v
        }
        return Unicode.Scalar(lower)
    }

    /// Appends the UTF-8 of `properties.lowercaseMapping` (what `String.lowercased()` does scalar by scalar).
    func appendLowercasedUTF8(to bytes: inout [UInt8]) {
        if value < 0x80 {
            bytes.append(UInt8((0x41...0x5A).contains(value) ? value + 0x20 : value))
        } else if let lower = lowercasedScalar {
            bytes.append(contentsOf: UTF8.encode(lower)!)
        } else {
            bytes.append(contentsOf: properties.lowercaseMapping.utf8)
        }
    }

    /// The simple case folding ICU compares in a case-insensitive match: the lowercase for ASCII, Cyrillic and
    /// single-scalar mappings, and the few scalars that fold to another letter (long s, Kelvin sign, the old
    /// Cyrillic letter forms U+1C80–U+1C88).
    var caseFolded: Unicode.Scalar {
        switch value {
        case 0x017F: return "s"
        case 0x212A: return "k"
        case 0x1C80...0x1C88:
            let folds: [UInt32] = [0x0432, 0x0434, 0x043E, 0x0441, 0x0442, 0x0442, 0x044A, 0x0463, 0xA64B]
            return Unicode.Scalar(folds[Int(value - 0x1C80)])!
        default: return lowercasedScalar ?? self
        }
    }
}
