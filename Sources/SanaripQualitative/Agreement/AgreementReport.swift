import Foundation

/// Agreement between coders per code and over all codes (`*`, pooled: every code × unit counted as one unit).
public struct AgreementReport: Sendable, Hashable, Codable {
    public struct Entry: Sendable, Hashable, Codable {
        /// The code's key, or `*` for all codes together.
        public var code: String
        /// The coders compared (those who coded anything in the project).
        public var coders: [String]
        /// Cohen's κ when exactly two coders are compared (null otherwise, and when undefined).
        public var kappa: Double?
        /// Krippendorff's α (nominal; null when undefined: every value the same).
        public var alpha: Double?
        /// Units two or more coders took part in, and those among them the coders disagreed on.
        public var units: Int
        public var disagreements: Int
    }

    /// One place where coders differ, for reconciliation side by side.
    public struct Disagreement: Sendable, Hashable, Codable {
        public var code: String
        public var transcript: String
        /// Turn number (turn unit) or nil.
        public var turn: Int?
        public var start: Int
        public var end: Int
        public var speaker: String?
        public var codedBy: [String]
        public var notCodedBy: [String]
        public var excerpt: String
    }

    public var unit: AgreementUnit
    public var entries: [Entry]
    public var disagreements: [Disagreement]
}

extension QualitativeProject {
    /// Which coders took part in each transcript: those with at least one coding in it.
    func codersByTranscript(_ coderIndex: [UUID: Int]) -> [UUID: UInt64] {
        var result: [UUID: UInt64] = [:]
        for coding in codings {
            guard let index = coderIndex[coding.coderID] else { continue }
            result[coding.transcriptID, default: 0] |= 1 << UInt64(index)
        }
        return result
    }

    /// The coders who coded anything, in the project's order (at most 64).
    var activeCoders: [Coder] {
        let used = Set(codings.map(\.coderID))
        return Array(coders.filter { used.contains($0.id) }.prefix(64))
    }

    /// κ and α for every code that has codings, and overall, at `unit`; the disagreements listed.
    public func agreement(unit: AgreementUnit) -> AgreementReport {
        let coders = activeCoders
        let coderIndex = Dictionary(uniqueKeysWithValues: coders.enumerated().map { ($1.id, $0) })
        let present = codersByTranscript(coderIndex)
        let names = coders.map(\.name)
        var entries: [AgreementReport.Entry] = []
        var disagreements: [AgreementReport.Disagreement] = []
        var pooled = ReliabilityCounts()
        let usedCodes = Set(codings.map(\.codeID))
        let grouped = Dictionary(grouping: codings) { [$0.transcriptID, $0.codeID] }
        var scalars: [UUID: [Unicode.Scalar]] = [:]
        for code in codebook.codes where usedCodes.contains(code.id) {
            var counts = ReliabilityCounts()
            for transcript in transcripts {
                guard let presentMask = present[transcript.id] else { continue }
                let mine = grouped[[transcript.id, code.id]] ?? []
                let segments = unit == .character
                    ? Self.characterSegments(mine, length: transcript.length, coderIndex: coderIndex)
                    : Self.turnSegments(mine, turns: transcript.turns, coderIndex: coderIndex)
                for segment in segments {
                    counts.add(present: presentMask, coded: segment.coded, units: segment.units)
                    let coded = segment.coded & presentMask
                    if presentMask.nonzeroBitCount >= 2, coded != 0, coded != presentMask {
                        let by = coders.indices.filter { coded & (1 << UInt64($0)) != 0 }.map { names[$0] }
                        let notBy = coders.indices.filter { presentMask & (1 << UInt64($0)) != 0 && coded & (1 << UInt64($0)) == 0 }.map { names[$0] }
                        disagreements.append(.init(
                            code: code.key, transcript: transcript.name, turn: segment.turn, start: segment.start, end: segment.end,
                            speaker: transcript.turn(at: segment.start)?.speaker, codedBy: by, notCodedBy: notBy,
                            excerpt: Self.excerpt(segment.start, segment.end, of: transcript, cache: &scalars)
                        ))
                    }
                }
            }
            pooled.add(counts)
            entries.append(Self.entry(code.key, counts, names))
        }
        entries.append(Self.entry("*", pooled, names))
        return AgreementReport(unit: unit, entries: entries, disagreements: disagreements)
    }

    /// A slice of the text by scalar offsets, the scalars kept per transcript so long texts are walked once.
    static func excerpt(_ start: Int, _ end: Int, of transcript: Transcript, cache: inout [UUID: [Unicode.Scalar]]) -> String {
        if cache[transcript.id] == nil { cache[transcript.id] = Array(transcript.text.unicodeScalars) }
        guard let scalars = cache[transcript.id], start < end, end <= scalars.count else { return "" }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<end])
        return String(view)
    }

    static func entry(_ code: String, _ counts: ReliabilityCounts, _ names: [String]) -> AgreementReport.Entry {
        AgreementReport.Entry(
            code: code, coders: names, kappa: names.count == 2 ? counts.kappa(0, 1) : nil, alpha: counts.alpha,
            units: counts.pairableUnits, disagreements: counts.disagreeingUnits
        )
    }

    struct Segment {
        var start: Int
        var end: Int
        var units: Int
        var coded: UInt64
        var turn: Int?
    }

    /// Maximal runs of characters over which the set of coders applying the code stays the same.
    static func characterSegments(_ codings: [Coding], length: Int, coderIndex: [UUID: Int]) -> [Segment] {
        var events: [(position: Int, coder: Int, delta: Int)] = []
        for coding in codings {
            guard let index = coderIndex[coding.coderID] else { continue }
            events.append((max(0, coding.start), index, 1))
            events.append((min(length, coding.end), index, -1))
        }
        events.sort { $0.position < $1.position }
        var depth = [Int](repeating: 0, count: 64)
        var mask: UInt64 = 0
        var segments: [Segment] = []
        var position = 0
        var cursor = 0
        while position < length {
            while cursor < events.count, events[cursor].position <= position {
                let event = events[cursor]
                depth[event.coder] += event.delta
                if depth[event.coder] > 0 { mask |= 1 << UInt64(event.coder) } else { mask &= ~(1 << UInt64(event.coder)) }
                cursor += 1
            }
            let next = cursor < events.count ? min(events[cursor].position, length) : length
            if next > position {
                if let last = segments.last, last.coded == mask, last.end == position {
                    segments[segments.count - 1].end = next
                    segments[segments.count - 1].units += next - position
                } else {
                    segments.append(Segment(start: position, end: next, units: next - position, coded: mask))
                }
            }
            position = next
        }
        return segments
    }

    /// One unit per turn: the coders with a coding that overlaps it.
    static func turnSegments(_ codings: [Coding], turns: [SpeakerTurn], coderIndex: [UUID: Int]) -> [Segment] {
        turns.map { turn in
            var mask: UInt64 = 0
            for coding in codings where coding.start < turn.end && coding.end > turn.start {
                if let index = coderIndex[coding.coderID] { mask |= 1 << UInt64(index) }
            }
            return Segment(start: turn.start, end: turn.end, units: 1, coded: mask, turn: turn.number)
        }
    }
}

extension AgreementReport {
    /// The entries as a JSON array, one object per code and `*` last: `code`, `coders`, `kappa` and `alpha`
    /// (null when undefined, and `kappa` null unless exactly two coders), `units`, `disagreements`.
    public func json() -> String {
        let objects: [[String: Any]] = entries.map { entry in
            [
                "code": entry.code, "coders": entry.coders, "kappa": entry.kappa.map { $0 as Any } ?? NSNull(),
                "alpha": entry.alpha.map { $0 as Any } ?? NSNull(), "units": entry.units, "disagreements": entry.disagreements,
            ]
        }
        let data = (try? JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// A plain-text table: code, κ, α, units, disagreements.
    public func table() -> String {
        func number(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "–" }
        let width = max(12, entries.map(\.code.count).max() ?? 0)
        var lines = ["unit: \(unit.rawValue); coders: \(entries.last?.coders.joined(separator: ", ") ?? "")",
                     "code".padding(toLength: width, withPad: " ", startingAt: 0) + "   kappa   alpha    units  disagree"]
        for entry in entries {
            lines.append(entry.code.padding(toLength: width, withPad: " ", startingAt: 0)
                + String(repeating: " ", count: max(0, 8 - number(entry.kappa).count)) + number(entry.kappa)
                + String(repeating: " ", count: max(0, 8 - number(entry.alpha).count)) + number(entry.alpha)
                + String(format: "%9d %9d", entry.units, entry.disagreements))
        }
        return lines.joined(separator: "\n")
    }
}
