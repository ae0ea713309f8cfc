import SanaripCore

/// Finds a dictionary's frames in texts in one pass over each text's UTF-8 bytes: the text is cut into words
/// (letters and digits), each word lowercased on the fly and walked down a trie of every term's words, so a word
/// is compared with all stems at once; phrases are completed from the words just before. Built once per dictionary.
public struct FrameMatcher: Sendable {
    /// The longest phrase a term may be, in words.
    public static let maxPhraseWords = 4
    /// Scalars below this are classified through a table (Latin, Cyrillic and its supplement).
    static let tableSize: UInt32 = 0x530

    public let dictionary: FrameDictionary
    /// Every term of every frame, in dictionary order, with its frame's index.
    public let terms: [(frame: Int, term: FrameDictionary.Term)]

    /// scalar → -1 (not part of a word), 0 (a letter no term uses), or the symbol of its lowercase form.
    private let symbols: [Int16]
    private let symbolCount: Int
    /// `node * symbolCount + symbol` → the next node; 0 means none (nothing leads back to the root).
    private let transitions: [Int32]
    /// Per node, the range of `stemOutputs` / `wordOutputs` holding the patterns ending there.
    private let stemRanges: [Range<Int32>]
    private let wordRanges: [Range<Int32>]
    private let stemOutputs: [Int32]
    private let wordOutputs: [Int32]
    /// Per pattern (a word of a term, stem or whole), the terms that are just that word.
    private let singleTerms: [[Int32]]
    /// Per pattern, the phrases ending with it: the term and the patterns of its earlier words, in order.
    private let phrases: [[(term: Int32, before: [Int32])]]
    private let hasPhrases: Bool

    public init(dictionary: FrameDictionary) {
        self.dictionary = dictionary
        var terms: [(frame: Int, term: FrameDictionary.Term)] = []
        for (index, frame) in dictionary.frames.enumerated() {
            for term in frame.terms { terms.append((index, term)) }
        }
        self.terms = terms

        // Patterns: each distinct (word, stem?) once.
        var patternIDs: [FrameDictionary.Term.Word: Int32] = [:]
        var patterns: [FrameDictionary.Term.Word] = []
        func pattern(_ word: FrameDictionary.Term.Word) -> Int32 {
            if let id = patternIDs[word] { return id }
            let id = Int32(patterns.count)
            patternIDs[word] = id
            patterns.append(word)
            return id
        }
        var termPatterns: [[Int32]] = []
        for (_, term) in terms { termPatterns.append(term.words.map(pattern)) }

        // The alphabet: every scalar the patterns use.
        var alphabet: [UInt32: Int16] = [:]
        for word in patterns {
            for scalar in word.text.unicodeScalars where alphabet[scalar.value] == nil {
                alphabet[scalar.value] = Int16(alphabet.count + 1)
            }
        }
        let symbolCount = alphabet.count + 1
        var symbols = [Int16](repeating: -1, count: Int(Self.tableSize))
        for value in 0..<Self.tableSize {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let character = Character(scalar)
            guard character.isLetter || character.isNumber else { continue }
            let lower = Self.folded(String(character).lowercased())
            symbols[Int(value)] = lower.unicodeScalars.count == 1 ? alphabet[lower.unicodeScalars.first!.value] ?? 0 : 0
        }

        // The trie.
        var transitions = [Int32](repeating: 0, count: symbolCount)
        var stemsAt: [[Int32]] = [[]]
        var wordsAt: [[Int32]] = [[]]
        for (id, word) in patterns.enumerated() {
            var node = 0
            for scalar in word.text.unicodeScalars {
                let symbol = Int(alphabet[scalar.value]!)
                var next = Int(transitions[node * symbolCount + symbol])
                if next == 0 {
                    next = stemsAt.count
                    stemsAt.append([])
                    wordsAt.append([])
                    transitions.append(contentsOf: repeatElement(0, count: symbolCount))
                    transitions[node * symbolCount + symbol] = Int32(next)
                }
                node = next
            }
            if word.isStem { stemsAt[node].append(Int32(id)) } else { wordsAt[node].append(Int32(id)) }
        }
        func flatten(_ lists: [[Int32]]) -> ([Range<Int32>], [Int32]) {
            var ranges: [Range<Int32>] = []
            var flat: [Int32] = []
            for list in lists {
                ranges.append(Int32(flat.count)..<Int32(flat.count + list.count))
                flat += list
            }
            return (ranges, flat)
        }
        let stems = flatten(stemsAt), words = flatten(wordsAt)
        stemRanges = stems.0
        stemOutputs = stems.1
        wordRanges = words.0
        wordOutputs = words.1

        var singleTerms = [[Int32]](repeating: [], count: patterns.count)
        var phrases = [[(term: Int32, before: [Int32])]](repeating: [], count: patterns.count)
        for (term, ids) in termPatterns.enumerated() {
            if ids.count == 1 {
                singleTerms[Int(ids[0])].append(Int32(term))
            } else {
                phrases[Int(ids[ids.count - 1])].append((Int32(term), Array(ids.dropLast())))
            }
        }
        self.symbols = symbols
        self.symbolCount = symbolCount
        self.transitions = transitions
        self.singleTerms = singleTerms
        self.phrases = phrases
        hasPhrases = termPatterns.contains { $0.count > 1 }
    }

    /// `ё` read as `е`, as the dictionary's terms are.
    static func folded(_ text: String) -> String {
        text.replacingOccurrences(of: "ё", with: "е")
    }

    /// Reusable buffers of one matching thread.
    final class Scratch {
        var termCounts: [Int32]
        var termFirst: [Int32]
        var touched: [Int32] = []
        var current: [Int32] = []
        /// The patterns matched by the last `maxPhraseWords - 1` words, most recent at `(tokens - 1) % depth`.
        var history: [[Int32]]
        var tokens = 0

        init(terms: Int) {
            termCounts = [Int32](repeating: 0, count: terms)
            termFirst = [Int32](repeating: 0, count: terms)
            history = [[Int32]](repeating: [], count: FrameMatcher.maxPhraseWords - 1)
        }
    }

    /// The frames found in `text`, in dictionary order.
    public func matches(in text: String) -> [FrameHit] {
        matches(in: text, scratch: Scratch(terms: terms.count))
    }

    /// The frames of many texts, spread over the cores.
    public func matches(in texts: [String]) -> [[FrameHit]] {
        let chunks = Parallel.chunks(texts.count, piecesPerCore: 4)
        let parts = Parallel.map(chunks.count) { chunk in
            let scratch = Scratch(terms: terms.count)
            return chunks[chunk].map { matches(in: texts[$0], scratch: scratch) }
        }
        return parts.flatMap { $0 }
    }

    func matches(in text: String, scratch: Scratch) -> [FrameHit] {
        var text = text
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { scan($0, scratch) } ?? []
    }

    private func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ scratch: Scratch) -> [FrameHit] {
        scratch.tokens = 0
        for index in scratch.history.indices { scratch.history[index].removeAll(keepingCapacity: true) }
        let count = bytes.count
        var position = 0
        var inWord = false
        var alive = false
        var node = 0
        var wordStart = 0
        scratch.current.removeAll(keepingCapacity: true)
        symbols.withUnsafeBufferPointer { symbols in
            transitions.withUnsafeBufferPointer { transitions in
                while position < count {
                    let lead = bytes[position]
                    var scalar: UInt32
                    var length: Int
                    if lead < 0x80 {
                        scalar = UInt32(lead)
                        length = 1
                    } else if lead < 0xE0 {
                        scalar = UInt32(lead & 0x1F) << 6 | UInt32(bytes[position + 1] & 0x3F)
                        length = 2
                    } else if lead < 0xF0 {
                        scalar = UInt32(lead & 0x0F) << 12 | UInt32(bytes[position + 1] & 0x3F) << 6 | UInt32(bytes[position + 2] & 0x3F)
                        length = 3
                    } else {
                        scalar = UInt32(lead & 0x07) << 18 | UInt32(bytes[position + 1] & 0x3F) << 12
                            | UInt32(bytes[position + 2] & 0x3F) << 6 | UInt32(bytes[position + 3] & 0x3F)
                        length = 4
                    }
                    let symbol: Int16
                    if scalar < Self.tableSize {
                        symbol = symbols[Int(scalar)]
                    } else {
                        symbol = Self.isWordCharacter(scalar) ? 0 : -1
                    }
                    if symbol < 0 {
                        if inWord {
                            endWord(alive: alive, node: node, start: wordStart, end: position, scratch)
                            inWord = false
                        }
                    } else {
                        if !inWord {
                            inWord = true
                            alive = true
                            node = 0
                            wordStart = position
                        }
                        if alive {
                            node = Int(transitions[node * symbolCount + Int(symbol)])
                            if node == 0 {
                                alive = false
                            } else {
                                let stems = stemRanges[node]
                                if !stems.isEmpty {
                                    for index in stems { scratch.current.append(stemOutputs[Int(index)]) }
                                }
                            }
                        }
                    }
                    position += length
                }
            }
        }
        if inWord { endWord(alive: alive, node: node, start: wordStart, end: count, scratch) }
        return collect(scratch)
    }

    /// Whether a scalar outside the table is part of a word.
    static func isWordCharacter(_ value: UInt32) -> Bool {
        guard let scalar = Unicode.Scalar(value) else { return false }
        let character = Character(scalar)
        return character.isLetter || character.isNumber
    }

    private func endWord(alive: Bool, node: Int, start: Int, end: Int, _ scratch: Scratch) {
        if alive {
            for index in wordRanges[node] { scratch.current.append(wordOutputs[Int(index)]) }
        }
        let depth = Self.maxPhraseWords - 1
        for pattern in scratch.current {
            for term in singleTerms[Int(pattern)] { hit(term, start: start, scratch) }
            guard hasPhrases else { continue }
            for phrase in phrases[Int(pattern)] where phrase.before.count <= scratch.tokens {
                var matched = true
                for (back, wanted) in phrase.before.reversed().enumerated() {
                    let slot = (scratch.tokens - 1 - back) % depth
                    if !scratch.history[slot].contains(wanted) {
                        matched = false
                        break
                    }
                }
                if matched { hit(phrase.term, start: start, scratch) }
            }
        }
        if hasPhrases {
            let slot = scratch.tokens % depth
            swap(&scratch.history[slot], &scratch.current)
        }
        scratch.current.removeAll(keepingCapacity: true)
        scratch.tokens += 1
    }

    private func hit(_ term: Int32, start: Int, _ scratch: Scratch) {
        let index = Int(term)
        if scratch.termCounts[index] == 0 {
            scratch.touched.append(term)
            scratch.termFirst[index] = Int32(start)
        }
        scratch.termCounts[index] += 1
    }

    private func collect(_ scratch: Scratch) -> [FrameHit] {
        guard !scratch.touched.isEmpty else { return [] }
        scratch.touched.sort()
        var hits: [FrameHit] = []
        for term in scratch.touched {
            let index = Int(term)
            let frame = terms[index].frame
            let count = Int(scratch.termCounts[index])
            let first = Int(scratch.termFirst[index])
            if hits.last?.frame != frame { hits.append(FrameHit(frame: frame, count: 0, terms: [], firstOffset: first)) }
            hits[hits.count - 1].count += count
            hits[hits.count - 1].terms.append(.init(term: index, count: count))
            hits[hits.count - 1].firstOffset = min(hits[hits.count - 1].firstOffset, first)
            scratch.termCounts[index] = 0
        }
        scratch.touched.removeAll(keepingCapacity: true)
        return hits
    }

    /// About `radius` bytes of `text` either side of the UTF-8 offset `offset`, cut at whole characters and words.
    public static func snippet(_ text: String, at offset: Int, radius: Int = 90) -> String {
        let utf8 = Array(text.utf8)
        guard offset >= 0, offset < utf8.count else { return "" }
        var start = max(0, offset - radius)
        var end = min(utf8.count, offset + radius)
        while start > 0, utf8[start] & 0xC0 == 0x80 { start -= 1 }
        while end < utf8.count, utf8[end] & 0xC0 == 0x80 { end += 1 }
        var piece = String(decoding: utf8[start..<end], as: UTF8.self)
        if start > 0, let space = piece.firstIndex(of: " "), piece.distance(from: piece.startIndex, to: space) < radius / 3 {
            piece = String(piece[piece.index(after: space)...])
        }
        if end < utf8.count, let space = piece.lastIndex(of: " ") { piece = String(piece[..<space]) }
        let flat = piece.split(whereSeparator: \.isNewline).joined(separator: " ")
        return (start > 0 ? "…" : "") + flat + (end < utf8.count ? "…" : "")
    }
}

/// A frame found in a text: how many times its terms occur, which terms, and where the first one starts.
public struct FrameHit: Sendable, Hashable, Codable {
    /// A term of the frame and how often it occurs.
    public struct TermCount: Sendable, Hashable, Codable {
        /// The term's index in ``FrameMatcher/terms``.
        public var term: Int
        public var count: Int
    }

    /// The frame's index in the dictionary.
    public var frame: Int
    /// Occurrences of all its terms.
    public var count: Int
    public var terms: [TermCount]
    /// The UTF-8 offset of the earliest match in the text.
    public var firstOffset: Int
}
