import Foundation

/// A focus-group project of a study: its sessions, participants, transcripts, codebook, coders and codings.
///
/// Every object carries a GUID (REFI-QDA's identifiers), so a project exported as `.qdpx` and imported again keeps
/// its identity. Participants' real names stay in ``Participant/name``; everything written out uses pseudonyms.
public struct QualitativeProject: Sendable, Hashable, Codable {
    public var name: String
    public var sessions: [FocusGroupSession]
    public var participants: [Participant]
    public var transcripts: [Transcript]
    public var codebook: Codebook
    public var coders: [Coder]
    public var codings: [Coding]
    /// Researchers' memos on codes.
    public var memos: [CodeMemo]

    public init(
        name: String,
        sessions: [FocusGroupSession] = [],
        participants: [Participant] = [],
        transcripts: [Transcript] = [],
        codebook: Codebook = Codebook(),
        coders: [Coder] = [],
        codings: [Coding] = [],
        memos: [CodeMemo] = []
    ) {
        self.name = name
        self.sessions = sessions
        self.participants = participants
        self.transcripts = transcripts
        self.codebook = codebook
        self.coders = coders
        self.codings = codings
        self.memos = memos
    }

    /// The participant with `id`.
    public func participant(_ id: UUID) -> Participant? { participants.first { $0.id == id } }

    /// The transcript named `name` (its file name without extension), compared without case.
    public func transcript(named name: String) -> Transcript? {
        transcripts.first { $0.name.compare(name, options: [.caseInsensitive]) == .orderedSame }
    }

    /// The coder named `name`, added when new.
    public mutating func coder(named name: String) -> Coder {
        if let coder = coders.first(where: { $0.name == name }) { return coder }
        let coder = Coder(name: name)
        coders.append(coder)
        return coder
    }

    /// The next free pseudonym: P1, P2, … over the whole project.
    public var nextPseudonym: String {
        let used = participants.compactMap { participant -> Int? in
            guard participant.pseudonym.hasPrefix("P") else { return nil }
            return Int(participant.pseudonym.dropFirst())
        }
        return "P\((used.max() ?? 0) + 1)"
    }

    /// Adds `coding` after checking it points inside its transcript, at a known code and coder.
    public mutating func add(_ coding: Coding) throws(QualitativeError) {
        guard let transcript = transcripts.first(where: { $0.id == coding.transcriptID }) else {
            throw .invalid("a coding names a transcript that is not in project \(name)")
        }
        try check(coding, in: transcript, length: transcript.length)
        codings.append(coding)
    }

    /// Checks that `coding` names a known code and coder and lies inside `transcript` (of `length` scalars).
    func check(_ coding: Coding, in transcript: Transcript, length: Int) throws(QualitativeError) {
        guard codebook.code(coding.codeID) != nil else {
            throw .invalid("a coding names a code that is not in the codebook of project \(name)")
        }
        guard coders.contains(where: { $0.id == coding.coderID }) else {
            throw .invalid("a coding names a coder that is not in project \(name)")
        }
        guard coding.start >= 0, coding.start < coding.end, coding.end <= length else {
            throw .invalid("\(transcript.name): a coding from \(coding.start) to \(coding.end) lies outside the text (0–\(length) characters)")
        }
    }
}

/// A person who codes transcripts (a REFI-QDA `User`).
public struct Coder: Sendable, Hashable, Codable, Identifiable {
    public var id: UUID
    public var name: String

    public init(id: UUID = UUID(), name: String) {
        self.id = id
        self.name = name
    }
}
