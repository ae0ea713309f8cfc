/// A small backtracking matcher over Unicode scalars for the fixed patterns the audit looks for in page text (phone
/// numbers, e-mail addresses, street addresses, hours, the head's name, dates). It knows the part of ICU's
/// regular-expression language those patterns use — character classes with greedy or lazy counts, word alternatives
/// (optionally case-insensitive), `\b`, one-character look-behind and look-ahead — with ICU's meaning of `\d`, `\s`,
/// `\w` and `\b`, so each pattern finds what its regular expression found (the tests compare them on the fixture
/// corpus and on generated strings), without ICU and without bridging the page to UTF-16.
///
/// The items are compiled once into a `ScalarProgram`: plain steps that name their sets and words by number, sets as
/// bitmaps over the scalars of municipal pages, so that matching reads only integers and touches no reference counts.
struct ScalarPattern: Sendable {
    /// One step of a pattern.
    enum Item: Sendable {
        /// `min...max` scalars of `set`, greedy (longest first) or lazy (shortest first).
        case scalars(ScalarSet, min: Int, max: Int, lazy: Bool)
        /// The first of `words` (in order) that leads to a match; `ignoringCase` compares case-folded scalars.
        case words([[Unicode.Scalar]], ignoringCase: Bool)
        /// `(?<!set)`: the scalar before is not in `set`.
        case notAfter(ScalarSet)
        /// `(?!a b…)`: the scalars ahead do not start with one of `set` each.
        case notBefore([ScalarSet])
        /// `\b` as ICU: a change between word and non-word scalars, combining marks and format characters ignored.
        case wordBoundary

        static func literal(_ text: String, ignoringCase: Bool = false) -> Item {
            .words([Array(text.unicodeScalars)], ignoringCase: ignoringCase)
        }

        static func one(_ set: ScalarSet) -> Item { .scalars(set, min: 1, max: 1, lazy: false) }
        static func optional(_ set: ScalarSet) -> Item { .scalars(set, min: 0, max: 1, lazy: false) }
        static func any(_ set: ScalarSet) -> Item { .scalars(set, min: 0, max: .max, lazy: false) }
        static func some(_ set: ScalarSet) -> Item { .scalars(set, min: 1, max: .max, lazy: false) }
    }

    /// A match: which alternative, and where each of its items began (`bounds[i]`) and the match ended (last).
    struct Match {
        var alternative: Int
        var bounds: [Int]
        var range: Range<Int> { bounds[0]..<bounds[bounds.count - 1] }
        /// The scalars matched by items `first...last` of the alternative.
        func span(_ first: Int, _ last: Int) -> Range<Int> { bounds[first]..<bounds[last + 1] }
    }

    /// The compiled form of the alternatives, tried in order at each position as the branches of a top-level `|`.
    let program: ScalarProgram

    init(_ alternatives: [[Item]]) {
        program = ScalarProgram(alternatives, firstScalars: alternatives.map(Self.firstScalars))
    }

    /// The scalars the first consumed scalar of `items` belongs to; nil when `items` can match without consuming any.
    static func firstScalars(_ items: [Item]) -> ScalarSet? {
        var sets: [ScalarSet] = []
        for item in items {
            switch item {
            case .notAfter, .notBefore, .wordBoundary:
                continue
            case .scalars(let set, let min, _, _):
                sets.append(set)
                if min == 0 { continue }
            case .words(let words, let ignoringCase):
                guard !words.contains(where: \.isEmpty) else { return nil }
                let firsts = Set(words.map { $0[0] })
                sets.append(ignoringCase ? ScalarSet { firsts.contains($0.caseFolded) || firsts.contains($0) } : ScalarSet { firsts.contains($0) })
            }
            return sets.dropFirst().reduce(sets[0]) { $0.union($1) }
        }
        return nil
    }

    /// Up to `limit` non-overlapping matches in `text`, leftmost first, as a regular expression finds them.
    func matches(in text: [Unicode.Scalar], limit: Int = .max) -> [Match] {
        text.withUnsafeBufferPointer { program.matches(in: $0, limit: limit) }
    }
}

/// A set of scalars for `ScalarPattern`, defined by a predicate (a character class of the regular expression).
struct ScalarSet: Sendable {
    let contains: @Sendable (Unicode.Scalar) -> Bool

    init(_ contains: @escaping @Sendable (Unicode.Scalar) -> Bool) {
        self.contains = contains
    }

    /// The scalars of `members`.
    init(_ members: String) {
        let set = Set(members.unicodeScalars)
        contains = { set.contains($0) }
    }

    /// ICU's `\d`: a decimal digit of any script.
    static let digit = ScalarSet { $0.isDecimalDigitScalar }
    /// ICU's `\s`.
    static let space = ScalarSet { $0.isWhitespaceScalar }

    /// The scalars not in `self`.
    var inverted: ScalarSet {
        let contains = self.contains
        return ScalarSet { !contains($0) }
    }

    /// Scalars in `self` or in `other`.
    func union(_ other: ScalarSet) -> ScalarSet {
        let a = contains, b = other.contains
        return ScalarSet { a($0) || b($0) }
    }

    /// Scalars in the closed ranges `ranges` (e.g. `"А"..."Я"`).
    static func ranges(_ ranges: ClosedRange<Unicode.Scalar>...) -> ScalarSet {
        ScalarSet { scalar in ranges.contains { $0.contains(scalar) } }
    }

    /// Scalars whose case folding is in `self`, as a case-insensitive regular expression matches a set.
    var ignoringCase: ScalarSet {
        let contains = self.contains
        return ScalarSet { contains($0) || contains($0.caseFolded) }
    }
}
