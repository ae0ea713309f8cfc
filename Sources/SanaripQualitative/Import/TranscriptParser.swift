import Foundation

/// Finds speaker turns in a transcript: a line that starts (after an optional timestamp such as `[00:12:05]`,
/// `(12:05)` or `00:12:05`) with a speaker's name and a colon opens a turn that runs to the next one.
///
/// Speakers are matched, ignoring case, against the session's participants (names and pseudonyms); a line whose
/// prefix looks like a name (one to three words, at most 30 letters) but names nobody is an error, so that no
/// speech is silently given to the wrong person. The returned text is the input with each name in a prefix
/// replaced by the speaker's pseudonym; the turns' offsets (Unicode scalars) point into it.
public struct TranscriptParser: Sendable {
    public struct Speaker: Sendable, Hashable {
        public var label: String
        public var pseudonym: String
        public var participantID: UUID?

        public init(label: String, pseudonym: String, participantID: UUID?) {
            self.label = label
            self.pseudonym = pseudonym
            self.participantID = participantID
        }
    }

    /// Speakers by lower-cased label.
    let speakers: [String: Speaker]

    public init(speakers: [Speaker]) {
        var byLabel: [String: Speaker] = [:]
        for speaker in speakers {
            byLabel[speaker.label.lowercased()] = speaker
            byLabel[speaker.pseudonym.lowercased()] = speaker
        }
        self.speakers = byLabel
    }

    public struct Result: Sendable, Hashable {
        public var text: String
        public var turns: [SpeakerTurn]
    }

    /// The turns of a text that is already pseudonymised or comes from another tool: nothing in it is changed, and
    /// prefixes naming nobody known become turns without a participant.
    public func turns(in text: String) -> [SpeakerTurn] {
        (try? parse(text, file: "", rewrite: false)).map(\.turns) ?? []
    }

    /// Parses `original`; with `rewrite`, unknown speakers are errors and names are replaced by pseudonyms.
    public func parse(_ original: String, file: String, rewrite: Bool = true) throws(QualitativeError) -> Result {
        var output = String.UnicodeScalarView()
        var turns: [SpeakerTurn] = []
        var lineNumber = 0
        var lastContentEnd = 0
        let lines = original.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            lineNumber += 1
            let lineStart = output.count
            if let prefix = Self.speakerPrefix(line) {
                let label = String(String.UnicodeScalarView(line[prefix.name]))
                let known = speakers[label.lowercased()]
                if known == nil, rewrite { throw .unknownSpeaker(file: file, line: lineNumber, speaker: label) }
                let speaker = known ?? Speaker(label: label, pseudonym: label, participantID: nil)
                if var previous = turns.popLast() {
                    previous.end = lastContentEnd
                    turns.append(previous)
                }
                output.append(contentsOf: line[line.startIndex..<prefix.name.lowerBound])
                if rewrite { output.append(contentsOf: speaker.pseudonym.unicodeScalars) } else { output.append(contentsOf: line[prefix.name]) }
                output.append(contentsOf: line[prefix.name.upperBound...])
                let timestamp = prefix.timestamp.map { String(String.UnicodeScalarView(line[$0])) }
                turns.append(SpeakerTurn(number: turns.count + 1, start: lineStart, end: output.count, speaker: speaker.pseudonym, participantID: speaker.participantID, timestamp: timestamp))
            } else {
                output.append(contentsOf: line)
            }
            if !line.allSatisfy({ $0.properties.isWhitespace }) { lastContentEnd = output.count }
            if index < lines.count - 1 { output.append("\n") }
        }
        if var previous = turns.popLast() {
            previous.end = max(previous.end, lastContentEnd)
            turns.append(previous)
        }
        return Result(text: String(output), turns: turns)
    }

    struct Prefix {
        var timestamp: Range<Substring.UnicodeScalarView.Index>?
        var name: Range<Substring.UnicodeScalarView.Index>
    }

    /// The timestamp and name ranges of a `[ts] Name:` line start, if the line has one.
    static func speakerPrefix(_ line: Substring.UnicodeScalarView) -> Prefix? {
        var cursor = line.startIndex
        func skipSpaces() { while cursor < line.endIndex, line[cursor] == " " || line[cursor] == "\t" { cursor = line.index(after: cursor) } }
        skipSpaces()
        var timestamp: Range<Substring.UnicodeScalarView.Index>?
        // Timestamp: optional bracket, digits and colons (and a dot), closing bracket.
        let open = cursor
        var probe = cursor
        var bracket: Unicode.Scalar?
        if probe < line.endIndex, line[probe] == "[" || line[probe] == "(" {
            bracket = line[probe] == "[" ? "]" : ")"
            probe = line.index(after: probe)
        }
        let digitsStart = probe
        var colons = 0
        while probe < line.endIndex, line[probe].properties.numericType != nil || line[probe] == ":" || line[probe] == "." {
            if line[probe] == ":" { colons += 1 }
            probe = line.index(after: probe)
        }
        if colons >= 1, probe > digitsStart, line[line.index(before: probe)] != ":" {
            var end = probe
            if let bracket {
                if probe < line.endIndex, line[probe] == bracket { end = line.index(after: probe) } else { end = open }
            }
            if end > open, end < line.endIndex, line[end] == " " || line[end] == "\t" {
                timestamp = open..<end
                cursor = end
                skipSpaces()
            }
        }
        // Name: letters, spaces, dots, hyphens, digits; starts with a letter; ≤ 30 scalars, ≤ 3 words; then ':'.
        let nameStart = cursor
        guard nameStart < line.endIndex, line[nameStart].properties.isAlphabetic else { return nil }
        var words = 1
        var count = 0
        while cursor < line.endIndex, line[cursor] != ":" {
            let scalar = line[cursor]
            guard scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == " " || scalar == "." || scalar == "-" || scalar == "'" || scalar == "’" else { return nil }
            if scalar == " " { words += 1 }
            count += 1
            if count > 30 || words > 3 { return nil }
            cursor = line.index(after: cursor)
        }
        guard cursor < line.endIndex else { return nil }
        var nameEnd = cursor
        while nameEnd > nameStart, line[line.index(before: nameEnd)] == " " { nameEnd = line.index(before: nameEnd) }
        let after = line.index(after: cursor)
        guard after == line.endIndex || line[after] == " " || line[after] == "\t" || line[after] == "\r" else { return nil }
        return Prefix(timestamp: timestamp, name: nameStart..<nameEnd)
    }
}
