import Foundation
import SanaripInstrument

/// Narrative frames and the terms that signal them, in Kyrgyz, Russian and English: an editable CSV, one frame a row.
///
/// A term is one word or a phrase of consecutive words. A word ending in `*` is a stem and matches every word that
/// starts with it (`интернет*`: интернетке, интернеттин; `мошенни*`: мошенник, мошенничества), which is how the
/// heavy inflection of Kyrgyz and Russian is met; a word without `*` matches only itself. Matching ignores case,
/// and `ё` is read as `е`.
public struct FrameDictionary: Sendable, Hashable {
    /// One frame: its key, names in the three languages, terms and where they come from.
    public struct Frame: Sendable, Hashable, Codable {
        public var key: String
        public var names: [String: String]
        public var terms: [Term]
        public var source: String

        public init(key: String, names: [String: String], terms: [Term], source: String = "") {
            self.key = key
            self.names = names
            self.terms = terms
            self.source = source
        }

        /// The frame's name in `language`, else English, else its key.
        public func name(_ language: String) -> String {
            names[language].flatMap { $0.isEmpty ? nil : $0 } ?? names["en"].flatMap { $0.isEmpty ? nil : $0 } ?? key
        }
    }

    /// A term as written in the dictionary, its language and its words.
    public struct Term: Sendable, Hashable, Codable {
        /// One word of a term: matched as a prefix (stem) or whole.
        public struct Word: Sendable, Hashable, Codable {
            public var text: String
            public var isStem: Bool
        }

        public var text: String
        public var language: String
        public var words: [Word]

        /// Parses `text` (`цифров* грамотност*`) into its words, lowercased, `ё` as `е`.
        public init(_ text: String, language: String) {
            self.text = text
            self.language = language
            words = text.lowercased().replacingOccurrences(of: "ё", with: "е").split(whereSeparator: { $0 == " " }).map { part in
                let isStem = part.hasSuffix("*")
                let letters = (isStem ? part.dropLast() : part).filter { $0.isLetter || $0.isNumber }
                return Word(text: String(letters), isStem: isStem)
            }.filter { !$0.text.isEmpty }
        }
    }

    public var frames: [Frame]
    /// The file it was read from (or `built-in`), and its version line when it has one (`# version: …`).
    public var file: String
    public var version: String

    public init(frames: [Frame], file: String = "", version: String = "") {
        self.frames = frames
        self.file = file
        self.version = version
    }

    public static let languages = ["ky", "ru", "en"]
    /// The columns of the CSV, in order: terms of each language separated by `;`.
    public static let csvColumns = ["frame", "name_ky", "name_ru", "name_en", "terms_ky", "terms_ru", "terms_en", "source"]

    /// Reads a frame dictionary CSV (UTF-8; `#` lines are comments, `# version: X` names its version).
    public static func csv(_ text: String, file: String) throws(MediaError) -> FrameDictionary {
        let records: [(line: Int, fields: [String])]
        do { records = try CSVCodec().numberedRecords(in: text) } catch {
            throw .invalid(file: file, row: error.line, column: nil, reason: "not a readable CSV (\(error.message))")
        }
        var version = ""
        var rows: [(line: Int, fields: [String])] = []
        for record in records {
            let first = record.fields.first ?? ""
            if first.hasPrefix("#") {
                let comment = first.dropFirst().trimmingCharacters(in: .whitespaces)
                if comment.lowercased().hasPrefix("version:") { version = comment.dropFirst(8).trimmingCharacters(in: .whitespaces) }
                continue
            }
            if record.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            rows.append(record)
        }
        guard let header = rows.first else { throw .invalid(file: file, row: nil, column: nil, reason: "the file has no frames; expected the columns \(csvColumns.joined(separator: ","))") }
        let columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard columns.contains("frame") else {
            throw .invalid(file: file, row: header.line, column: "frame", reason: "the header has no \"frame\" column (expected: \(csvColumns.joined(separator: ",")))")
        }
        var frames: [Frame] = []
        for record in rows.dropFirst() {
            func field(_ name: String) -> String {
                guard let index = columns.firstIndex(of: name), index < record.fields.count else { return "" }
                return record.fields[index].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            let key = field("frame")
            guard !key.isEmpty else { throw .invalid(file: file, row: record.line, column: "frame", reason: "the frame's key is empty") }
            guard !frames.contains(where: { $0.key == key }) else { throw .invalid(file: file, row: record.line, column: "frame", reason: "the frame \(key) is listed twice") }
            var terms: [Term] = []
            for language in languages {
                for text in field("terms_\(language)").split(separator: ";") {
                    let term = Term(text.trimmingCharacters(in: .whitespaces), language: language)
                    guard !term.words.isEmpty else {
                        throw .invalid(file: file, row: record.line, column: "terms_\(language)", reason: "the term \"\(text)\" has no letters")
                    }
                    if term.words.count > FrameMatcher.maxPhraseWords {
                        throw .invalid(file: file, row: record.line, column: "terms_\(language)", reason: "the term \"\(text)\" has more than \(FrameMatcher.maxPhraseWords) words")
                    }
                    if term.words.contains(where: { $0.isStem && $0.text.count < 3 }) {
                        throw .invalid(file: file, row: record.line, column: "terms_\(language)", reason: "the stem in \"\(text)\" is shorter than 3 letters and would match almost anything")
                    }
                    terms.append(term)
                }
            }
            guard !terms.isEmpty else { throw .invalid(file: file, row: record.line, column: "terms_ky", reason: "the frame \(key) has no terms") }
            var names: [String: String] = [:]
            for language in languages { names[language] = field("name_\(language)") }
            frames.append(Frame(key: key, names: names, terms: terms, source: field("source")))
        }
        return FrameDictionary(frames: frames, file: file, version: version)
    }

    /// The programme's frames about internet development in Kyrgyzstan, shipped with the built-in study.
    public static func builtIn() throws -> FrameDictionary {
        guard let url = Bundle.module.url(forResource: "media-frames-digital-divide-kg", withExtension: "csv", subdirectory: "Resources") else {
            throw MediaError.invalid(file: "media-frames-digital-divide-kg.csv", row: nil, column: nil, reason: "the built-in frame dictionary is missing from the installation")
        }
        return try csv(String(contentsOf: url, encoding: .utf8), file: url.lastPathComponent)
    }

    /// The dictionary at `path`, or the built-in one when `path` is nil.
    public static func load(_ path: String?) throws -> FrameDictionary {
        guard let path else { return try builtIn() }
        let url = URL(fileURLWithPath: path)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw MediaError.invalid(file: url.lastPathComponent, row: nil, column: nil, reason: "cannot be read as UTF-8 text")
        }
        return try csv(text, file: url.lastPathComponent)
    }
}
