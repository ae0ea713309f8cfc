/// The rules of a site's `robots.txt` that apply to one user agent (RFC 9309): the group naming the agent,
/// else the `*` group; the longest matching `Allow`/`Disallow` wins, `Allow` on a tie; `*` and `$` patterns.
public struct RobotsTxt: Sendable, Hashable {
    struct Rule: Sendable, Hashable {
        var allow: Bool
        var pattern: String
    }

    var rules: [Rule]
    /// `Sitemap:` lines.
    public var sitemaps: [String]

    /// Everything allowed (no file, or a 4xx answer).
    public static let allowAll = RobotsTxt(rules: [], sitemaps: [])
    /// Nothing allowed (a 5xx answer: RFC 9309 §2.3.1.3).
    public static let disallowAll = RobotsTxt(rules: [Rule(allow: false, pattern: "/")], sitemaps: [])

    init(rules: [Rule], sitemaps: [String]) {
        self.rules = rules
        self.sitemaps = sitemaps
    }

    /// The rules in `text` for `userAgent` (its product token, e.g. `SanaripAudit`).
    public init(parsing text: String, userAgent: String) {
        let token = userAgent.lowercased()
        var groups: [(agents: [String], rules: [Rule])] = []
        var sitemaps: [String] = []
        var collectingAgents = false
        for rawLine in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "user-agent":
                if !collectingAgents || groups.isEmpty { groups.append((agents: [], rules: [])) }
                groups[groups.count - 1].agents.append(value.lowercased())
                collectingAgents = true
            case "allow", "disallow":
                collectingAgents = false
                guard !groups.isEmpty, !value.isEmpty else { continue }
                groups[groups.count - 1].rules.append(Rule(allow: key == "allow", pattern: value))
            case "sitemap":
                sitemaps.append(value)
            default:
                continue
            }
        }
        let named = groups.filter { $0.agents.contains { $0 != "*" && token.hasPrefix($0) } }
        let chosen = named.isEmpty ? groups.filter { $0.agents.contains("*") } : named
        self.init(rules: chosen.flatMap(\.rules), sitemaps: sitemaps)
    }

    /// Whether `path` (path and query of a URL) may be fetched.
    public func allows(_ path: String) -> Bool {
        var best: Rule?
        for rule in rules where Self.matches(rule.pattern, path) {
            if let current = best {
                if rule.pattern.count > current.pattern.count || (rule.pattern.count == current.pattern.count && rule.allow) {
                    best = rule
                }
            } else {
                best = rule
            }
        }
        return best?.allow ?? true
    }

    static func matches(_ pattern: String, _ path: String) -> Bool {
        let anchored = pattern.hasSuffix("$")
        let body = anchored ? String(pattern.dropLast()) : pattern
        let parts = body.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        var position = path.startIndex
        for (index, part) in parts.enumerated() {
            if index == 0 {
                guard path.hasPrefix(part) else { return false }
                position = path.index(path.startIndex, offsetBy: part.count)
                continue
            }
            if part.isEmpty { continue }
            guard let found = path.range(of: part, range: position..<path.endIndex) else { return false }
            position = found.upperBound
        }
        if anchored {
            if let last = parts.last, parts.count > 1, !last.isEmpty { return path.hasSuffix(last) }
            return position == path.endIndex || parts.last == ""
        }
        return true
    }
}

import Foundation
