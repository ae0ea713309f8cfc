import Foundation

/// Dates that tell when a site was last updated: `Last-Modified` (unless it is the moment of the request, as
/// dynamic sites send), `<meta>` modified/published times, JSON-LD `dateModified`/`datePublished`, sitemap
/// `<lastmod>`, and dates written in the pages (31.12.2025, 2025-12-31, 31 декабря 2025). Dates after the round
/// day are ignored.
struct DateFinder {
    struct Found {
        var date: Date
        var url: String
        var source: String
    }

    var roundDate: Date

    static let numeric = try! NSRegularExpression(pattern: #"(?<!\d)(\d{1,2})[./](\d{1,2})[./](20\d{2})(?!\d)|(?<!\d)(20\d{2})-(\d{2})-(\d{2})(?!\d)"#)
    static let written = try! NSRegularExpression(pattern:
        #"(?<!\d)(\d{1,2})\s+(январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-яё]*\s+(20\d{2})"#, options: [.caseInsensitive])
    static let months = ["январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"]

    static func iso(_ date: Date) -> String {
        let components = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", components.year!, components.month!, components.day!)
    }

    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    static func day(_ year: Int, _ month: Int, _ day: Int) -> Date? {
        guard (2000...2100).contains(year), (1...12).contains(month), (1...31).contains(day) else { return nil }
        let components = DateComponents(year: year, month: month, day: day)
        guard let date = calendar.date(from: components), calendar.component(.day, from: date) == day else { return nil }
        return date
    }

    static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }

    /// An ISO date or date-time at the start of `text`.
    static func isoDate(_ text: String) -> Date? {
        let parts = text.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return day(parts[0], parts[1], parts[2])
    }

    func dates(crawl: SiteCrawl, pages: [SiteCrawl.Page]) -> [Found] {
        let latest = roundDate.addingTimeInterval(86_400)
        var found: [Found] = []
        func add(_ date: Date?, _ url: String, _ source: String) {
            guard let date, date <= latest else { return }
            found.append(Found(date: date, url: url, source: source))
        }
        for page in pages {
            let url = page.fetched.finalURL
            if let header = page.fetched.header("last-modified"), let date = Self.httpDate(header),
               abs(date.timeIntervalSince(page.fetched.fetchedAt)) > 120 {
                add(date, url, "Last-Modified: \(header)")
            }
            guard let html = page.html else { continue }
            for key in ["article:modified_time", "article:published_time", "last-modified", "date", "dc.date", "datemodified"] {
                if let value = html.meta(key) { add(Self.isoDate(value), url, "<meta \(key)=\"\(value)\">") }
            }
            for block in html.jsonLD {
                for key in ["dateModified", "datePublished"] {
                    var search = block.startIndex..<block.endIndex
                    while let range = block.range(of: "\"\(key)\"", range: search) {
                        let rest = block[range.upperBound...].drop { $0 == " " || $0 == ":" || $0 == "\"" }
                        add(Self.isoDate(String(rest.prefix(10))), url, "JSON-LD \(key): \(rest.prefix(10))")
                        search = range.upperBound..<block.endIndex
                    }
                }
            }
            let text = html.text as NSString
            Self.numeric.enumerateMatches(in: html.text, range: NSRange(location: 0, length: text.length)) { match, _, _ in
                guard let match else { return }
                func int(_ group: Int) -> Int? {
                    let range = match.range(at: group)
                    return range.location == NSNotFound ? nil : Int(text.substring(with: range))
                }
                let date = int(3).flatMap { year in Self.day(year, int(2) ?? 0, int(1) ?? 0) }
                    ?? int(4).flatMap { year in Self.day(year, int(5) ?? 0, int(6) ?? 0) }
                add(date, url, "in the text: \(text.substring(with: match.range))")
            }
            Self.written.enumerateMatches(in: html.text, range: NSRange(location: 0, length: text.length)) { match, _, _ in
                guard let match else { return }
                let monthText = text.substring(with: match.range(at: 2)).lowercased()
                guard let month = Self.months.firstIndex(where: { monthText.hasPrefix($0) }),
                      let dayNumber = Int(text.substring(with: match.range(at: 1))),
                      let year = Int(text.substring(with: match.range(at: 3))) else { return }
                add(Self.day(year, month + 1, dayNumber), url, "in the text: \(text.substring(with: match.range))")
            }
        }
        if let sitemap = crawl.sitemap, sitemap.succeeded {
            let text = String(decoding: sitemap.body, as: UTF8.self)
            var search = text.startIndex..<text.endIndex
            while let range = text.range(of: "<lastmod>", range: search) {
                let value = String(text[range.upperBound...].prefix(10))
                add(Self.isoDate(value), sitemap.finalURL, "sitemap <lastmod>\(value)")
                search = range.upperBound..<text.endIndex
            }
        }
        return found
    }
}
