import Foundation

/// The interface strings of every language, read from `xx.lproj/Localizable.strings` in the server's resources.
///
/// A key missing in one language falls back to English and then to the key itself, so a gap shows
/// as a readable English phrase rather than an empty label.
struct Localizer: Sendable {
    private let tables: [InterfaceLanguage: [String: String]]

    init(tables: [InterfaceLanguage: [String: String]]) {
        self.tables = tables
    }

    /// Reads every language's table from `bundle`.
    init(bundle: Bundle) throws {
        var tables: [InterfaceLanguage: [String: String]] = [:]
        for language in InterfaceLanguage.allCases {
            let url = try Self.stringsURL(for: language, in: bundle)
            tables[language] = try Self.table(at: url, language: language)
        }
        self.init(tables: tables)
    }

    /// The text format, or a property list for builds that compile `.strings` files to binary.
    private static func table(at url: URL, language: InterfaceLanguage) throws -> [String: String] {
        let data = try Data(contentsOf: url)
        if let text = String(data: data, encoding: .utf8), let table = try? StringsFile.parse(text) {
            return table
        }
        if let table = try? PropertyListSerialization.propertyList(from: data, format: nil) as? [String: String] {
            return table
        }
        throw LocalizerError(message: "\(language.rawValue).lproj/\(url.lastPathComponent) is neither a .strings file nor a property list")
    }

    private static func stringsURL(for language: InterfaceLanguage, in bundle: Bundle) throws -> URL {
        let folder = "\(language.rawValue).lproj"
        if let url = bundle.url(forResource: "Localizable", withExtension: "strings", subdirectory: folder) {
            return url
        }
        let candidates = [folder, "Localization/\(folder)"].compactMap {
            bundle.resourceURL?.appendingPathComponent($0).appendingPathComponent("Localizable.strings")
        }
        guard let url = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
            throw LocalizerError(message: "no \(folder)/Localizable.strings in \(bundle.bundlePath)")
        }
        return url
    }

    /// The string for `key` in `language`.
    func string(_ key: String, in language: InterfaceLanguage) -> String {
        tables[language]?[key] ?? tables[.en]?[key] ?? key
    }

    /// Every key of `language` (with English for gaps) as nested dictionaries, so templates write `{{t.nav.home}}` for `nav.home`.
    func templateStrings(for language: InterfaceLanguage) -> [String: Any] {
        var root: [String: Any] = [:]
        let merged = (tables[.en] ?? [:]).merging(tables[language] ?? [:]) { _, localized in localized }
        for (key, value) in merged {
            Self.insert(value, at: key.split(separator: ".").map(String.init)[...], into: &root)
        }
        return root
    }

    private static func insert(_ value: String, at path: ArraySlice<String>, into node: inout [String: Any]) {
        guard let head = path.first else { return }
        if path.count == 1 {
            node[head] = value
        } else {
            var child = node[head] as? [String: Any] ?? [:]
            insert(value, at: path.dropFirst(), into: &child)
            node[head] = child
        }
    }

    /// The keys `language` lacks compared with English, for tests and start-up checks.
    func missingKeys(in language: InterfaceLanguage) -> Set<String> {
        Set(tables[.en].map { Array($0.keys) } ?? []).subtracting(tables[language].map { Array($0.keys) } ?? [])
    }
}

struct LocalizerError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
