/// What the audit looks for in page text: contacts and dates, as scalar patterns (`ScalarPattern`). Each one finds
/// what the regular expression in its comment finds (the tests run both).
enum Patterns {
    typealias Item = ScalarPattern.Item

    static let digit = ScalarSet.digit
    static let space = ScalarSet.space
    static func digits(_ min: Int, _ max: Int) -> Item { .scalars(.digit, min: min, max: max, lazy: false) }

    /// +996 numbers (+996 312 123456, +996 (3922) 5-12-34, 996555123456) and local forms (0 3922 5-12-34, (03922) 51234, 0555 123 456):
    /// `(?:\+\s?996|\b996)[\s\-()]*\d{3,4}[\s\-()]*\d{1,3}[\s\-]?\d{2}[\s\-]?\d{2}|(?<![\d.])\(?0\s?\d{3,4}\)?[\s\-]?\d{1,3}[\s\-]?\d{2}[\s\-]?\d{2}(?!\d|\.\d)`
    static let phone: ScalarPattern = {
        let separators = space.union(ScalarSet("-()"))
        let dash = space.union(ScalarSet("-"))
        let international: [Item] = [
            .literal("996"), .any(separators), digits(3, 4), .any(separators), digits(1, 3), .optional(dash), digits(2, 2),
            .optional(dash), digits(2, 2),
        ]
        return ScalarPattern([
            [.one(ScalarSet("+")), .optional(space)] + international,
            [.wordBoundary] + international,
            [
                .notAfter(digit.union(ScalarSet("."))), .optional(ScalarSet("(")), .literal("0"), .optional(space), digits(3, 4),
                .optional(ScalarSet(")")), .optional(dash), digits(1, 3), .optional(dash), digits(2, 2), .optional(dash), digits(2, 2),
                .notBefore([digit]), .notBefore([ScalarSet("."), digit]),
            ],
        ])
    }()

    /// `[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}`
    static let email: ScalarPattern = {
        let letters = ScalarSet.ranges("A"..."Z", "a"..."z")
        let alphanumerics = letters.union(.ranges("0"..."9"))
        return ScalarPattern([[
            .some(alphanumerics.union(ScalarSet("._%+-"))), .literal("@"), .some(alphanumerics.union(ScalarSet(".-"))),
            .literal("."), .scalars(letters, min: 2, max: .max, lazy: false),
        ]])
    }()

    /// A street, avenue or "address" followed by a house number:
    /// `(?i:ул\.|улица|көч\.|көчөсү|кочосу|пр\.|проспект|адрес|дарек)\s*:?\s*[^\n]{0,50}?\d+`
    static let address = ScalarPattern([[
        words("ул.", "улица", "көч.", "көчөсү", "кочосу", "пр.", "проспект", "адрес", "дарек"), .any(space),
        .optional(ScalarSet(":")), .any(space), .scalars(ScalarSet("\n").inverted, min: 0, max: 50, lazy: true), .some(digit),
    ]])

    /// Working or reception hours, or a time range such as 8:00–17:00:
    /// `(?i:график работы|режим работы|часы приема|часы приёма|иш убактысы|иш тартиби|кабыл алуу убактысы|opening hours)|\b\d{1,2}[:.]\d{2}\s*[-–—]\s*\d{1,2}[:.]\d{2}\b`
    static let hours: ScalarPattern = {
        let colon = ScalarSet(":.")
        return ScalarPattern([
            [words("график работы", "режим работы", "часы приема", "часы приёма", "иш убактысы", "иш тартиби", "кабыл алуу убактысы", "opening hours")],
            [
                .wordBoundary, digits(1, 2), .one(colon), digits(2, 2), .any(space), .one(ScalarSet("-–—")), .any(space), digits(1, 2),
                .one(colon), digits(2, 2), .wordBoundary,
            ],
        ])
    }()

    /// The head of the municipality (глава, аким, мэр, башчысы, төрага) followed by a capitalised name:
    /// `(?i:глава|башчысы|аким|мэр|head of)[^.\n]{0,60}?\b[А-ЯЁӨҮҢA-Z][а-яёөүңa-z]+\s+[А-ЯЁӨҮҢA-Z][а-яёөүңa-z]+`
    static let head: ScalarPattern = {
        let capital = ScalarSet.ranges("А"..."Я", "A"..."Z").union(ScalarSet("ЁӨҮҢ"))
        let small = ScalarSet.ranges("а"..."я", "a"..."z").union(ScalarSet("ёөүң"))
        return ScalarPattern([[
            words("глава", "башчысы", "аким", "мэр", "head of"), .scalars(ScalarSet(".\n").inverted, min: 0, max: 60, lazy: true),
            .wordBoundary, .one(capital), .some(small), .some(space), .one(capital), .some(small),
        ]])
    }()

    /// Dates written with numbers, day first or ISO; items 1, 3 and 5–6 (day, month, year) or 1–2, 4 and 6 (year,
    /// month, day): `(?<!\d)(\d{1,2})[./](\d{1,2})[./](20\d{2})(?!\d)|(?<!\d)(20\d{2})-(\d{2})-(\d{2})(?!\d)`
    static let numericDate: ScalarPattern = {
        let separator = ScalarSet("./")
        let dash = ScalarSet("-")
        return ScalarPattern([
            [.notAfter(digit), digits(1, 2), .one(separator), digits(1, 2), .one(separator), .literal("20"), digits(2, 2), .notBefore([digit])],
            [.notAfter(digit), .literal("20"), digits(2, 2), .one(dash), digits(2, 2), .one(dash), digits(2, 2), .notBefore([digit])],
        ])
    }()

    /// Dates with the Russian month name; items 1 (day), 3 (month) and 6–7 (year):
    /// `(?<!\d)(\d{1,2})\s+(январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-яё]*\s+(20\d{2})`, case-insensitive.
    static let writtenDate = ScalarPattern([[
        .notAfter(digit), digits(1, 2), .some(space),
        words("январ", "феврал", "март", "апрел", "май", "мая", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"),
        .any(ScalarSet.ranges("а"..."я").union(ScalarSet("ё")).ignoringCase), .some(space), .literal("20"), digits(2, 2),
    ]])

    /// Case-insensitive alternatives, tried in order.
    static func words(_ words: String...) -> Item {
        .words(words.map { Array($0.unicodeScalars) }, ignoringCase: true)
    }
}
