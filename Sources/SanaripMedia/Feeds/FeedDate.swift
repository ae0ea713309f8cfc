import Foundation
import SanaripCore

/// Dates as feeds and archives write them: RFC 822 (`Wed, 02 Oct 2026 13:00:00 +0600`, RSS `pubDate`) and ISO 8601
/// / RFC 3339 (`2026-10-02T13:00:00+06:00`, Atom, `dc:date`, CSV exports; a space may stand for the `T`, the zone
/// may be missing — then UTC — and a date alone is midnight UTC).
public enum FeedDate {
    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    static let zones: [String: Int] = ["gmt": 0, "ut": 0, "utc": 0, "z": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6,
                                       "pst": -8, "pdt": -7]

    /// The date in `text`, or nil when it is in neither form.
    public static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let first = trimmed.first else { return nil }
        return first.isNumber && trimmed.count >= 10 && trimmed.dropFirst(4).first == "-" ? iso(trimmed) : rfc822(trimmed)
    }

    static func date(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int, offsetMinutes: Int) -> Date? {
        guard (1...12).contains(month), (1...31).contains(day), (0...24).contains(hour), (0...59).contains(minute), (0...60).contains(second) else { return nil }
        let civil = CivilDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second, utcOffsetMinutes: offsetMinutes)
        return civil.secondsSinceEpoch.map { Date(timeIntervalSince1970: $0) }
    }

    /// ISO 8601 through ``CivilDateTime`` (the instrument engine's reader); without a zone, UTC.
    static func iso(_ text: String) -> Date? {
        guard let civil = CivilDateTime(iso: text) else { return nil }
        return Date(timeIntervalSince1970: civil.secondsSinceEpoch ?? civil.wallSecondsSinceEpoch)
    }

    static func rfc822(_ text: String) -> Date? {
        var parts = text.replacingOccurrences(of: ",", with: " ").split(separator: " ").map { $0.lowercased() }
        if let first = parts.first, first.first?.isLetter == true { parts.removeFirst() } // the weekday
        guard parts.count >= 4, let day = Int(parts[0]), let month = months.firstIndex(of: String(parts[1].prefix(3))),
              var year = Int(parts[2]) else { return nil }
        if year < 100 { year += year < 50 ? 2000 : 1900 }
        let time = parts[3].split(separator: ":").map { Int($0) }
        guard time.count >= 2, time.allSatisfy({ $0 != nil }) else { return nil }
        var offset = 0
        if parts.count >= 5 {
            let zone = parts[4]
            if let hours = zones[zone] {
                offset = hours * 60
            } else if zone.count == 5, let sign = zone.first, sign == "+" || sign == "-", let value = Int(zone.dropFirst()) {
                offset = (value / 100 * 60 + value % 100) * (sign == "-" ? -1 : 1)
            } else {
                return nil
            }
        }
        return date(year, month + 1, day, time[0]!, time[1]!, time.count > 2 ? time[2]! : 0, offsetMinutes: offset)
    }
}
