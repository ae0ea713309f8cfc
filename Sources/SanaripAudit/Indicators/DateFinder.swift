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

    /// Midnight UTC of a valid day in 2000–2100, counted without the calendar (many dates per page).
    static func day(_ year: Int, _ month: Int, _ day: Int) -> Date? {
        guard (2000...2100).contains(year), (1...12).contains(month), day >= 1 else { return nil }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard day <= lengths[month - 1] else { return nil }
        // Days since 1970-01-01 in the proleptic Gregorian calendar, years starting in March (H. Hinnant's days_from_civil).
        let shifted = month <= 2 ? year - 1 : year
        let era = shifted / 400
        let yearOfEra = shifted - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return Date(timeIntervalSince1970: Double(era * 146_097 + dayOfEra - 719_468) * 86_400)
    }

    /// An HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`), read by hand when it is in GMT as servers send it (and in
    /// 2000–2100), by a date formatter otherwise.
    static func httpDate(_ text: String) -> Date? {
        let parts = text.split(separator: " ")
        if parts.count == 6, parts[5] == "GMT", let dayNumber = Int(parts[1]),
           let month = httpMonths.firstIndex(of: String(parts[2])), let year = Int(parts[3]), parts[1].count == 2,
           case let time = parts[4].split(separator: ":", omittingEmptySubsequences: false).map({ Int($0) }), time.count == 3,
           let hours = time[0], let minutes = time[1], let seconds = time[2], parts[4].count == 8,
           (0...23).contains(hours), (0...59).contains(minutes), (0...59).contains(seconds),
           let midnight = day(year, month + 1, dayNumber) {
            return midnight.addingTimeInterval(Double(hours * 3600 + minutes * 60 + seconds))
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }

    static let httpMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// An ISO date or date-time at the start of `text`.
    static func isoDate(_ text: String) -> Date? {
        let parts = text.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return day(parts[0], parts[1], parts[2])
    }

    func dates(crawl: SiteCrawl, pages: [SiteCrawl.Page], texts: [PageText]) -> [Found] {
        let latest = roundDate.addingTimeInterval(86_400)
        var found: [Found] = []
        func add(_ date: Date?, _ url: String, _ source: String) {
            guard let date, date <= latest else { return }
            found.append(Found(date: date, url: url, source: source))
        }
        for (page, text) in zip(pages, texts) {
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
            for written in Self.datesInText(text) { add(written.date, url, written.source) }
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

    /// Dates written in the text (numbers day first or ISO, or a Russian month name), with the text that gave each.
    static func datesInText(_ text: PageText) -> [(date: Date?, source: String)] {
        var found: [(date: Date?, source: String)] = []
        func int(_ range: Range<Int>) -> Int? { Int(text.string(range)) }
        for match in Patterns.numericDate.matches(in: text.scalars) {
            let date = match.alternative == 0
                ? int(match.span(5, 6)).flatMap { year in day(year, int(match.span(3, 3)) ?? 0, int(match.span(1, 1)) ?? 0) }
                : int(match.span(1, 2)).flatMap { year in day(year, int(match.span(4, 4)) ?? 0, int(match.span(6, 6)) ?? 0) }
            found.append((date, "in the text: \(text.string(match.range))"))
        }
        for match in Patterns.writtenDate.matches(in: text.scalars) {
            let monthText = text.string(match.span(3, 3)).lowercased()
            guard let month = months.firstIndex(where: { monthText.hasPrefix($0) }),
                  let dayNumber = int(match.span(1, 1)), let year = int(match.span(6, 7)) else { continue }
            found.append((day(year, month + 1, dayNumber), "in the text: \(text.string(match.range))"))
        }
        return found
    }

}
