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

    /// Text for `serial` as pyxform reads it: openpyxl's `from_excel` (milliseconds rounded half to even, day 1 of
    /// the 1900 system is 1900-01-01 and day 60 is 1900-02-28) printed by Python's `str`; `nil` as ``text(serial:format:date1904:)``.
    static func pyxformText(serial: Double, format: NumberFormat, date1904: Bool) -> String? {
        guard format != .number, serial.isFinite, serial >= 0 else { return nil }
        let lastSerial: Double = date1904 ? 2_957_003 : 2_958_465
        guard serial < lastSerial + 1 else { return nil }
        if format == .duration {
            let microseconds = (serial * 86_400_000_000).rounded(.toNearestOrEven)
            var seconds = Int64(microseconds / 1_000_000)
            var fraction = Int64(microseconds) - seconds * 1_000_000
            fraction = Int64((Double(fraction) / 1_000).rounded(.toNearestOrEven)) * 1_000
            if fraction == 1_000_000 { seconds += 1; fraction = 0 }
            let days = Int(seconds / 86_400), rest = Int(seconds % 86_400)
            let clock = "\(rest / 3_600):\(pad(rest / 60 % 60, 2)):\(pad(rest % 60, 2))" + micro(Int(fraction))
            return days == 0 ? clock : "\(days) day\(days == 1 ? "" : "s"), " + clock
        }
        var day = Int(serial.rounded(.down))
        let milliseconds = Int(((serial - Double(day)) * 86_400_000).rounded(.toNearestOrEven))
        let seconds = milliseconds / 1_000
        let time = clock(hours: seconds / 3_600 % 24, minutes: seconds / 60 % 60, seconds: seconds % 60)
            + micro(milliseconds % 1_000 * 1_000)
        day += milliseconds / 86_400_000
        if serial < 1, day == 0 { return time }
        let epochOffset = date1904 ? -24_107 : (serial < 60 ? -25_568 : -25_569)
        guard let date = CivilDateTime(daysSinceEpoch: day + epochOffset)?.dateString else { return nil }
        return date + " " + time
    }

    private static func micro(_ microseconds: Int) -> String {
        microseconds == 0 ? "" : "." + pad(microseconds, 6)
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
