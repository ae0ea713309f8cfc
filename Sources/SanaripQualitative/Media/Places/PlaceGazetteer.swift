import Foundation

/// The places whose mentions are counted in articles — the study's oblasts, districts, cities and municipalities
/// (ayil aimaks) — and the written forms that name each of them in Kyrgyz, Russian and English.
///
/// Forms are made from the names: the bare toponym (`Каракол`, `Ысык-Көл`, the ayil aimak's centre village) and
/// the qualified names (`Каракол шаары`, `Ак-Суу району`, `Ошская область`, `Караколский айылный аймак`). The last
/// word of a toponym takes the Kyrgyz case endings (`Караколдо`, `Ысык-Көлдөгү`, `Ошто`) and the Russian noun
/// endings (`Караколе`, `Каракола`, `Чолпон-Ате`); a Russian adjective stem takes adjective endings (`Ошской`,
/// `Иссык-Кульская`); the words `айыл аймагы`, `шаары`, `району`, `облусу`, `район`, `область` are stems. A form
/// must start with a capital letter in the text.
///
/// Short and ambiguous names are handled so: a name that is also a common word or a person's name (`Кеңеш`
/// "council", `Октябрь`, `Ленин`, `Тон` "tone", `Абдрахманов` …, ``commonWords``) counts only in its qualified form
/// (`Кеңеш айыл аймагы`); a bare name shared by several places goes to the highest-ranked of them (a city before
/// an oblast before a district before an ayil aimak: `Каракол` is the city, not Ak-Suu's ayil aimak; `Ысык-Көл`
/// is the oblast), and when places of the same rank share it (two ayil aimaks `Талды-Суу`), to the district or
/// oblast they share, or to none (``ambiguous`` lists those).
public struct PlaceGazetteer: Sendable {
    /// How finely mentions are counted.
    public enum Level: String, Sendable, Hashable, Codable, CaseIterable {
        case oblast, district, municipality
    }

    /// What kind of unit a place is; the order ranks places sharing a bare name.
    public enum Kind: String, Sendable, Hashable, Codable {
        case city, town, oblast, district, ayilAimak = "ayil aimak"

        var rank: Int {
            switch self {
            case .city, .town: 0
            case .oblast: 1
            case .district: 2
            case .ayilAimak: 3
            }
        }
    }

    /// A place: its code (SOATE for the frame's units), level, names and the codes of its district and oblast.
    public struct Place: Sendable, Hashable {
        public var code: String
        public var kind: Kind
        public var level: Level
        public var names: [String: String]
        /// The code of its oblast and district (empty where none, or the place itself).
        public var oblast: String
        public var district: String
        /// A place outside the study's frame (Osh city): it is its own row at every level.
        public var outsideFrame: Bool

        public init(code: String, kind: Kind, level: Level, names: [String: String], oblast: String = "", district: String = "", outsideFrame: Bool = false) {
            self.code = code
            self.kind = kind
            self.level = level
            self.names = names
            self.oblast = oblast
            self.district = district
            self.outsideFrame = outsideFrame
        }

        /// The name in `language`, else English, else the code.
        public func name(_ language: String) -> String {
            names[language].flatMap { $0.isEmpty ? nil : $0 } ?? names["en"].flatMap { $0.isEmpty ? nil : $0 } ?? code
        }
    }

    /// A unit as read from the frame's files, before its forms are made.
    public struct Entry: Sendable, Hashable {
        public var place: Place
        /// Names as written in the frame (`Каракол шаары`, `город Каракол`, `Karakol city`), by language.
        public var names: [String: String]
        /// The ayil aimak's centre village (Russian spelling), named for the municipality when it is unambiguous.
        public var centre: String
        /// Whether the unit's own names make forms (false for a city counted as a district: the city names it).
        public var named: Bool

        public init(place: Place, names: [String: String], centre: String = "", named: Bool = true) {
            self.place = place
            self.names = names
            self.centre = centre
            self.named = named
        }
    }

    /// A word of a form and which endings it takes.
    public struct Word: Sendable, Hashable {
        public enum Ending: Sendable, Hashable {
            /// Only itself.
            case exact
            /// Itself, or with a Kyrgyz case ending or a Russian noun ending (a final а/я/о may give way to it).
            case noun
            /// A Russian adjective stem (`ошск`): with an adjective ending.
            case adjective
            /// A stem: any continuation (`аймаг`: аймагы, аймагында).
            case stem
        }

        public var text: String
        public var ending: Ending
    }

    /// A written form naming a place.
    public struct Form: Sendable, Hashable {
        /// How it reads (`Каракол шаар…`), for the lists of matched forms.
        public var text: String
        public var language: String
        public var words: [Word]
        /// The place it names (an index into ``places``).
        public var place: Int
    }

    public let places: [Place]
    public let forms: [Form]
    /// Bare names shared by places of the same rank with no district or oblast in common: not counted.
    public let ambiguous: [(form: String, places: [String])]

    /// Bare names that are also common words or persons' names, counted only in their qualified form.
    public static let commonWords: Set<String> = [
        // Common words (ky/ru) and names of bodies: Кеңеш "council" (Жогорку Кеңеш), Тон "tone", Сарай "shed"…
        "кеңеш", "кенеш", "октябрь", "октябрьское", "ленин", "бел", "бель", "арал", "тоң", "тон", "темир", "шарк", "жазы",
        "сарай", "тамга", "чалма", "ынтымак", "найман", "кароол", "заргер", "тамчы", "жоош", "мады", "отрадное",
        "светлая поляна", "даркан", "большевик", "хауз", "нариман",
        // Persons' names (ayil aimaks named after people): counted as "… айыл аймагы" only.
        "абдрахманов", "карасаев", "кулатов", "исанов", "алдашев", "мирмахмудов", "болот мамбетов", "садыр аке",
        "алля анаров", "белекбаев", "юсупов", "зулпуев",
        // The same in the frame's English names.
        "kengesh", "oktyabr", "lenin", "bel", "aral", "tong", "temir", "shark", "jazy", "saray", "tamga", "chalma", "yntymak",
        "nayman", "karool", "zarger", "tamchy", "joosh", "mady", "otradnoe", "svetlaya polyana", "darkan", "nariman",
        "abdrakhmanov", "karasaev", "kulatov", "isanov", "aldashev", "mirmakhmudov", "bolot mambetov", "sadyr ake", "allya anarov",
    ]

    /// Kyrgyz case endings of a noun (all harmony variants) and the Russian noun endings.
    static let nounEndings: Set<String> = {
        var endings: Set<String> = ["а", "у", "е", "ом", "ем", "ой", "ы", "и", "ю", "я", "ою"]
        let vowels = ["ы", "и", "у", "ү"], wide = ["а", "е", "о", "ө"]
        for (narrow, open) in zip(vowels, wide) {
            for consonant in ["н", "д", "т"] { endings.insert(consonant + narrow + "н"); endings.insert(consonant + narrow) }   // genitive, accusative
            for consonant in ["г", "к"] { endings.insert(consonant + open) }                                                 // dative
            for consonant in ["д", "т"] {
                endings.insert(consonant + open)                                                                           // locative
                endings.insert(consonant + open + "н")                                                                     // ablative
                endings.insert(consonant + narrow + "к")                                                                   // -дык "of"
            }
            endings.insert("н" + open + "н")
            endings.insert("л" + narrow + "к")
        }
        // Locative + -гы: Караколдогу, Ысык-Көлдөгү, Балыкчыдагы.
        for stem in ["да", "та"] { endings.insert(stem + "гы") }
        for stem in ["де", "те"] { endings.insert(stem + "ги") }
        for stem in ["до", "то"] { endings.insert(stem + "гу") }
        for stem in ["дө", "тө"] { endings.insert(stem + "гү") }
        return endings
    }()

    /// Russian endings after a final а/я/о given way (Михайловка → Михайловке, Чолпон-Ата → Чолпон-Ату).
    static let vowelEndings: Set<String> = ["ы", "и", "е", "у", "ой", "ою", "а", "ом"]
    /// Russian adjective endings.
    static let adjectiveEndings: Set<String> = ["ий", "ый", "ая", "ое", "ой", "ого", "ому", "ом", "ую", "ие", "ые", "их", "ых", "им", "ым", "ими", "ыми", "ей", "ою"]

    /// Builds the forms of `entries`' places, resolving shared names as described above.
    public init(entries: [Entry]) {
        let places = entries.map(\.place)
        var codes: [String: Int] = [:]
        for (index, place) in places.enumerated() { codes[place.code] = index }
        var candidates: [[Word]: (text: String, language: String, places: [Int])] = [:]
        var order: [[Word]] = []
        func add(_ words: [Word], _ text: String, _ language: String, _ place: Int) {
            guard !words.isEmpty else { return }
            if candidates[words] == nil {
                order.append(words)
                candidates[words] = (text, language, [])
            }
            if !candidates[words]!.places.contains(place) { candidates[words]!.places.append(place) }
        }
        for (index, entry) in entries.enumerated() where entry.named {
            for (language, name) in entry.names.sorted(by: { $0.key < $1.key }) where !name.isEmpty {
                for (words, text) in Self.forms(of: name, language: language, kind: entry.place.kind) { add(words, text, language, index) }
            }
            let centre = entry.centre.trimmingCharacters(in: .whitespaces)
            if entry.place.kind == .ayilAimak, !centre.isEmpty, !centre.lowercased().hasPrefix("им.") {
                let words = Self.words(centre)
                if !Self.commonWords.contains(words.joined(separator: " ")) {
                    add(Self.toponym(words), centre, "ru", index)
                }
            }
        }
        var forms: [Form] = []
        var ambiguous: [(form: String, places: [String])] = []
        for words in order {
            let candidate = candidates[words]!
            let best = candidate.places.map { places[$0].kind.rank }.min() ?? 0
            let top = candidate.places.filter { places[$0].kind.rank == best }
            var chosen: Int?
            if top.count == 1 {
                chosen = top[0]
            } else if let district = Set(top.map { places[$0].district }).onlyElement, !district.isEmpty, let index = codes[district] {
                chosen = index
            } else if let oblast = Set(top.map { places[$0].oblast }).onlyElement, !oblast.isEmpty, let index = codes[oblast] {
                chosen = index
            }
            if let chosen {
                forms.append(Form(text: candidate.text, language: candidate.language, words: words, place: chosen))
            } else {
                ambiguous.append((form: candidate.text, places: top.map { places[$0].code }))
            }
        }
        self.places = places
        self.forms = forms
        self.ambiguous = ambiguous
    }

    /// A name's words, lowercased, `ё` as `е`, cut at everything that is not a letter or digit (hyphens too).
    public static func words(_ text: String) -> [String] {
        // A parenthesised variant ("Ozgon (Uzgen) town") is not part of the name.
        text.replacingOccurrences(of: #"\([^)]*\)"#, with: " ", options: .regularExpression).lowercased().replacingOccurrences(of: "ё", with: "е")
            .split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
    }

    /// A toponym's words: all exact but the last, which takes noun endings.
    static func toponym(_ words: [String]) -> [Word] {
        words.enumerated().map { Word(text: $1, ending: $0 == words.count - 1 ? .noun : .exact) }
    }

    /// The qualifier words after a toponym, by the last word(s) of a name.
    static let qualifiers: [(suffix: [String], words: [Word])] = [
        (["айыл", "аймагы"], [Word(text: "айыл", ending: .exact), Word(text: "аймаг", ending: .stem)]),
        (["айылный", "аймак"], [Word(text: "айылн", ending: .stem), Word(text: "аймак", ending: .stem)]),
        (["ayil", "aimak"], [Word(text: "ayil", ending: .exact), Word(text: "aimak", ending: .stem)]),
        (["шаары"], [Word(text: "шаар", ending: .stem)]),
        (["району"], [Word(text: "район", ending: .stem)]),
        (["облусу"], [Word(text: "облус", ending: .stem)]),
        (["район"], [Word(text: "район", ending: .stem)]),
        (["область"], [Word(text: "област", ending: .stem)]),
        (["city"], [Word(text: "city", ending: .exact)]),
        (["town"], [Word(text: "town", ending: .exact)]),
        (["district"], [Word(text: "district", ending: .stem)]),
        (["oblast"], [Word(text: "oblast", ending: .stem)]),
    ]

    /// The forms of one name: qualified (toponym or adjective + qualifier) and, unless the toponym is a common word
    /// or a person's name (or has an initial), bare.
    static func forms(of name: String, language: String, kind: Kind) -> [([Word], String)] {
        var words = Self.words(name)
        // "город Каракол": the toponym follows; "… имени К.Белекбаева": the addition is dropped.
        if words.first == "город" { words.removeFirst() }
        if let index = words.firstIndex(of: "имени") { words = Array(words[..<index]) }
        guard !words.isEmpty, words.first != "айылный" else { return [] }
        var qualifier: [Word] = []
        for rule in qualifiers where words.count > rule.suffix.count && Array(words.suffix(rule.suffix.count)) == rule.suffix {
            qualifier = rule.words
            words.removeLast(rule.suffix.count)
            break
        }
        let display = words.joined(separator: " ")
        var result: [([Word], String)] = []
        if language == "ru", let last = words.last, let stem = Self.adjectiveStem(last) {
            // Ошская область, Ак-Суйский район, Караколский айылный аймак.
            let adjective = words.dropLast().map { Word(text: $0, ending: .exact) } + [Word(text: stem, ending: .adjective)]
            if !qualifier.isEmpty { result.append((adjective + qualifier, name)) }
            // Oblasts and districts are also named by the noun the adjective comes from (Ошская → Ош, Тюпский → Тюп).
            if kind == .oblast || kind == .district {
                let noun = Array(words.dropLast()) + [String(stem.dropLast(2))]
                if noun.last.map({ $0.count >= 2 }) == true, !commonWords.contains(noun.joined(separator: " ")) {
                    result.append((toponym(noun), noun.joined(separator: "-")))
                }
            }
            return result
        }
        if !qualifier.isEmpty { result.append((words.map { Word(text: $0, ending: .exact) } + qualifier, name)) }
        let personal = words.contains { $0.count == 1 }
        if !personal, !commonWords.contains(display) {
            result.append((language == "en" ? words.map { Word(text: $0, ending: .exact) } : toponym(words), display))
        }
        return result
    }

    /// `ошск` of `ошская`/`ошской`/`караколский`: a Russian adjective's stem ending in `ск`, or nil.
    static func adjectiveStem(_ word: String) -> String? {
        for ending in ["ский", "ская", "ское", "ской"] where word.hasSuffix(ending) && word.count > ending.count + 1 {
            return String(word.dropLast(ending.count - 2))
        }
        return nil
    }

    /// The index of the place with `code`.
    public func index(of code: String) -> Int? {
        places.firstIndex { $0.code == code }
    }

    /// The places counted at `level`, in order: the frame's places of that level, then those outside the frame.
    public func places(at level: Level) -> [Int] {
        places.indices.filter { places[$0].level == level && !places[$0].outsideFrame } + places.indices.filter { places[$0].outsideFrame }
    }

    /// The place a mention of place `index` counts for at `level`: itself, its district or its oblast; nil when the
    /// place is coarser than the level (an oblast at the district level).
    public func ancestor(of index: Int, at level: Level) -> Int? {
        let place = places[index]
        if place.outsideFrame || place.level == level { return index }
        switch level {
        case .oblast: return self.index(of: place.oblast)
        case .district: return place.level == .municipality ? self.index(of: place.district) : nil
        case .municipality: return nil
        }
    }
}

extension Set {
    /// The single element, or nil when there are none or several.
    var onlyElement: Element? { count == 1 ? first : nil }
}
