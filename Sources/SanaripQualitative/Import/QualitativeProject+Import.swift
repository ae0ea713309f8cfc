import Foundation

extension QualitativeProject {
    /// Labels that name the moderator when the participants file lists none.
    static let moderatorLabels = ["модератор", "moderator", "фасилитатор", "facilitator", "ведущий", "алып баруучу"]

    /// Adds one session's transcript with its participants, all at once or not at all: participants get the next
    /// pseudonyms (moderators M1, M2…), the speaker prefixes are matched to them and pseudonymised, and the text
    /// as read is kept in ``Transcript/originalText``.
    @discardableResult
    public mutating func importTranscript(
        name: String, text original: String, participants table: ParticipantTable, session: FocusGroupSession, file: String
    ) throws(QualitativeError) -> Transcript {
        guard transcript(named: name) == nil else {
            throw .invalid("\(file): project \(self.name) already has a transcript named \(name); rename the file or use another --project")
        }
        var copy = self
        copy.sessions.append(session)
        var speakers: [TranscriptParser.Speaker] = []
        var moderatorCount = participants.filter(\.isModerator).count
        for row in table.rows {
            let pseudonym: String
            if row.isModerator {
                moderatorCount += 1
                pseudonym = "M\(moderatorCount)"
            } else {
                pseudonym = copy.nextPseudonym
            }
            let participant = Participant(pseudonym: pseudonym, name: row.name, sessionID: session.id, isModerator: row.isModerator, attributes: row.attributes, consent: row.consent)
            copy.participants.append(participant)
            speakers.append(.init(label: row.name, pseudonym: pseudonym, participantID: participant.id))
        }
        if !table.rows.contains(where: \.isModerator) {
            moderatorCount += 1
            let moderator = Participant(pseudonym: "M\(moderatorCount)", name: session.moderator.isEmpty ? "Moderator" : session.moderator, sessionID: session.id, isModerator: true)
            copy.participants.append(moderator)
            for label in Self.moderatorLabels + (session.moderator.isEmpty ? [] : [session.moderator]) {
                speakers.append(.init(label: label, pseudonym: moderator.pseudonym, participantID: moderator.id))
            }
        }
        let parsed = try TranscriptParser(speakers: speakers).parse(original, file: file)
        guard !parsed.turns.isEmpty else {
            throw .invalid("\(file): no speaker turns found; each turn must start a line with the speaker's name and a colon (\"Айгүл: …\")")
        }
        let transcript = Transcript(name: name, sessionID: session.id, language: session.language, text: parsed.text, originalText: original, turns: parsed.turns)
        copy.transcripts.append(transcript)
        self = copy
        return transcript
    }

    /// Codes whole turns (numbers from 1) of a transcript for a coder, as the page's checkboxes do.
    public mutating func codeTurns(_ numbers: [Int], transcript name: String, code reference: String, coder coderName: String, memo: String = "") throws(QualitativeError) {
        guard let transcript = transcript(named: name) else { throw .invalid("project \(self.name) has no transcript named \(name)") }
        guard let code = codebook.code(named: reference) else { throw .invalid("the codebook has no code \"\(reference)\" (give its key, e.g. barrier.cost)") }
        var copy = self
        let coder = copy.coder(named: coderName)
        for number in numbers {
            guard let turn = transcript.turns.first(where: { $0.number == number }) else {
                throw .invalid("\(name) has no turn \(number) (it has \(transcript.turns.count))")
            }
            try copy.add(Coding(transcriptID: transcript.id, codeID: code.id, coderID: coder.id, start: turn.start, end: turn.end, memo: memo))
        }
        self = copy
    }

    /// Codes a span (Unicode-scalar offsets) of a transcript for a coder.
    public mutating func codeSpan(_ start: Int, _ end: Int, transcript name: String, code reference: String, coder coderName: String, memo: String = "") throws(QualitativeError) {
        guard let transcript = transcript(named: name) else { throw .invalid("project \(self.name) has no transcript named \(name)") }
        guard let code = codebook.code(named: reference) else { throw .invalid("the codebook has no code \"\(reference)\" (give its key, e.g. barrier.cost)") }
        try codeSpan(start, end, transcript: transcript.id, code: code.id, coder: coderName, memo: memo)
    }
}
