import Foundation
import SanaripInstrument

extension Codebook {
    /// The columns of the trilingual codebook CSV, in order.
    public static let csvColumns = [
        "key", "parent", "name_ky", "name_ru", "name_en", "definition_ky", "definition_ru", "definition_en",
        "include", "exclude", "example", "source",
    ]

    /// Reads a trilingual codebook CSV (UTF-8; lines starting with `#` are comments). A code's GUID is derived from
    /// its key, so the same CSV always gives the same codes; parents must come before their children.
    public static func fromCSV(_ text: String, file: String) throws(QualitativeError) -> Codebook {
        let records: [[String]]
        do {
            records = try CSVCodec().records(in: text).filter { !($0.first ?? "").hasPrefix("#") && $0 != [""] }
        } catch {
            throw .unreadable(file: file, reason: "not a readable CSV (\(error))")
        }
        guard let header = records.first else { throw .unreadable(file: file, reason: "the file is empty") }
        let columns = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let keyColumn = columns.firstIndex(of: "key") else {
            throw .unreadable(file: file, reason: "the header has no \"key\" column (expected: \(csvColumns.joined(separator: ",")))")
        }
        func field(_ record: [String], _ name: String) -> String {
            guard let index = columns.firstIndex(of: name), index < record.count else { return "" }
            return record[index].trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var codebook = Codebook()
        for (row, record) in records.dropFirst().enumerated() {
            let key = keyColumn < record.count ? record[keyColumn].trimmingCharacters(in: .whitespaces) : ""
            guard !key.isEmpty else { throw .invalid("\(file), code row \(row + 1): the key is empty") }
            var parentID: UUID?
            let parent = field(record, "parent")
            if !parent.isEmpty {
                guard let found = codebook.code(named: parent) else {
                    throw .invalid("\(file), code \"\(key)\": its parent \"\(parent)\" is not listed above it")
                }
                parentID = found.id
            }
            var names: [String: String] = [:], definitions: [String: String] = [:]
            for language in ["ky", "ru", "en"] {
                let name = field(record, "name_\(language)"), definition = field(record, "definition_\(language)")
                if !name.isEmpty { names[language] = name }
                if !definition.isEmpty { definitions[language] = definition }
            }
            codebook.codes.append(Code(
                id: UUID.stable("sanarip.code:\(key)"), key: key, parentID: parentID, names: names, definitions: definitions,
                include: field(record, "include"), exclude: field(record, "exclude"), example: field(record, "example"),
                source: field(record, "source")
            ))
        }
        try codebook.validate(file: file)
        return codebook
    }

    /// The codebook as the trilingual CSV ``fromCSV(_:file:)`` reads.
    public func csv() -> String {
        var lines = [Self.csvColumns.joined(separator: ",")]
        for code in codes {
            let parent = code.parentID.flatMap { self.code($0)?.key } ?? ""
            let fields = [
                code.key, parent, code.names["ky"] ?? "", code.names["ru"] ?? "", code.names["en"] ?? "",
                code.definitions["ky"] ?? "", code.definitions["ru"] ?? "", code.definitions["en"] ?? "",
                code.include, code.exclude, code.example, code.source,
            ]
            lines.append(fields.map(Self.csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A CSV field, quoted when it holds a comma, quote or line break.
    public static func csvField(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The programme's starter codebook (barriers, e-services, needs), shipped with the built-in study.
    public static func starter() throws -> Codebook {
        guard let url = Bundle.module.url(forResource: "codebook-digital-divide-kg", withExtension: "csv", subdirectory: "Resources") else {
            throw QualitativeError.invalid("the starter codebook is missing from the installation")
        }
        return try fromCSV(String(contentsOf: url, encoding: .utf8), file: url.lastPathComponent)
    }
}

extension UUID {
    /// A UUID derived from `string` (two FNV-1a hashes, version 5 layout bits): the same string, the same UUID.
    static func stable(_ string: String) -> UUID {
        func fnv(_ seed: UInt64) -> UInt64 {
            var hash = seed
            for byte in string.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
            return hash
        }
        let high = fnv(0xCBF2_9CE4_8422_2325), low = fnv(0x8422_2325_CBF2_9CE4 ^ high)
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<8 {
            bytes[index] = UInt8(truncatingIfNeeded: high >> (8 * (7 - index)))
            bytes[8 + index] = UInt8(truncatingIfNeeded: low >> (8 * (7 - index)))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}
