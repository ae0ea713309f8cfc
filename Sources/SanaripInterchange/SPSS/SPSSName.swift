/// The rules for SPSS variable names, and the 8-byte short names every variable also carries in a system file.
enum SPSSName {
    /// Words that cannot name a variable.
    static let reserved: Set<String> = ["ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO", "WITH"]

    /// Why `name` is not a valid SPSS variable name, or nil when it is.
    static func problem(with name: String) -> String? {
        guard let first = name.unicodeScalars.first else { return "the name is empty; give every variable a name" }
        let bytes = name.utf8.count
        if bytes > 64 { return "\"\(name)\" is \(bytes) bytes long; SPSS names take at most 64 bytes of UTF-8" }
        if !(first.properties.isAlphabetic || first == "@") {
            return "\"\(name)\" starts with \"\(first)\"; a name must start with a letter or @"
        }
        if let bad = name.unicodeScalars.first(where: { !isNameCharacter($0) }) {
            return "\"\(name)\" contains \"\(bad)\"; use letters, digits, ., _, $, # and @ only"
        }
        if name.hasSuffix(".") { return "\"\(name)\" ends with a period, which SPSS syntax reads as the end of a command" }
        if reserved.contains(name.uppercased()) { return "\"\(name)\" is a reserved word of SPSS syntax; choose another name" }
        return nil
    }

    static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal
            || "._$#@".unicodeScalars.contains(scalar)
    }

    /// Gives out unique short names (at most 8 bytes, upper case, case-insensitively distinct).
    struct ShortNames {
        private var taken: Set<String> = []

        /// Claims `name` upper-cased if it fits in 8 bytes and is free.
        mutating func claimExact(_ name: String) -> String? {
            let upper = name.uppercased()
            guard upper.utf8.count <= 8, SPSSName.problem(with: upper) == nil, !taken.contains(upper) else { return nil }
            taken.insert(upper)
            return upper
        }

        /// A free short name derived from `name`: its first 8 bytes, or a shorter prefix with `_N`.
        mutating func derive(from name: String) -> String {
            let upper = name.uppercased()
            let whole = String(decoding: upper.utf8Prefix(maxBytes: 8), as: UTF8.self)
            if !whole.isEmpty, !whole.hasSuffix("."), !taken.contains(whole), !SPSSName.reserved.contains(whole) {
                taken.insert(whole)
                return whole
            }
            var counter = 1
            while true {
                let suffix = "_\(counter)"
                let stem = String(decoding: upper.utf8Prefix(maxBytes: 8 - suffix.utf8.count), as: UTF8.self)
                let candidate = (stem.isEmpty ? "V" : stem) + suffix
                if candidate.utf8.count <= 8, !taken.contains(candidate) {
                    taken.insert(candidate)
                    return candidate
                }
                counter += 1
            }
        }
    }
}
