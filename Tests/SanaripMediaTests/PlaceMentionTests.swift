import Foundation
import Testing
import SanaripMedia
import SanaripQualitative
@testable import SanaripInstrument

@Suite("Place mentions")
struct PlaceMentionTests {
    static let gazetteer: PlaceGazetteer = {
        try! PlaceGazetteer.frame(folder: MediaFixtures.repository.appendingPathComponent("data/frames"),
                                  choices: MediaFixtures.repository.appendingPathComponent("instruments/digital-divide-kg/choices.csv"))
    }()

    static let karakolCity = "41702410000010", karakolAyilAimak = "41702205813000", cholponAta = "41702215600010", nookat = "41706242600010"
    static let issykKul = "41702000000000", osh = "41706000000000", nookatDistrict = "41706242000000", tupDistrict = "41702225000000"
    static let akSuuDistrict = "41702205000000", balykchy = "41702420000010", kichiKarakol = "41706207840000"

    /// Hand-checked sentences: the places each names, in order (codes), in Kyrgyz, Russian and English inflected forms.
    static let sentences: [(text: String, places: [String])] = [
        ("Каракол шаарында жаңы интернет борбору ачылды.", [karakolCity]),
        ("В Караколе открыли центр цифровых услуг.", [karakolCity]),
        ("Жители Каракола жалуются на связь.", [karakolCity]),
        ("Караколдо жана Балыкчыга оптика тартылды.", [karakolCity, balykchy]),
        ("Караколдогу мектептер", [karakolCity]),
        ("Ош шаарында форум өттү.", [PlaceGazetteer.oshCity]),
        ("В Оше прошёл форум; в Ошской области нет связи.", [PlaceGazetteer.oshCity, osh]),
        ("Ысык-Көл облусунда интернет кымбат.", [issykKul]),
        ("Туристы едут на Иссык-Куль, в Иссык-Кульской области сезон.", [issykKul, issykKul]),
        ("Караколский айылный аймак получил компьютеры.", [karakolAyilAimak]),
        ("Каракол айыл аймагында курстар башталды.", [karakolAyilAimak]),
        ("Кичи-Каракол айылында", [kichiKarakol]),
        ("в Чолпон-Ате и Чолпон-Атада", [cholponAta, cholponAta]),
        ("Ноокатта жана Ноокат районунда", [nookat, nookatDistrict]),
        ("в Тюпском районе", [tupDistrict]),
        ("Ak-Suu District schools and Karakol's library", [akSuuDistrict, karakolCity]),
        // Common words and persons' names: nothing without the qualifier.
        ("Жогорку Кеңеш мыйзам кабыл алды. Тон разговора. Ошибка в системе. Ленин көчөсү.", []),
        // Lower case is not a place name (a link, a common noun).
        ("ссылка karakol.kg и каракол", []),
        // Two ayil aimaks named Kenesh, both in Osh oblast: the oblast is meant.
        ("Кеңеш айыл аймагында", [osh]),
        // Talды-Suu in Tup (Issyk-Kul) and in Alay (Osh): nobody can tell, not counted.
        ("Талды-Суу айыл аймагы", []),
    ]

    @Test("Hand-checked inflected forms name the right places")
    func handChecked() throws {
        let matcher = PlaceMatcher(gazetteer: Self.gazetteer)
        for sentence in Self.sentences {
            let found = matcher.mentions(in: sentence.text).map { Self.gazetteer.places[Self.gazetteer.forms[$0.form].place].code }
            #expect(found == sentence.places, "\(sentence.text)")
        }
        #expect(Self.gazetteer.ambiguous.contains { $0.form.lowercased().contains("талды") })
    }

    @Test("Mentions count at each level with their context")
    func levels() throws {
        let matcher = PlaceMatcher(gazetteer: Self.gazetteer)
        let day = 86_400.0
        let articles = [
            MediaArticle(source: "a", url: "u1", title: "Караколдо", published: Date(timeIntervalSince1970: 20_000 * day), language: "ky", text: "Тюп районунда курстар."),
            MediaArticle(source: "b", url: "u2", title: "Новости", published: Date(timeIntervalSince1970: 20_040 * day), language: "ru", text: "В Ошской области и в Караколе."),
            MediaArticle(source: "b", url: "u3", title: "Без мест", published: Date(timeIntervalSince1970: 20_041 * day), language: "ru", text: "Ничего."),
        ]
        let oblasts = PlaceMentions(articles: articles, matcher: matcher, level: .oblast, period: .month)
        let codes = oblasts.places.map { Self.gazetteer.places[$0].code }
        let issykKul = try #require(codes.firstIndex(of: Self.issykKul)), osh = try #require(codes.firstIndex(of: Self.osh))
        #expect(oblasts.totals[issykKul] == 2)
        #expect(oblasts.totals[osh] == 1)
        #expect(oblasts.analysis.rows.map(\.articles).reduce(0, +) == 3)
        let example = try #require(oblasts.analysis.examples[osh].first)
        #expect(example.snippet.contains("Ошской области"))
        let districts = PlaceMentions(articles: articles, matcher: matcher, level: .district)
        let districtCodes = districts.places.map { Self.gazetteer.places[$0].code }
        let tup = try #require(districtCodes.firstIndex(of: Self.tupDistrict))
        let karakol = try #require(districtCodes.firstIndex(of: "41702410000000"))
        #expect(districts.totals[tup] == 1)
        #expect(districts.totals[karakol] == 2)
        // The oblast itself is coarser than a district: not counted at that level.
        #expect(districts.totals.reduce(0, +) == 3)
    }

    /// The obvious implementation: every surface form of every place form spelled out (word + each ending), the
    /// text split with Swift's `Character` properties, every form tried at every word, then the leftmost-longest
    /// non-overlapping ones kept.
    static func naive(_ text: String, _ gazetteer: PlaceGazetteer) -> [(start: Int, words: Int, place: Int)] {
        var words: [(text: String, capital: Bool)] = []
        var current = "", capital = false
        for character in text + " " {
            if character.isLetter || character.isNumber {
                if current.isEmpty { capital = character.isUppercase }
                current.append(character)
            } else if !current.isEmpty {
                words.append((current.lowercased().replacingOccurrences(of: "ё", with: "е"), capital))
                current = ""
            }
        }
        func surfaces(_ word: PlaceGazetteer.Word) -> Set<String>? {
            switch word.ending {
            case .exact: return [word.text]
            case .stem: return nil
            case .adjective: return Set(["ий", "ый", "ая", "ое", "ой", "ого", "ому", "ом", "ую", "ие", "ые", "их", "ых", "им", "ым", "ими", "ыми", "ей", "ою"].map { word.text + $0 })
            case .noun:
                var all: Set<String> = [word.text]
                var kyrgyz: [String] = []
                for (narrow, open) in zip(["ы", "и", "у", "ү"], ["а", "е", "о", "ө"]) {
                    kyrgyz += ["н\(narrow)н", "д\(narrow)н", "т\(narrow)н", "н\(narrow)", "д\(narrow)", "т\(narrow)", "г\(open)", "к\(open)", "д\(open)", "т\(open)",
                               "д\(open)н", "т\(open)н", "н\(open)н", "д\(narrow)к", "т\(narrow)к", "л\(narrow)к"]
                }
                kyrgyz += ["дагы", "тагы", "деги", "теги", "догу", "тогу", "дөгү", "төгү"]
                for ending in kyrgyz + ["а", "у", "е", "ом", "ем", "ой", "ы", "и", "ю", "я", "ою"] { all.insert(word.text + ending) }
                if let last = word.text.last, "аяо".contains(last), word.text.count > 2 {
                    for ending in ["ы", "и", "е", "у", "ой", "ою", "а", "ом"] { all.insert(String(word.text.dropLast()) + ending) }
                }
                return all
            }
        }
        let spelled = gazetteer.forms.map { $0.words.map { (word: $0, surfaces: surfaces($0)) } }
        var found: [(start: Int, words: Int, place: Int)] = []
        var position = 0
        while position < words.count {
            var best: (form: Int, length: Int)?
            if words[position].capital {
                for (id, form) in spelled.enumerated() where form.count > (best?.length ?? 0) && position + form.count <= words.count {
                    let matches = form.indices.allSatisfy { offset in
                        let word = words[position + offset].text
                        return form[offset].surfaces.map { $0.contains(word) } ?? word.hasPrefix(form[offset].word.text)
                    }
                    if matches { best = (id, form.count) }
                }
            }
            if let best {
                found.append((position, best.length, gazetteer.forms[best.form].place))
                position += best.length
            } else {
                position += 1
            }
        }
        return found
    }

    @Test("The matcher finds what the naive matcher finds on generated texts")
    func naiveAgreement() throws {
        let gazetteer = Self.gazetteer
        let matcher = PlaceMatcher(gazetteer: gazetteer)
        var generator = ExpressionEvaluator.SeededGenerator(seed: 2026)
        let endings = ["", "", "да", "до", "дөгү", "га", "ко", "нын", "дун", "е", "а", "у", "ом", "ой", "ская", "ской", "ский", "лар", "ка", "ы", "тин"]
        let filler = ["жана", "менен", "и", "в", "на", "the", "Жогорку", "Кеңеш", "Ошибка", "шаарында", "облусунда", "районе", "области",
                      "айыл", "аймагында", "айылный", "аймак", "город", "2026", "Тон", "Интернет", "ОШ", "ёлка"]
        let separators = [" ", " ", " ", ", ", ". ", "-", "\n", " (", ") ", " 😀 ", "«", "» "]
        var total = 0
        for _ in 0..<150 {
            var text = ""
            for _ in 0..<80 {
                var word: String
                if Int.random(in: 0..<3, using: &generator) == 0 {
                    let form = gazetteer.forms.randomElement(using: &generator)!
                    word = form.words.map(\.text).joined(separator: Bool.random(using: &generator) ? "-" : " ") + endings.randomElement(using: &generator)!
                    switch Int.random(in: 0..<4, using: &generator) {
                    case 0: word = word.uppercased()
                    case 1: break
                    default: word = word.prefix(1).uppercased() + word.dropFirst()
                    }
                } else {
                    word = filler.randomElement(using: &generator)!
                }
                text += word + separators.randomElement(using: &generator)!
            }
            let expected = Self.naive(text, gazetteer)
            let tokens = text.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
            let starts = tokens.map { text.utf8.distance(from: text.startIndex, to: $0.startIndex) }
            let found = matcher.mentions(in: text)
            #expect(found.map { gazetteer.forms[$0.form].place } == expected.map(\.place))
            #expect(found.map(\.start) == expected.map { starts[$0.start] })
            total += found.count
        }
        #expect(total > 1000, "the generated texts name places (\(total) mentions)")
    }
}
