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
