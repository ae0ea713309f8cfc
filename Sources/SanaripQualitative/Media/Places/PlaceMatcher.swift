import SanaripCore

/// Finds a gazetteer's place forms in texts: the text is cut into words (letters and digits; hyphens and
/// punctuation separate), lowercased with `ё` as `е`; at each word that starts with a capital letter the forms
/// whose first word it can be (the word itself or the word less an ending) are tried, the longest form that matches
/// the following words wins, and matching goes on after it (so `Караколский айылный аймак` is the ayil aimak and
/// not also the city `Каракол`).
public struct PlaceMatcher: Sendable {
    /// A place form found in a text: which form, and where it starts and ends (UTF-8 offsets).
    public struct Mention: Sendable, Hashable {
        public var form: Int
        public var start: Int
        public var end: Int
    }

    /// A word of a text.
    struct Token {
        var text: String
        var start: Int
        var end: Int
        var capital: Bool
    }

    public let gazetteer: PlaceGazetteer
    /// Forms by the text their first word is looked up with.
    private let byFirstWord: [String: [Int]]
    /// The longest ending a first word may carry, in letters.
    private let longestEnding: Int

    public init(gazetteer: PlaceGazetteer) {
        self.gazetteer = gazetteer
        var index: [String: [Int]] = [:]
        for (id, form) in gazetteer.forms.enumerated() {
            guard let first = form.words.first else { continue }
            for key in Self.keys(first) where index[key]?.contains(id) != true { index[key, default: []].append(id) }
        }
        byFirstWord = index
        longestEnding = (PlaceGazetteer.nounEndings.union(PlaceGazetteer.adjectiveEndings).map(\.count).max() ?? 0) + 1
    }

    /// The texts a word is looked up under: itself, and without a final а/я/о that Russian endings replace.
    static func keys(_ word: PlaceGazetteer.Word) -> [String] {
        if word.ending == .noun, let last = word.text.last, "аяо".contains(last), word.text.count > 2 {
            return [word.text, String(word.text.dropLast())]
        }
        return [word.text]
    }

    /// Whether `token` is `word` with an ending it may take.
    static func matches(_ word: PlaceGazetteer.Word, _ token: String) -> Bool {
        switch word.ending {
        case .exact:
            return token == word.text
        case .stem:
            return token.hasPrefix(word.text)
        case .adjective:
            return token.hasPrefix(word.text) && PlaceGazetteer.adjectiveEndings.contains(String(token.dropFirst(word.text.count)))
        case .noun:
            if token == word.text { return true }
            if token.hasPrefix(word.text), PlaceGazetteer.nounEndings.contains(String(token.dropFirst(word.text.count))) { return true }
            if let last = word.text.last, "аяо".contains(last), word.text.count > 2 {
                let stem = word.text.dropLast()
                return token.hasPrefix(stem) && PlaceGazetteer.vowelEndings.contains(String(token.dropFirst(stem.count)))
            }
            return false
        }
    }

    /// Scalars below this (Latin, Cyrillic and its supplement) are classified through ``classes``.
    static let tableSize: UInt32 = 0x530

    /// Per scalar below ``tableSize``: 0 when it is not part of a word, else its lowercase form (`ё` as `е`) with the
    /// top bit set when it is upper case; -1 when its lower case is more than one scalar (read the slow way).
    static let classes: [Int32] = (0..<tableSize).map { value in
        guard let scalar = Unicode.Scalar(value) else { return 0 }
        let properties = scalar.properties
        guard properties.isAlphabetic || properties.numericType != nil else { return 0 }
        let lower = properties.lowercaseMapping.unicodeScalars
        guard lower.count == 1, let first = lower.first else { return -1 }
        let folded = first == "ё" ? Unicode.Scalar("е").value : first.value
        return Int32(bitPattern: folded | (properties.isUppercase ? 0x8000_0000 : 0))
    }

    /// The words of `text` with their UTF-8 offsets.
    static func tokens(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var current = String.UnicodeScalarView()
        var start = 0, offset = 0, capital = false
        func close() {
            if !current.isEmpty { tokens.append(Token(text: String(current), start: start, end: offset, capital: capital)) }
            current = String.UnicodeScalarView()
        }
        let classes = Self.classes
        for scalar in text.unicodeScalars {
            let known = scalar.value < tableSize ? classes[Int(scalar.value)] : -1
            if known == 0 {
                close()
            } else if known != -1 {
                let bits = UInt32(bitPattern: known)
                if current.isEmpty {
                    start = offset
                    capital = bits & 0x8000_0000 != 0
                }
                current.append(Unicode.Scalar(bits & 0x7FFF_FFFF)!)
            } else {
                let properties = scalar.properties
                if properties.isAlphabetic || properties.numericType != nil {
                    if current.isEmpty {
                        start = offset
                        capital = properties.isUppercase
                    }
                    for lower in properties.lowercaseMapping.unicodeScalars { current.append(lower == "ё" ? "е" : lower) }
                } else {
                    close()
                }
            }
            offset += UTF8.width(scalar)
        }
        close()
        return tokens
    }

    /// The place forms in `text`, in order, none overlapping.
    public func mentions(in text: String) -> [Mention] {
        let tokens = Self.tokens(text)
        var mentions: [Mention] = []
        var position = 0
        while position < tokens.count {
            let token = tokens[position]
            var best: (form: Int, length: Int)?
            if token.capital {
                let letters = token.text.count
                var tried = Set<Int>()
                for length in stride(from: letters, through: max(1, letters - longestEnding), by: -1) {
                    for id in byFirstWord[String(token.text.prefix(length))] ?? [] where tried.insert(id).inserted {
                        let words = gazetteer.forms[id].words
                        guard words.count > (best?.length ?? 0), position + words.count <= tokens.count else { continue }
                        if words.indices.allSatisfy({ Self.matches(words[$0], tokens[position + $0].text) }) { best = (id, words.count) }
                    }
                }
            }
            if let best {
                mentions.append(Mention(form: best.form, start: token.start, end: tokens[position + best.length - 1].end))
                position += best.length
            } else {
                position += 1
            }
        }
        return mentions
    }

    /// The mentions of many texts, spread over the cores.
    public func mentions(in texts: [String]) -> [[Mention]] {
        let chunks = Parallel.chunks(texts.count, piecesPerCore: 4)
        return Parallel.map(chunks.count) { chunk in chunks[chunk].map { mentions(in: texts[$0]) } }.flatMap { $0 }
    }
}
