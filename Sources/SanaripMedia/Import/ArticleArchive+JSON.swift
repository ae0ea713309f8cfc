import Foundation
import SanaripQualitative

extension ArticleArchive {
    /// Reads JSON articles: an array of objects, an object holding one (`stories`, `results`, `articles`, `items`,
    /// `data`), or JSON Lines (one object a line). Field names are the CSV's (``aliases``: Media Cloud's `id`,
    /// `stories_id`, `media_name`, `media_url`, `publish_date`, `title`, `url`, `language`, `text`/`story_text`;
    /// also `outlet`, `date`, `author`, `html` — a page whose main text is extracted).
    ///
    /// - Throws: ``MediaError/invalid(file:row:column:reason:)`` with the line where the object starts and the field.
    public static func readJSON(_ text: String, file: String, known: [MediaSource]) throws(MediaError) -> ArticleArchive {
        var objects: [(line: Int, value: Any)] = []
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let firstLine = String(trimmed.prefix { $0 != "\n" }).trimmingCharacters(in: .whitespaces)
        let listKeys = ["stories", "results", "articles", "items", "data"]
        let firstObject = (try? JSONSerialization.jsonObject(with: Data(firstLine.utf8))) as? [String: Any]
        let isLines = firstLine.hasPrefix("{") && firstObject.map { object in !listKeys.contains { object[$0] is [Any] } } == true
        if !isLines {
            do {
                _ = try JSONSerialization.jsonObject(with: Data(trimmed.utf8))
            } catch {
                let detail = ((error as NSError).userInfo["NSDebugDescription"] as? String) ?? "\(error)"
                throw .invalid(file: file, row: nil, column: nil, reason: "not readable JSON (\(detail)); write an array of objects, or JSON Lines")
            }
        }
        if trimmed.hasPrefix("["), let whole = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) {
            let lines = topLevelLines(text)
            for (index, value) in ((whole as? [Any]) ?? []).enumerated() { objects.append((index < lines.count ? lines[index] : 1, value)) }
        } else if !isLines, let whole = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any],
                  let list = listKeys.lazy.compactMap({ whole[$0] as? [Any] }).first {
            let startLine = 1 + (text.range(of: "[").map { text[..<$0.lowerBound].filter(\.isNewline).count } ?? 0)
            let lines = topLevelLines(String(text[(text.range(of: "[")?.lowerBound ?? text.startIndex)...]))
            for (index, value) in list.enumerated() { objects.append((index < lines.count ? lines[index] + startLine - 1 : startLine, value)) }
        } else if !isLines, let whole = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) {
            objects.append((1, whole))
        } else {
            for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let content = line.trimmingCharacters(in: .whitespacesAndNewlines)
                if content.isEmpty { continue }
                guard let value = try? JSONSerialization.jsonObject(with: Data(content.utf8)) else {
                    throw .invalid(file: file, row: offset + 1, column: nil,
                                   reason: "not readable JSON (write an array of objects, or JSON Lines: one object a line)")
                }
                objects.append((offset + 1, value))
            }
        }
        guard !objects.isEmpty else { throw .invalid(file: file, row: 1, column: nil, reason: "no articles in the file") }
        var builder = Builder(file: file, known: known, origin: "json")
        for (line, value) in objects {
            guard let object = value as? [String: Any] else {
                throw .invalid(file: file, row: line, column: nil, reason: "an article must be an object with url and title")
            }
            let keys = Dictionary(object.keys.map { ($0.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
            var fields: [String: String] = [:], names: [String: String] = [:]
            for (field, candidates) in aliases {
                guard let name = candidates.lazy.compactMap({ keys[$0] }).first, let value = object[name] else { continue }
                names[field] = name
                switch value {
                case let text as String: fields[field] = text
                case let number as NSNumber: fields[field] = number.stringValue
                case let nested as [String: Any]: fields[field] = (nested["name"] as? String) ?? (nested["url"] as? String) ?? ""
                default: continue
                }
            }
            guard fields["title"] != nil || fields["html"] != nil else {
                throw .invalid(file: file, row: line, column: "title", reason: "the article has no title (fields: url, title, publish_date, media_name, text or html)")
            }
            if fields["title"] == nil, let html = fields["html"] { fields["title"] = ArticleExtractor.extract(html: html).title }
            try builder.add(fields, row: line) { names[$0] ?? $0 }
        }
        return builder.archive
    }

    /// The 1-based line on which each element of the top-level array in `text` starts.
    static func topLevelLines(_ text: String) -> [Int] {
        var lines: [Int] = []
        var line = 1, depth = 0, inString = false, escaped = false, expecting = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n") { line += 1 }
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            let isSpace = byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
            if expecting, depth == 1, !isSpace, byte != UInt8(ascii: "]") {
                lines.append(line)
                expecting = false
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth == 1 { expecting = true }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            case UInt8(ascii: ","): if depth == 1 { expecting = true }
            default: break
            }
        }
        return lines
    }
}
