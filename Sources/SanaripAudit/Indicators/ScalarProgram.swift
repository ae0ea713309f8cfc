/// A `ScalarPattern` compiled for matching: its items as plain steps that refer to sets and words by number, every
/// set as a bitmap over the scalars below `ScalarProgram.tableEnd` (ASCII, Latin, Cyrillic, general punctuation:
/// nearly every scalar of a municipal page) asked of its predicate only above that, and the words in one array. A
/// match then reads integers through unsafe buffers: no hashing, no closure call and no reference count per scalar.
struct ScalarProgram: Sendable {
    /// The scalars below this are answered by the bitmaps.
    static let tableEnd: UInt32 = 0x2200
    static let wordsPerSet = Int(tableEnd) / 64

    enum Step: Sendable {
        case scalars(set: Int, min: Int, max: Int, lazy: Bool)
        /// Words `first..<first + count` of `wordRanges`.
        case words(first: Int, count: Int, ignoringCase: Bool)
        case notAfter(set: Int)
        /// Sets `first..<first + count` of `setLists`.
        case notBefore(first: Int, count: Int)
        case wordBoundary
    }

    /// `caseFolded` of every scalar below `tableEnd`, for case-insensitive words.
    static let folds: [Unicode.Scalar] = (0..<tableEnd).map { Unicode.Scalar($0)!.caseFolded }

    /// The steps of alternative `i` are `steps[starts[i]..<starts[i + 1]]`.
    let steps: [Step]
    let starts: [Int]
    /// The set a match of alternative `i` must start with, or -1 when it may match nothing.
    let firstSets: [Int]
    /// The union of `firstSets` (-1 when one is -1): positions outside it are passed without trying an alternative.
    let anyFirst: Int
    /// Set `k`'s bit for scalar `v < tableEnd` is bit `v % 64` of `bitmaps[k * wordsPerSet + v / 64]`.
    let bitmaps: [UInt64]
    /// Set `k`'s predicate, asked for scalars at or above `tableEnd`.
    let predicates: [@Sendable (Unicode.Scalar) -> Bool]
    let wordRanges: [Range<Int>]
    let wordScalars: [Unicode.Scalar]
    let setLists: [Int]

    init(_ alternatives: [[ScalarPattern.Item]], firstScalars: [ScalarSet?]) {
        var steps: [Step] = [], starts: [Int] = [], bitmaps: [UInt64] = [], predicates: [@Sendable (Unicode.Scalar) -> Bool] = []
        var wordRanges: [Range<Int>] = [], wordScalars: [Unicode.Scalar] = [], setLists: [Int] = []
        func add(_ set: ScalarSet) -> Int {
            var bitmap = [UInt64](repeating: 0, count: Self.wordsPerSet)
            for value in 0..<Self.tableEnd where set.contains(Unicode.Scalar(value)!) { // no surrogates below U+D800
                bitmap[Int(value / 64)] |= 1 << UInt64(value % 64)
            }
            bitmaps += bitmap
            predicates.append(set.contains)
            return predicates.count - 1
        }
        for items in alternatives {
            starts.append(steps.count)
            for item in items {
                switch item {
                case .scalars(let set, let min, let max, let lazy):
                    steps.append(.scalars(set: add(set), min: min, max: max, lazy: lazy))
                case .words(let words, let ignoringCase):
                    steps.append(.words(first: wordRanges.count, count: words.count, ignoringCase: ignoringCase))
                    for word in words {
                        wordRanges.append(wordScalars.count..<wordScalars.count + word.count)
                        wordScalars += word
                    }
                case .notAfter(let set):
                    steps.append(.notAfter(set: add(set)))
                case .notBefore(let sets):
                    steps.append(.notBefore(first: setLists.count, count: sets.count))
                    setLists += sets.map(add)
                case .wordBoundary:
                    steps.append(.wordBoundary)
                }
            }
        }
        starts.append(steps.count)
        firstSets = firstScalars.map { $0.map(add) ?? -1 }
        let firsts = firstScalars.compactMap { $0 }
        anyFirst = firsts.count == firstScalars.count && !firsts.isEmpty ? add(firsts.dropFirst().reduce(firsts[0]) { $0.union($1) }) : -1
        self.steps = steps
        self.starts = starts
        self.bitmaps = bitmaps
        self.predicates = predicates
        self.wordRanges = wordRanges
        self.wordScalars = wordScalars
        self.setLists = setLists
    }

    /// Up to `limit` non-overlapping matches in `text`, leftmost first, as a regular expression finds them.
    func matches(in text: UnsafeBufferPointer<Unicode.Scalar>, limit: Int) -> [ScalarPattern.Match] {
        var found: [ScalarPattern.Match] = []
        let bounds = UnsafeMutableBufferPointer<Int>.allocate(capacity: steps.count + 1)
        defer { bounds.deallocate() }
        steps.withUnsafeBufferPointer { steps in
            bitmaps.withUnsafeBufferPointer { bitmaps in
                wordRanges.withUnsafeBufferPointer { wordRanges in
                    wordScalars.withUnsafeBufferPointer { wordScalars in
                        setLists.withUnsafeBufferPointer { setLists in
                          Self.folds.withUnsafeBufferPointer { folds in
                            let machine = Machine(text: text, steps: steps, bitmaps: bitmaps, predicates: predicates, wordRanges: wordRanges,
                                                  wordScalars: wordScalars, setLists: setLists, folds: folds, bounds: bounds)
                            var position = 0
                            while position <= text.count, found.count < limit {
                                if anyFirst >= 0, position == text.count || !machine.contains(anyFirst, text[position]) {
                                    position += 1
                                    continue
                                }
                                var matched = false
                                for alternative in 0..<firstSets.count {
                                    let first = firstSets[alternative]
                                    if first >= 0, position == text.count || !machine.contains(first, text[position]) { continue }
                                    let start = starts[alternative], end = starts[alternative + 1]
                                    if let matchEnd = machine.match(start, end, position) {
                                        bounds[end] = matchEnd
                                        found.append(ScalarPattern.Match(alternative: alternative, bounds: Array(bounds[start...end])))
                                        position = matchEnd > position ? matchEnd : position + 1
                                        matched = true
                                        break
                                    }
                                }
                                if !matched { position += 1 }
                            }
                          }
                        }
                    }
                }
            }
        }
        return found
    }

    /// One matching pass: the program's tables and the text as buffers.
    private struct Machine {
        let text: UnsafeBufferPointer<Unicode.Scalar>
        let steps: UnsafeBufferPointer<Step>
        let bitmaps: UnsafeBufferPointer<UInt64>
        let predicates: [@Sendable (Unicode.Scalar) -> Bool]
        let wordRanges: UnsafeBufferPointer<Range<Int>>
        let wordScalars: UnsafeBufferPointer<Unicode.Scalar>
        let setLists: UnsafeBufferPointer<Int>
        let folds: UnsafeBufferPointer<Unicode.Scalar>
        /// Where each step of the alternative being tried began (by step number).
        let bounds: UnsafeMutableBufferPointer<Int>

        @inline(__always) func contains(_ set: Int, _ scalar: Unicode.Scalar) -> Bool {
            let value = scalar.value
            guard value < ScalarProgram.tableEnd else { return predicates[set](scalar) }
            return bitmaps[set &* ScalarProgram.wordsPerSet &+ Int(value &>> 6)] &>> UInt64(value & 63) & 1 != 0
        }

        /// `scalar.caseFolded`, from the table below `tableEnd`.
        @inline(__always) func folded(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
            scalar.value < ScalarProgram.tableEnd ? folds[Int(scalar.value)] : scalar.caseFolded
        }

        /// The end of a match of `steps[index..<end]` starting at `position`, recording where each step began.
        func match(_ index: Int, _ end: Int, _ position: Int) -> Int? {
            guard index < end else { return position }
            bounds[index] = position
            switch steps[index] {
            case .scalars(let set, let min, let max, let lazy):
                var available = 0
                while available < max, position + available < text.count, contains(set, text[position + available]) { available += 1 }
                guard available >= min else { return nil }
                if lazy {
                    for count in min...available {
                        if let found = match(index + 1, end, position + count) { return found }
                    }
                } else {
                    for count in stride(from: available, through: min, by: -1) {
                        if let found = match(index + 1, end, position + count) { return found }
                    }
                }
                return nil
            case .words(let first, let count, let ignoringCase):
                for word in first..<first + count {
                    let range = wordRanges[word]
                    guard position + range.count <= text.count else { continue }
                    var same = true
                    var offset = 0
                    while offset < range.count {
                        let found = text[position + offset], expected = wordScalars[range.lowerBound + offset]
                        if ignoringCase ? folded(found) != expected : found != expected { same = false; break }
                        offset += 1
                    }
                    if same, let found = match(index + 1, end, position + range.count) { return found }
                }
                return nil
            case .notAfter(let set):
                if position > 0, contains(set, text[position - 1]) { return nil }
                return match(index + 1, end, position)
            case .notBefore(let first, let count):
                if position + count <= text.count, (0..<count).allSatisfy({ contains(setLists[first + $0], text[position + $0]) }) { return nil }
                return match(index + 1, end, position)
            case .wordBoundary:
                guard isWordBoundary(position) else { return nil }
                return match(index + 1, end, position)
            }
        }

        /// ICU's `\b`: the scalar at `position` (none at the end: not a word scalar; a combining mark or format
        /// character: never a boundary) against the last scalar before it that is not one.
        func isWordBoundary(_ position: Int) -> Bool {
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
}
