/// Turns names from elsewhere (XLSForm question names, group paths such as `meta/instanceID`, CSV headers)
/// into valid, unique SPSS variable names: invalid characters become `_`, a name that cannot start a
/// variable gets a `v` in front, reserved words and trailing periods get a `_`, names are cut to 64 bytes
/// at a character boundary, and repeats (regardless of case) get `_2`, `_3`…
public struct SPSSNameMaker: Sendable {
    private var taken: Set<String> = []

    public init() {}

    /// A valid SPSS name for `source`, distinct from every name this maker has given before.
    public mutating func name(for source: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in source.unicodeScalars {
            scalars.append(SPSSName.isNameCharacter(scalar) ? scalar : "_")
        }
        var base = String(scalars)
        if let first = base.unicodeScalars.first, first.properties.isAlphabetic || first == "@" {
            // keeps its first character
        } else {
            base = "v" + base
        }
        if base.hasSuffix(".") || SPSSName.reserved.contains(base.uppercased()) { base += "_" }
        var candidate = Self.cut(base, to: 64)
        var counter = 2
        while taken.contains(candidate.uppercased()) || SPSSName.problem(with: candidate) != nil {
            let suffix = "_\(counter)"
            candidate = Self.cut(base, to: 64 - suffix.utf8.count) + suffix
            counter += 1
        }
        taken.insert(candidate.uppercased())
        return candidate
    }

    /// `text` cut to at most `bytes` bytes of UTF-8 without splitting a character, and without a final period.
    static func cut(_ text: String, to bytes: Int) -> String {
        var result = String(decoding: text.utf8Prefix(maxBytes: bytes), as: UTF8.self)
        while result.hasSuffix(".") { result.removeLast() }
        return result
    }
}
