import Foundation

/// Where the sign-in form may send a browser afterwards: a path on this site, and nothing a URL parser could
/// read as another host.
///
/// The check follows the WHATWG URL parser that browsers use. It strips tabs and newlines anywhere, trims
/// leading and trailing spaces and controls, reads `\` as `/`, and resolves `.`, `..`, `%2e` and `%2e%2e`
/// segments; so `/<TAB>/evil.example`, `/\evil.example` and `/.//evil.example` all reach `evil.example`.
/// Anything with a control character, a space or a backslash is refused outright; what is left must be an
/// absolute path whose resolved form does not start with `//`. The result is percent-encoded ASCII.
enum LocalRedirect {
    /// Where to go when `next` is missing or refused.
    static let fallback = "/"

    /// `candidate` when it is a path on this site, otherwise ``fallback``.
    static func path(_ candidate: String?) -> String {
        guard let candidate, candidate.utf8.first == UInt8(ascii: "/") else { return fallback }
        guard !candidate.unicodeScalars.contains(where: isRefused) else { return fallback }
        let end = candidate.firstIndex { $0 == "?" || $0 == "#" } ?? candidate.endIndex
        let query = candidate[end...].prefix { $0 != "#" }
        let resolved = resolvingDotSegments(candidate[..<end])
        guard !resolved.hasPrefix("//") else { return fallback }
        return (resolved + query).addingPercentEncoding(withAllowedCharacters: allowed) ?? fallback
    }

    /// Controls (which the URL parser strips or trims), spaces, and backslashes (which it reads as `/`).
    private static func isRefused(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value <= 0x20 || scalar.value == 0x7F || scalar == "\\" || (0x80...0x9F).contains(scalar.value)
    }

    /// RFC 3986 section 5.2.4 as the WHATWG parser applies it, with `%2e` counting as `.`.
    static func resolvingDotSegments(_ path: Substring) -> String {
        let segments = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        var output: [Substring] = []
        for (index, segment) in segments.enumerated() {
            let last = index == segments.count - 1
            switch segment.lowercased() {
            case ".", "%2e":
                if last { output.append("") }
            case "..", ".%2e", "%2e.", "%2e%2e":
                if !output.isEmpty { output.removeLast() }
                if last { output.append("") }
            default:
                output.append(segment)
            }
        }
        return "/" + output.joined(separator: "/")
    }

    /// Characters kept as they are: the URL's own code points, and `%` so existing escapes survive.
    private static let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/?%")
}
