import Foundation

/// Codes × groups of participants: how many participants in each group raised each code (any coder's coding
/// touching one of their turns), out of the participants in the group. Moderators are left out.
public struct CodeMatrix: Sendable, Hashable, Codable {
    public struct Cell: Sendable, Hashable, Codable {
        public var participants: Int
        public var ofParticipants: Int
        /// Codings of the code in the group's turns.
        public var codings: Int
        public var share: Double? { ofParticipants > 0 ? Double(participants) / Double(ofParticipants) : nil }
    }

    public var attribute: String
    /// The attribute's values, sorted; participants without a value are grouped as `(none)`.
    public var groups: [String]
    /// Code keys in codebook order (codes with codings only).
    public var codes: [String]
    /// `cells[code][group]`.
    public var cells: [[Cell]]

    /// The value standing for a participant without the attribute.
    public static let missing = "(none)"
}

extension QualitativeProject {
    /// Which participants (by id) each coding's span touches, through the transcript's turns.
    func speakers(of coding: Coding, in transcript: Transcript) -> Set<UUID> {
        Set(transcript.turns.filter { coding.start < $0.end && coding.end > $0.start }.compactMap(\.participantID))
    }

    /// The code × group matrix by a participant (or session) attribute.
    public func matrix(by attribute: String) -> CodeMatrix {
        let sessions = Dictionary(uniqueKeysWithValues: self.sessions.map { ($0.id, $0) })
        let people = participants.filter { !$0.isModerator }
        let groupOf = Dictionary(uniqueKeysWithValues: people.map { person in
            (person.id, person.value(of: attribute, session: person.sessionID.flatMap { sessions[$0] }) ?? CodeMatrix.missing)
        })
        let groups = Array(Set(groupOf.values)).sorted()
        let groupSize = Dictionary(grouping: groupOf.values, by: { $0 }).mapValues(\.count)
        let transcriptsByID = Dictionary(uniqueKeysWithValues: transcripts.map { ($0.id, $0) })
        let used = Set(codings.map(\.codeID))
        let codes = codebook.codes.filter { used.contains($0.id) }
        var cells: [[CodeMatrix.Cell]] = []
        for code in codes {
            var raised: [String: Set<UUID>] = [:]
            var counts: [String: Int] = [:]
            for coding in codings where coding.codeID == code.id {
                guard let transcript = transcriptsByID[coding.transcriptID] else { continue }
                var groupsHere = Set<String>()
                for person in speakers(of: coding, in: transcript) {
                    guard let group = groupOf[person] else { continue }
                    raised[group, default: []].insert(person)
                    groupsHere.insert(group)
                }
                for group in groupsHere { counts[group, default: 0] += 1 }
            }
            cells.append(groups.map { group in
                CodeMatrix.Cell(participants: raised[group]?.count ?? 0, ofParticipants: groupSize[group] ?? 0, codings: counts[group] ?? 0)
            })
        }
        return CodeMatrix(attribute: attribute, groups: groups, codes: codes.map(\.key), cells: cells)
    }

    /// How many turns carry both codes (any coder), for every pair of codes with codings; the diagonal counts the
    /// turns carrying the code.
    public func coOccurrence() -> (codes: [String], turns: [[Int]]) {
        let used = Set(codings.map(\.codeID))
        let codes = codebook.codes.filter { used.contains($0.id) }
        let index = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1.id, $0) })
        var matrix = [[Int]](repeating: [Int](repeating: 0, count: codes.count), count: codes.count)
        for transcript in transcripts {
            let mine = codings.filter { $0.transcriptID == transcript.id }
            for turn in transcript.turns {
                let present = Set(mine.filter { $0.start < turn.end && $0.end > turn.start }.compactMap { index[$0.codeID] }).sorted()
                for a in present { for b in present { matrix[a][b] += 1 } }
            }
        }
        return (codes.map(\.key), matrix)
    }
}

/// A passage coded with a code, with who said it (pseudonym and attributes), for quoting in the original language.
public struct Quote: Sendable, Hashable, Codable {
    public var code: String
    public var transcript: String
    public var start: Int
    public var end: Int
    public var text: String
    public var speaker: String?
    public var attributes: [String: String]
    public var coders: [String]
}

extension QualitativeProject {
    /// Every passage coded with `reference` (its sub-codes included), one per distinct span, in transcript order;
    /// only speakers whose `attribute` equals `value` when a filter is given.
    public func quotes(code reference: String, where filter: (attribute: String, value: String)? = nil) throws(QualitativeError) -> [Quote] {
        guard let code = codebook.code(named: reference) else { throw .invalid("the codebook has no code \"\(reference)\"") }
        var wanted: Set<UUID> = [code.id]
        var grew = true
        while grew {
            let before = wanted.count
            for candidate in codebook.codes where candidate.parentID.map(wanted.contains) == true { wanted.insert(candidate.id) }
            grew = wanted.count > before
        }
        let sessions = Dictionary(uniqueKeysWithValues: self.sessions.map { ($0.id, $0) })
        let coderNames = Dictionary(uniqueKeysWithValues: coders.map { ($0.id, $0.name) })
        var quotes: [Quote] = []
        for transcript in transcripts {
            let spans = Dictionary(grouping: codings.filter { $0.transcriptID == transcript.id && wanted.contains($0.codeID) }) { [$0.start, $0.end] }
            for key in spans.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                let group = spans[key] ?? []
                let speaker = transcript.turn(at: key[0])
                let person = speaker?.participantID.flatMap(participant)
                var attributes = person?.attributes ?? [:]
                if let session = person?.sessionID.flatMap({ sessions[$0] }) {
                    attributes.merge(session.attributes) { mine, _ in mine }
                }
                if let filter, person?.value(of: filter.attribute, session: person?.sessionID.flatMap { sessions[$0] }) != filter.value { continue }
                quotes.append(Quote(
                    code: code.key, transcript: transcript.name, start: key[0], end: key[1], text: transcript.excerpt(key[0], key[1]),
                    speaker: speaker?.speaker, attributes: attributes,
                    coders: Array(Set(group.compactMap { coderNames[$0.coderID] })).sorted()
                ))
            }
        }
        return quotes
    }
}

extension Quote {
    /// The quotes as a table for CSV and XLSX: a header (code, transcript, start, end, speaker, every attribute,
    /// coders, text), then one row per quote.
    public static func rows(_ quotes: [Quote]) -> [[String]] {
        let keys = Set(quotes.flatMap(\.attributes.keys)).sorted()
        var rows = [["code", "transcript", "start", "end", "speaker"] + keys + ["coders", "text"]]
        for quote in quotes {
            rows.append([quote.code, quote.transcript, "\(quote.start)", "\(quote.end)", quote.speaker ?? ""] + keys.map { quote.attributes[$0] ?? "" }
                        + [quote.coders.joined(separator: " "), quote.text])
        }
        return rows
    }
}
