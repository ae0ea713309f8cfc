import Foundation
import SanaripInstrument

/// The participants of one session as listed in a CSV beside the transcript (`name,role,sex,age_group,urban_rural,
/// eservice_use,education,consent`, more columns become attributes). `role` is `participant` (default) or
/// `moderator`; `consent` is yes/no (1/0, да/нет, ооба/жок).
public struct ParticipantTable: Sendable, Hashable {
    public struct Row: Sendable, Hashable {
        public var name: String
        public var isModerator: Bool
        public var attributes: [String: String]
        public var consent: Bool
    }

    public var rows: [Row]

    public init(rows: [Row]) {
        self.rows = rows
    }

    /// Reads the CSV text; every problem names the file and row.
    public static func parse(_ text: String, file: String) throws(QualitativeError) -> ParticipantTable {
        let records: [[String]]
        do {
            records = try CSVCodec().records(in: text).filter { $0 != [""] }
        } catch {
            throw .unreadable(file: file, reason: "not a readable CSV (\(error))")
        }
        guard let header = records.first else { throw .unreadable(file: file, reason: "the file is empty") }
        let columns = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let nameColumn = columns.firstIndex(of: "name") else {
            throw .unreadable(file: file, reason: "the header has no \"name\" column (expected name,role,sex,age_group,urban_rural,eservice_use,education,consent)")
        }
        var rows: [Row] = []
        var seen = Set<String>()
        for (index, record) in records.dropFirst().enumerated() {
            let line = index + 2
            let name = nameColumn < record.count ? record[nameColumn].trimmingCharacters(in: .whitespaces) : ""
            guard !name.isEmpty else { throw .invalid("\(file), row \(line): the name is empty") }
            guard seen.insert(name.lowercased()).inserted else {
                throw .invalid("\(file), row \(line): \"\(name)\" is listed twice; give each participant a distinct name")
            }
            var attributes: [String: String] = [:]
            var isModerator = false, consent = false
            for (column, key) in columns.enumerated() where column != nameColumn && column < record.count {
                let value = record[column].trimmingCharacters(in: .whitespaces)
                switch key {
                case "role":
                    switch value.lowercased() {
                    case "", "participant": isModerator = false
                    case "moderator": isModerator = true
                    default: throw .invalid("\(file), row \(line), column role: \"\(value)\" is neither participant nor moderator")
                    }
                case "consent":
                    switch value.lowercased() {
                    case "yes", "1", "true", "да", "ооба": consent = true
                    case "", "no", "0", "false", "нет", "жок": consent = false
                    default: throw .invalid("\(file), row \(line), column consent: \"\(value)\" is not yes or no")
                    }
                default:
                    if !value.isEmpty { attributes[key] = value }
                }
            }
            rows.append(Row(name: name, isModerator: isModerator, attributes: attributes, consent: consent))
        }
        return ParticipantTable(rows: rows)
    }
}
