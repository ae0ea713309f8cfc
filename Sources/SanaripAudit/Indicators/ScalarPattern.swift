/// A small backtracking matcher over Unicode scalars for the fixed patterns the audit looks for in page text (phone
/// numbers, e-mail addresses, street addresses, hours, the head's name, dates). It knows the part of ICU's
/// regular-expression language those patterns use — character classes with greedy or lazy counts, word alternatives
/// (optionally case-insensitive), `\b`, one-character look-behind and look-ahead — with ICU's meaning of `\d`, `\s`,
/// `\w` and `\b`, so each pattern finds what its regular expression found (the tests compare them on the fixture
/// corpus and on generated strings), without ICU and without bridging the page to UTF-16.
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

    /// Tried in order at each position, as the branches of a top-level `|`.
    let alternatives: [[Item]]
    /// For each alternative, the scalars a match can start with (nil: it may match nothing), so positions that
    /// cannot start one are skipped without trying it.
    let firstScalars: [ScalarSet?]

    init(_ alternatives: [[Item]]) {
        self.alternatives = alternatives
        firstScalars = alternatives.map(Self.firstScalars)
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
        var found: [Match] = []
        var position = 0
        var bounds = Array(repeating: 0, count: (alternatives.map(\.count).max() ?? 0) + 1)
        text.withUnsafeBufferPointer { buffer in
            while position <= buffer.count, found.count < limit {
                var matched = false
                for index in alternatives.indices {
                    if let first = firstScalars[index], position == buffer.count || !first.contains(buffer[position]) { continue }
                    let items = alternatives[index]
                    if let end = Self.match(items, 0, position, buffer, &bounds) {
                        bounds[items.count] = end
                        found.append(Match(alternative: index, bounds: Array(bounds[0...items.count])))
                        position = end > position ? end : position + 1
                        matched = true
                        break
                    }
                }
                if !matched { position += 1 }
            }
        }
        return found
    }

    /// The end of a match of `items[index...]` starting at `position`, recording where each item began.
    private static func match(_ items: [Item], _ index: Int, _ position: Int, _ text: UnsafeBufferPointer<Unicode.Scalar>,
                              _ bounds: inout [Int]) -> Int? {
        guard index < items.count else { return position }
        bounds[index] = position
        switch items[index] {
        case .scalars(let set, let min, let max, let lazy):
            var available = 0
            while available < max, position + available < text.count, set.contains(text[position + available]) { available += 1 }
            guard available >= min else { return nil }
            if lazy {
                for count in min...available {
                    if let end = match(items, index + 1, position + count, text, &bounds) { return end }
                }
            } else {
                for count in stride(from: available, through: min, by: -1) {
                    if let end = match(items, index + 1, position + count, text, &bounds) { return end }
                }
            }
            return nil
        case .words(let words, let ignoringCase):
            for word in words where position + word.count <= text.count {
                var same = true
                var offset = 0
                while offset < word.count {
                    let found = text[position + offset]
                    if ignoringCase ? found.caseFolded != word[offset] : found != word[offset] { same = false; break }
                    offset += 1
                }
                if same, let end = match(items, index + 1, position + word.count, text, &bounds) { return end }
            }
            return nil
        case .notAfter(let set):
            if position > 0, set.contains(text[position - 1]) { return nil }
            return match(items, index + 1, position, text, &bounds)
        case .notBefore(let sets):
            if position + sets.count <= text.count, sets.indices.allSatisfy({ sets[$0].contains(text[position + $0]) }) { return nil }
            return match(items, index + 1, position, text, &bounds)
        case .wordBoundary:
            guard isWordBoundary(position, text) else { return nil }
            return match(items, index + 1, position, text, &bounds)
        }
    }

    /// ICU's `\b`: the scalar at `position` (none at the end: not a word scalar; a combining mark or format
    /// character: never a boundary) against the last scalar before it that is not one.
    private static func isWordBoundary(_ position: Int, _ text: UnsafeBufferPointer<Unicode.Scalar>) -> Bool {
        var currentIsWord = false
        if position < text.count {
            let current = text[position]
            if current.isBoundaryTransparent { return false }
            currentIsWord = current.isWordScalar
        }
        var previousIsWord = false
        var back = position - 1
        while back >= 0 {
            if !text[back].isBoundaryTransparent {
                previousIsWord = text[back].isWordScalar
                break
            }
            back -= 1
        }
        return currentIsWord != previousIsWord
    }
}

/// A set of scalars for `ScalarPattern`.
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
