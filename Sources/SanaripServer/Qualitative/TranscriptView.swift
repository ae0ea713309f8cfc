import Foundation
import SanaripQualitative

/// A transcript cut into what the coding page shows: per turn, runs of text over which the shown codings stay the
/// same, each with its offset in Unicode code points (the page's script adds the code points selected inside a run).
struct TranscriptView {
    struct Piece {
        var start: Int
        var text: String
        var codes: [UUID]
    }

    struct Turn {
        var turn: SpeakerTurn
        var pieces: [Piece]
    }

    var turns: [Turn]
    /// The text before the first turn (a heading line), if any.
    var preamble: Piece?

    init(transcript: Transcript, codings: [Coding]) {
        let scalars = Array(transcript.text.unicodeScalars)
        func text(_ start: Int, _ end: Int) -> String {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[max(0, start)..<min(end, scalars.count)])
            return String(view)
        }
        let firstTurn = transcript.turns.map(\.start).min() ?? scalars.count
        let head = text(0, firstTurn)
        preamble = head.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : Piece(start: 0, text: head, codes: [])
        turns = transcript.turns.map { turn in
            var cuts: Set<Int> = [turn.start, turn.end]
            for coding in codings where coding.start < turn.end && coding.end > turn.start {
                cuts.insert(max(coding.start, turn.start))
                cuts.insert(min(coding.end, turn.end))
            }
            let sorted = cuts.sorted()
            let pieces = zip(sorted, sorted.dropFirst()).map { start, end in
                Piece(start: start, text: text(start, end),
                      codes: codings.filter { $0.start <= start && $0.end >= end }.map(\.codeID))
            }
            return Turn(turn: turn, pieces: pieces)
        }
    }
}
