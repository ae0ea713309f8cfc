import Foundation

/// A relationship from a package part's `.rels` file.
struct XLSXRelationship: Hashable {
    var id: String
    var type: String
    /// The target resolved to an archive path, or `nil` for an external target.
    var path: String?

    /// Whether the relationship's type ends in `/kind` (transitional and strict namespaces differ in the prefix).
    func isKind(_ kind: String) -> Bool {
        type.hasSuffix("/" + kind)
    }

    /// The archive path of `target` seen from the part at `source`: absolute targets start at the package
    /// root, relative ones at the source part's folder, with `.` and `..` segments and %-escapes resolved.
    static func resolve(_ target: String, from source: String) -> String {
        let decoded = (target.removingPercentEncoding ?? target).replacingOccurrences(of: "\\", with: "/")
        var segments: [Substring]
        if decoded.hasPrefix("/") {
            segments = []
        } else {
            segments = source.split(separator: "/", omittingEmptySubsequences: true)
            if !segments.isEmpty { segments.removeLast() }
        }
        for segment in decoded.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            default: segments.append(segment)
            }
        }
        return segments.joined(separator: "/")
    }

    /// Where the relationships of the part at `path` are stored (`xl/workbook.xml` → `xl/_rels/workbook.xml.rels`).
    static func relationshipsPath(for path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "_rels/\(path).rels" }
        return "\(path[..<slash])/_rels/\(path[path.index(after: slash)...]).rels"
    }
}
