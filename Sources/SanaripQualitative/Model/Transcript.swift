import Foundation

/// A transcript: its text exactly as coded, its speaker turns, and the original as imported.
///
/// **Offsets** (codings, turns) count Unicode scalars (code points) from 0, as REFI-QDA's `startPosition` and
/// `endPosition` are read by QualCoder (Python string indices): "Көл" is 3 characters, an emoji 1, a CRLF 2.
/// ``text`` is the imported text with speakers' names replaced by pseudonyms in their `Name:` prefixes;
/// ``originalText`` is the file's text exactly, kept in the store only.
public struct Transcript: Sendable, Hashable, Codable, Identifiable {
    public var id: UUID
    public var name: String
    public var sessionID: UUID?
    /// `ky`, `ru`, `mixed` or empty.
    public var language: String
    public var text: String
    public var originalText: String
    public var turns: [SpeakerTurn]

    public init(
        id: UUID = UUID(), name: String, sessionID: UUID? = nil, language: String = "", text: String,
        originalText: String? = nil, turns: [SpeakerTurn] = []
    ) {
        self.id = id
        self.name = name
        self.sessionID = sessionID
        self.language = language
        self.text = text
        self.originalText = originalText ?? text
        self.turns = turns
    }

    /// The length of ``text`` in Unicode scalars.
    public var length: Int { text.unicodeScalars.count }

    /// The text between two scalar offsets.
    public func excerpt(_ start: Int, _ end: Int) -> String {
        let scalars = text.unicodeScalars
        let from = scalars.index(scalars.startIndex, offsetBy: max(0, min(start, length)))
        let to = scalars.index(from, offsetBy: max(0, min(end, length) - max(0, min(start, length))))
        return String(scalars[from..<to])
    }

    /// The turn holding the scalar offset `position`.
    public func turn(at position: Int) -> SpeakerTurn? {
        turns.first { $0.start <= position && position < $0.end }
    }
}

/// One speaker's turn: where it lies in the text, who spoke (a participant, or nil for an unrecognised voice) and
/// the timestamp written before it, if any.
public struct SpeakerTurn: Sendable, Hashable, Codable {
    /// 1-based order in the transcript.
    public var number: Int
    public var start: Int
    public var end: Int
    /// The speaker's pseudonym as it stands in ``Transcript/text``.
    public var speaker: String
    public var participantID: UUID?
    /// As written, e.g. `00:12:05`.
    public var timestamp: String?

    public init(number: Int, start: Int, end: Int, speaker: String, participantID: UUID?, timestamp: String? = nil) {
        self.number = number
        self.start = start
        self.end = end
        self.speaker = speaker
        self.participantID = participantID
        self.timestamp = timestamp
    }
}

/// One coder's application of one code to a span of a transcript.
public struct Coding: Sendable, Hashable, Codable, Identifiable {
    public var id: UUID
    public var transcriptID: UUID
    public var codeID: UUID
    public var coderID: UUID
    /// Unicode-scalar offsets into ``Transcript/text``, `start` inclusive, `end` exclusive.
    public var start: Int
    public var end: Int
    public var memo: String

    public init(id: UUID = UUID(), transcriptID: UUID, codeID: UUID, coderID: UUID, start: Int, end: Int, memo: String = "") {
        self.id = id
        self.transcriptID = transcriptID
        self.codeID = codeID
        self.coderID = coderID
        self.start = start
        self.end = end
        self.memo = memo
    }
}
