import SanaripCore

extension InterfaceLanguage {
    /// The best language an `Accept-Language` header asks for: highest q-value first, ties in header order;
    /// `q=0` means "not this one". Nil when it names none the interface speaks.
    public static func preferred(byAcceptLanguage header: String) -> InterfaceLanguage? {
        let ranges = header.split(separator: ",").enumerated().compactMap { index, item -> (Int, Double, InterfaceLanguage)? in
            let parts = item.split(separator: ";")
            guard let tag = parts.first, let language = InterfaceLanguage(tag: tag) else { return nil }
            let quality = parts.dropFirst().lazy
                .map { $0.trimmingSpaces() }
                .first { $0.hasPrefix("q=") }
                .flatMap { Double($0.dropFirst(2)) } ?? 1
            return quality > 0 ? (index, quality, language) : nil
        }
        return ranges.max { lhs, rhs in lhs.1 < rhs.1 || (lhs.1 == rhs.1 && lhs.0 > rhs.0) }?.2
    }
}
