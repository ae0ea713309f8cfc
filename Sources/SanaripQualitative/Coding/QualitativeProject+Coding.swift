import Foundation

extension QualitativeProject {
    /// Makes `coder`'s whole-turn codings of the turns in `chosen` (turn number → code ids) equal their ticked codes,
    /// as the page's checkboxes submit them: a turn coded and still ticked keeps its coding (and memo), an unticked
    /// one loses it, a newly ticked one is added. Turns not in `chosen`, spans inside turns and other coders'
    /// codings are left alone. All or nothing.
    public mutating func setTurnCodes(_ chosen: [Int: Set<UUID>], transcript id: UUID, coder coderName: String) throws(QualitativeError) {
        guard let transcript = transcripts.first(where: { $0.id == id }) else { throw .invalid("project \(name) has no such transcript") }
        for number in chosen.keys where !transcript.turns.contains(where: { $0.number == number }) {
            throw .invalid("\(transcript.name) has no turn \(number) (it has \(transcript.turns.count))")
        }
        for code in Set(chosen.values.flatMap { $0 }) where codebook.code(code) == nil {
            throw .invalid("a ticked code is not in the codebook of project \(name); reload the page")
        }
        var copy = self
        let coder = copy.coder(named: coderName)
        let bounds = Dictionary(uniqueKeysWithValues: transcript.turns.map { ($0.number, ($0.start, $0.end)) })
        let turnOf = Dictionary(transcript.turns.map { (TurnSpan(start: $0.start, end: $0.end), $0.number) }, uniquingKeysWith: { first, _ in first })
        var kept: [Int: Set<UUID>] = [:]
        copy.codings.removeAll { coding in
            guard coding.transcriptID == id, coding.coderID == coder.id,
                  let number = turnOf[TurnSpan(start: coding.start, end: coding.end)], let wanted = chosen[number] else { return false }
            guard wanted.contains(coding.codeID), kept[number, default: []].insert(coding.codeID).inserted else { return true }
            return false
        }
        for (number, codes) in chosen.sorted(by: { $0.key < $1.key }) {
            guard let (start, end) = bounds[number] else { continue }
            for code in copy.codebook.codes.map(\.id) where codes.contains(code) && kept[number]?.contains(code) != true {
                try copy.add(Coding(transcriptID: id, codeID: code, coderID: coder.id, start: start, end: end))
            }
        }
        self = copy
    }

    private struct TurnSpan: Hashable {
        var start: Int
        var end: Int
    }

    /// Adds `coder`'s coding of a span (Unicode-scalar offsets, as the page's script sends them); returns it.
    @discardableResult
    public mutating func codeSpan(_ start: Int, _ end: Int, transcript id: UUID, code: UUID, coder coderName: String, memo: String = "") throws(QualitativeError) -> Coding {
        var copy = self
        let coder = copy.coder(named: coderName)
        let coding = Coding(transcriptID: id, codeID: code, coderID: coder.id, start: start, end: end, memo: memo)
        try copy.add(coding)
        self = copy
        return coding
    }

    /// Changes the memo of one of `coder`'s codings, or removes the coding; another coder's codings cannot be touched.
    public mutating func editCoding(_ id: UUID, coder coderName: String, memo: String?, remove: Bool) throws(QualitativeError) {
        guard let index = codings.firstIndex(where: { $0.id == id }) else { throw .invalid("the coding is no longer in project \(name); reload the page") }
        guard coders.first(where: { $0.id == codings[index].coderID })?.name == coderName else {
            throw .invalid("that coding is another researcher's; each researcher changes only their own codings")
        }
        if remove {
            codings.remove(at: index)
        } else if let memo {
            codings[index].memo = memo
        }
    }

    /// Sets `author`'s memo on a code (an empty text removes it).
    public mutating func setMemo(_ text: String, code: UUID, author: String, at date: Date = Date()) throws(QualitativeError) {
        guard codebook.code(code) != nil else { throw .invalid("the code is not in the codebook of project \(name)") }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let index = memos.firstIndex(where: { $0.codeID == code && $0.author == author }) {
            if trimmed.isEmpty { memos.remove(at: index) } else {
                memos[index].text = text
                memos[index].updatedAt = date
            }
        } else if !trimmed.isEmpty {
            memos.append(CodeMemo(codeID: code, author: author, text: text, updatedAt: date))
        }
    }
}

extension QualitativeProject {
    /// Corrects a participant's attributes and consent (found by pseudonym); `attributes` is written `key=value`
    /// pairs separated by commas, as the sessions page shows them.
    public mutating func updateParticipant(_ pseudonym: String, attributes text: String, consent: Bool) throws(QualitativeError) {
        guard let index = participants.firstIndex(where: { $0.pseudonym == pseudonym }) else {
            throw .invalid("project \(name) has no participant \(pseudonym)")
        }
        var attributes: [String: String] = [:]
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty else {
                throw .invalid("\(pseudonym): \"\(pair.trimmingCharacters(in: .whitespaces))\" is not an attribute; write key=value pairs separated by commas (sex=female, age_group=15-28)")
            }
            attributes[parts[0]] = parts[1]
        }
        participants[index].attributes = attributes
        participants[index].consent = consent
    }
}
