import SanaripCore
/// Turns Excel serial day numbers into ISO 8601 text.
///
/// In the 1900 date system day 1 is 1900-01-01 and, as in Lotus 1-2-3, day 60 is the non-existent
/// 1900-02-29 (rendered as Excel shows it); in the 1904 system (`date1904` workbooks) day 0 is 1904-01-01.
enum ExcelDate {
    /// Text for `serial` as `YYYY-MM-DD`, `HH:MM:SS`, `YYYY-MM-DDTHH:MM:SS`, or hours for a duration,
    /// rounded to the second; `nil` when the number is no date Excel can show (negative or past 9999).
    static func text(serial: Double, format: NumberFormat, date1904: Bool) -> String? {
        guard serial.isFinite, serial >= 0 else { return nil }
        let lastSerial: Double = date1904 ? 2_957_003 : 2_958_465
        guard serial < lastSerial + 1 else { return nil }
        let totalSeconds = Int64((serial * 86_400).rounded())
        let days = Int(totalSeconds / 86_400)
        let seconds = Int(totalSeconds % 86_400)
        let time = clock(hours: seconds / 3_600, minutes: seconds / 60 % 60, seconds: seconds % 60)
        switch format {
        case .number: return nil
        case .time: return time
        case .duration:
            let total = Int(totalSeconds)
            return clock(hours: total / 3_600, minutes: total / 60 % 60, seconds: total % 60)
        case .date: return date(days: days, date1904: date1904)
        case .dateTime: return "\(date(days: days, date1904: date1904))T\(time)"
        }
    }

    private static func date(days: Int, date1904: Bool) -> String {
        if date1904 { return civil(daysSince1970: days - 24_107) }
        if days == 60 { return "1900-02-29" }
        return civil(daysSince1970: days < 60 ? days - 25_568 : days - 25_569)
    }

    /// The proleptic Gregorian date for a day count from 1970-01-01.
    private static func civil(daysSince1970: Int) -> String {
        CivilDateTime(daysSinceEpoch: daysSince1970)?.dateString ?? String(daysSince1970)
    }

    private static func clock(hours: Int, minutes: Int, seconds: Int) -> String {
        "\(pad(hours, 2)):\(pad(minutes, 2)):\(pad(seconds, 2))"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
