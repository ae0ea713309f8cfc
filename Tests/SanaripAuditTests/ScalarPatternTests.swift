import Foundation
import Testing
@testable import SanaripAudit
@testable import SanaripInstrument

/// The scalar patterns find exactly what the regular expressions they replaced (ICU, through `NSRegularExpression`)
/// find: every match and every captured group, on the fixture sites' text and on many generated strings made of the
/// pieces those patterns look for (digits of two scripts, separators, Unicode spaces, combining marks, upper and
/// lower case in three alphabets, case-folding oddities).
@Suite struct ScalarPatternTests {
    /// The regular expressions of the previous crawler, and the groups each compared.
    static let references: [(name: String, pattern: ScalarPattern, regex: NSRegularExpression, groups: [Int: ClosedRange<Int>])] = [
        ("phone", Patterns.phone, try! NSRegularExpression(pattern:
            #"(?:\+\s?996|\b996)[\s\-()]*\d{3,4}[\s\-()]*\d{1,3}[\s\-]?\d{2}[\s\-]?\d{2}|(?<![\d.])\(?0\s?\d{3,4}\)?[\s\-]?\d{1,3}[\s\-]?\d{2}[\s\-]?\d{2}(?!\d|\.\d)"#), [:]),
        ("email", Patterns.email, try! NSRegularExpression(pattern: #"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}"#), [:]),
        ("address", Patterns.address, try! NSRegularExpression(pattern:
            #"(?i:ул\.|улица|көч\.|көчөсү|кочосу|пр\.|проспект|адрес|дарек)\s*:?\s*[^\n]{0,50}?\d+"#), [:]),
        ("hours", Patterns.hours, try! NSRegularExpression(pattern:
            #"(?i:график работы|режим работы|часы приема|часы приёма|иш убактысы|иш тартиби|кабыл алуу убактысы|opening hours)|\b\d{1,2}[:.]\d{2}\s*[-–—]\s*\d{1,2}[:.]\d{2}\b"#), [:]),
        ("head", Patterns.head, try! NSRegularExpression(pattern:
            #"(?i:глава|башчысы|аким|мэр|head of)[^.\n]{0,60}?\b[А-ЯЁӨҮҢA-Z][а-яёөүңa-z]+\s+[А-ЯЁӨҮҢA-Z][а-яёөүңa-z]+"#), [:]),
        ("numeric date", Patterns.numericDate, try! NSRegularExpression(pattern:
            #"(?<!\d)(\d{1,2})[./](\d{1,2})[./](20\d{2})(?!\d)|(?<!\d)(20\d{2})-(\d{2})-(\d{2})(?!\d)"#),
         [1: 1...1, 2: 3...3, 3: 5...6, 4: 1...2, 5: 4...4, 6: 6...6]),
        ("written date", Patterns.writtenDate, try! NSRegularExpression(pattern:
            #"(?<!\d)(\d{1,2})\s+(январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-яё]*\s+(20\d{2})"#,
            options: [.caseInsensitive]), [1: 1...1, 2: 3...3, 3: 6...7]),
    ]

    /// Every match of `regex` and its groups, as text; groups of the other alternative as nil.
    static func regexMatches(_ regex: NSRegularExpression, _ text: String, groups: Int) -> [[String?]] {
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { match in
            (0...groups).map { group in
                let range = match.range(at: group)
                return range.location == NSNotFound ? nil : ns.substring(with: range)
            }
        }
    }

    /// The same from the scalar pattern: groups are item spans of the alternative that matched (groups 1–3 belong
    /// to the first alternative of the numeric date, 4–6 to the second).
    static func scalarMatches(_ pattern: ScalarPattern, _ text: String, groups: [Int: ClosedRange<Int>]) -> [[String?]] {
        let page = PageText(url: "", text: text)
        let count = groups.keys.max() ?? 0
        return pattern.matches(in: page.scalars).map { match in
            [page.string(match.range)] + (0..<count).map { index -> String? in
                let group = index + 1
                guard let items = groups[group] else { return nil }
                let ownAlternative = count == 6 ? (group <= 3 ? 0 : 1) : 0
                guard match.alternative == ownAlternative else { return nil }
                return page.string(match.span(items.lowerBound, items.upperBound))
            }
        }
    }

    func mismatches(in texts: [String]) -> [String] {
        var found: [String] = []
        for (name, pattern, regex, groups) in Self.references {
            for text in texts {
                let expected = Self.regexMatches(regex, text, groups: groups.keys.max() ?? 0)
                let actual = Self.scalarMatches(pattern, text, groups: groups)
                if expected != actual, found.count < 10 {
                    found.append("\(name) in \(text.debugDescription): regex \(expected), scalars \(actual)")
                }
            }
        }
        return found
    }

    @Test func sameMatchesOnTheFixtureSites() throws {
        var texts: [String] = []
        for site in [FixtureSites.good(), FixtureSites.poor()] {
            for response in site.values where response.headers.contains(where: { $0.1.hasPrefix("text/html") }) {
                let choice = TextDecoding.choose(bytes: response.body, contentType: response.headers.first { $0.0 == "Content-Type" }?.1)
                texts.append(HTMLPage(parsing: TextDecoding.decode(response.body, charset: choice.charset)).text)
            }
        }
        #expect(texts.count >= 8)
        let found = Self.references.map { Self.scalarMatches($0.pattern, texts.joined(separator: "\n"), groups: $0.groups).count }
        #expect(found.allSatisfy { $0 > 0 }, "every pattern finds something in the fixture sites: \(found)")
        let problems = mismatches(in: texts)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test func sameMatchesOnGeneratedStrings() {
        let pieces = [
            "0", "1", "2", "5", "9", "20", "26", "2026", "996", "+996", "+", "03922", "0555", "12", "31", "٣", "০",
            " ", " ", " ", "\n", "\t", "\u{00A0}", "\u{0085}", "\u{000B}", "\u{2009}", "-", "–", "—", "(", ")", ".", "/", ":", "@",
            "_", "%", "a", "Z", "k", "ы", "е", "ao1", "example", ".kg", ".com", "x.y", "ул.", "Улица", "КӨЧӨСҮ", "адрес", "Дарек",
            "пр.", "глава", "Башчысы", "АКИМ", "Head of", "Асанов", "Бакыт", "Ңурлан", "Өмүр", "ёлка", "Ёж", "января", "МАЯ",
            "май", "Декабрь", "сентябрь", "иш убактысы", "Часы приёма", "opening hours", "8:00", "17.30", "\u{0301}", "\u{00AD}",
            "\u{200D}", "ſ", "K", "\u{1C80}", "ß", "İ", "😀", "\u{0482}", "\u{0483}",
            // beyond the compiled patterns' bitmaps (U+2200 and up): their sets' predicates answer
            "\u{3000}", "\u{FF10}", "\u{FF15}", "\u{1D7CE}", "\u{FEFF}", "\u{E0001}", "\u{FE0F}", "\u{2212}", "\u{2C00}", "Ꙋ", "\u{A64B}",
            // whole matches, for the noise around them to cut, extend or join
            "ao1@example.kg", "Info.Ak-Suu@mail.kg", "a@b", "@x.", "12.05.2026", "1/2/2026", "31.12.2099", "2026-11-20", "2026-1-2",
            "5 мая 2026", "31 ДЕКАБРЯ 2025", "1 Сентября 2026", "глава Асанов Бакыт", "Head of Aibek Asanov", "Мэр Ош Ташиев",
        ]
        var generator = ExpressionEvaluator.SeededGenerator(seed: 20261204) // the same strings on every run
        var texts: [String] = []
        for _ in 0..<4_000 {
            let length = Int(generator.next() % 40) + 1
            texts.append((0..<length).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined())
        }
        let matched = Self.references.map { reference in
            texts.filter { !Self.scalarMatches(reference.pattern, $0, groups: reference.groups).isEmpty }.count
        }
        #expect(matched.allSatisfy { $0 >= 20 }, "the generated strings exercise every pattern: \(matched)")
        let problems = mismatches(in: texts)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test func lowercasingSameAsTheUnicodeTable() {
        var mismatches: [String] = []
        for value in UInt32(0)...0x04FF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            var bytes: [UInt8] = []
            scalar.appendLowercasedUTF8(to: &bytes)
            if bytes != Array(scalar.properties.lowercaseMapping.utf8) { mismatches.append(String(value, radix: 16)) }
        }
        #expect(mismatches.isEmpty, "U+\(mismatches.joined(separator: ", U+"))")
        let text = "Айыл ӨКМӨТҮ ҢӨҮ İstanbul ẞ ΣΑΣ Ǆ ﬁ Ёлка ӀҪ"
        #expect(String(decoding: PageText(url: "", text: text).lower, as: UTF8.self) == text.lowercased())
    }
}

/// Dates counted without the calendar are the calendar's: every day from 2000 to 2100, and the days that do not exist.
@Suite struct DateFinderDayTests {
    @Test func sameDaysAsTheGregorianCalendar() {
        var mismatches: [String] = []
        for year in [1999, 2101] + Array(2000...2100) {
            for month in 0...13 {
                for day in 0...32 {
                    var expected: Date?
                    if (2000...2100).contains(year), (1...12).contains(month), (1...31).contains(day),
                       let date = DateFinder.calendar.date(from: DateComponents(year: year, month: month, day: day)),
                       DateFinder.calendar.component(.day, from: date) == day {
                        expected = date
                    }
                    if DateFinder.day(year, month, day) != expected { mismatches.append("\(year)-\(month)-\(day)") }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    /// HTTP dates read by hand are the date formatter's, for every weekday, month and time of the generated ones.
    @Test func httpDatesSameAsTheFormatter() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        var generator = ExpressionEvaluator.SeededGenerator(seed: 7231)
        var mismatches: [String] = []
        for _ in 0..<2_000 {
            let seconds = Double(generator.next() % 4_000_000_000) + 946_684_800
            let text = formatter.string(from: Date(timeIntervalSince1970: seconds))
            if DateFinder.httpDate(text) != formatter.date(from: text) { mismatches.append(text) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        for text in ["Sun, 06 Nov 1994 08:49:37 GMT", "Mon, 31 Feb 2025 10:00:00 GMT", "Tue, 01 Dec 2026 10:00:00 +0600"] {
            #expect(DateFinder.httpDate(text) == formatter.date(from: text), "\(text)")
        }
    }
}
