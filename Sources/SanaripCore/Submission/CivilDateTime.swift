/// A calendar date and wall-clock time, with the UTC offset when one was given, in the
/// proleptic Gregorian calendar. It reads and writes the ISO 8601 forms XForms use and does the
/// day arithmetic XPath date functions need, without Foundation.
public struct CivilDateTime: Sendable, Hashable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    public var millisecond: Int
    /// Minutes east of UTC; nil when the text named no zone.
    public var utcOffsetMinutes: Int?

    /// Creates a value from fields that must already be valid.
    public init(
        year: Int, month: Int, day: Int,
        hour: Int = 0, minute: Int = 0, second: Int = 0, millisecond: Int = 0,
        utcOffsetMinutes: Int? = nil
    ) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.millisecond = millisecond
        self.utcOffsetMinutes = utcOffsetMinutes
    }

    /// Largest span of days from 1970 accepted, about ±270,000 years.
    static let dayLimit = 100_000_000

    /// Midnight of the day `days` after 1970-01-01; nil beyond ±100,000,000 days.
    public init?(daysSinceEpoch days: Int) {
        guard abs(days) <= Self.dayLimit else { return nil }
        let (y, m, d) = Self.civil(fromDays: days)
        self.init(year: y, month: m, day: d)
    }

    /// The wall-clock time at `utcOffsetSeconds` east of UTC of an instant; nil if out of range.
    public init?(secondsSinceEpoch seconds: Double, utcOffsetSeconds: Int) {
        let wall = seconds + Double(utcOffsetSeconds)
        guard wall.isFinite, abs(wall) < Double(Self.dayLimit) * 86_400 else { return nil }
        let totalMilliseconds = Int((wall * 1000).rounded(.down))
        let (days, rest) = Self.floorDivide(totalMilliseconds, 86_400_000)
        guard let date = CivilDateTime(daysSinceEpoch: days) else { return nil }
        self = date
        hour = rest / 3_600_000
        minute = rest / 60_000 % 60
        second = rest / 1000 % 60
        millisecond = rest % 1000
        utcOffsetMinutes = utcOffsetSeconds / 60
    }

    /// Parses `2024-01-31`, `2024-01-31T10:20`, `2024-01-31T10:20:30.5+06:00`, `…Z`, `…+0600`;
    /// a space may stand for `T`. Nil for anything else or an impossible date.
    public init?(iso text: String) {
        var trimmed = String(text.trimmingSpaces)
        guard let value = trimmed.withUTF8({ Self(trimmedISO: $0) }) else { return nil }
        self = value
    }

    /// ``init(iso:)`` from UTF-8 bytes, without a `String` when they start with a digit and end with a digit
    /// or `Z` (nothing to trim), as stored answers do.
    public init?(isoUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        guard let first = bytes.first, let last = bytes.last, Self.isDigit(first), Self.isDigit(last) || last == UInt8(ascii: "Z") else {
            self.init(iso: String(decoding: bytes, as: UTF8.self))
            return
        }
        guard let value = Self(trimmedISO: bytes) else { return nil }
        self = value
    }

    private init?(trimmedISO characters: UnsafeBufferPointer<UInt8>) {
        var index = 0
        guard let date = Self.parseDate(characters, &index) else { return nil }
        self.init(year: date.year, month: date.month, day: date.day)
        if index == characters.count { return }
        guard characters[index] == UInt8(ascii: "T") || characters[index] == UInt8(ascii: " ") else { return nil }
        index += 1
        guard let time = Self.parseTime(characters, &index), index == characters.count else { return nil }
        hour = time.hour
        minute = time.minute
        second = time.second
        millisecond = time.millisecond
        utcOffsetMinutes = time.offset
    }

    /// Parses a time of day such as `10:20`, `10:20:30.000+06:00` or `10:20:30Z`:
    /// seconds since midnight and the offset if given.
    public static func parseTimeOfDay(_ text: String) -> (seconds: Double, utcOffsetMinutes: Int?)? {
        var trimmed = String(text.trimmingSpaces)
        return trimmed.withUTF8 { characters in
            var index = 0
            guard let time = parseTime(characters, &index), index == characters.count else { return nil }
            let seconds = Double(time.hour * 3600 + time.minute * 60 + time.second) + Double(time.millisecond) / 1000
            return (seconds, time.offset)
        }
    }

    /// Whole days from 1970-01-01 to this date, by the calendar date as written.
    public var daysSinceEpoch: Int {
        Self.days(fromCivil: year, month, day)
    }

    /// Seconds since midnight, by the wall clock.
    public var secondsIntoDay: Double {
        Double(hour * 3600 + minute * 60 + second) + Double(millisecond) / 1000
    }

    /// Seconds since 1970-01-01T00:00 by the wall clock, ignoring the offset.
    public var wallSecondsSinceEpoch: Double {
        Double(daysSinceEpoch) * 86_400 + secondsIntoDay
    }

    /// Seconds since the Unix epoch of this instant; nil when the offset is unknown.
    public var secondsSinceEpoch: Double? {
        utcOffsetMinutes.map { wallSecondsSinceEpoch - Double($0 * 60) }
    }

    /// 0 for Sunday through 6 for Saturday.
    public var weekday: Int {
        Self.floorDivide(daysSinceEpoch + 4, 7).remainder
    }

    /// `yyyy-MM-dd`
    public var dateString: String {
        "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))"
    }

    /// `yyyy-MM-ddTHH:mm:ss.SSS` followed by `±hh:mm` when the offset is known, as XForms write it.
    public var dateTimeString: String {
        var text = "\(dateString)T\(Self.pad(hour, 2)):\(Self.pad(minute, 2)):\(Self.pad(second, 2)).\(Self.pad(millisecond, 3))"
        if let offset = utcOffsetMinutes {
            text += (offset < 0 ? "-" : "+") + Self.pad(abs(offset) / 60, 2) + ":" + Self.pad(abs(offset) % 60, 2)
        }
        return text
    }
}

extension CivilDateTime {
    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(abs(value))
        let padded = String(repeating: "0", count: max(0, width - digits.count)) + digits
        return value < 0 ? "-" + padded : padded
    }

    static func floorDivide(_ value: Int, _ divisor: Int) -> (quotient: Int, remainder: Int) {
        var quotient = value / divisor
        var remainder = value % divisor
        if remainder < 0 {
            quotient -= 1
            remainder += divisor
        }
        return (quotient, remainder)
    }

    static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Howard Hinnant's days-from-civil.
    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = (month + 9) % 12
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Howard Hinnant's civil-from-days.
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func digits(_ characters: UnsafeBufferPointer<UInt8>, _ index: inout Int, min: Int, max: Int) -> Int? {
        var value = 0
        var count = 0
        while index < characters.count, count < max, characters[index] >= UInt8(ascii: "0"), characters[index] <= UInt8(ascii: "9") {
            value = value * 10 + Int(characters[index] - UInt8(ascii: "0"))
            count += 1
            index += 1
        }
        return count >= min ? value : nil
    }

    static func parseDate(_ characters: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> (year: Int, month: Int, day: Int)? {
        guard let year = digits(characters, &index, min: 1, max: 4),
            index < characters.count, characters[index] == UInt8(ascii: "-")
        else { return nil }
        index += 1
        guard let month = digits(characters, &index, min: 1, max: 2),
            index < characters.count, characters[index] == UInt8(ascii: "-")
        else { return nil }
        index += 1
        guard let day = digits(characters, &index, min: 1, max: 2),
            (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        return (year, month, day)
    }

    static func parseTime(
        _ characters: UnsafeBufferPointer<UInt8>, _ index: inout Int
    ) -> (hour: Int, minute: Int, second: Int, millisecond: Int, offset: Int?)? {
        guard let hour = digits(characters, &index, min: 1, max: 2),
            index < characters.count, characters[index] == UInt8(ascii: ":")
        else { return nil }
        index += 1
        guard let minute = digits(characters, &index, min: 2, max: 2) else { return nil }
        var second = 0
        var millisecond = 0
        if index < characters.count, characters[index] == UInt8(ascii: ":") {
            index += 1
            guard let whole = digits(characters, &index, min: 2, max: 2) else { return nil }
            second = whole
            if index < characters.count, characters[index] == UInt8(ascii: ".") {
                index += 1
                let start = index
                guard let fraction = digits(characters, &index, min: 1, max: 9) else { return nil }
                let count = index - start
                millisecond = count >= 3 ? fraction / Int(pow10(count - 3)) : fraction * Int(pow10(3 - count))
            }
        }
        guard hour < 24 || (hour == 24 && minute == 0 && second == 0 && millisecond == 0),
            minute < 60, second < 60
        else { return nil }
        var offset: Int?
        if index < characters.count {
            switch characters[index] {
            case UInt8(ascii: "Z"):
                index += 1
                offset = 0
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                let sign = characters[index] == UInt8(ascii: "-") ? -1 : 1
                index += 1
                guard let hours = digits(characters, &index, min: 2, max: 2) else { return nil }
                var minutes = 0
                if index < characters.count, characters[index] == UInt8(ascii: ":") { index += 1 }
                if index < characters.count, characters[index] >= UInt8(ascii: "0"), characters[index] <= UInt8(ascii: "9") {
                    guard let value = digits(characters, &index, min: 2, max: 2) else { return nil }
                    minutes = value
                }
                guard hours <= 14, minutes < 60 else { return nil }
                offset = sign * (hours * 60 + minutes)
            default:
                return nil
            }
        }
        return (hour, minute, second, millisecond, offset)
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    static func pow10(_ exponent: Int) -> Int {
        var value = 1
        for _ in 0..<exponent { value *= 10 }
        return value
    }
}

extension String {
    fileprivate var trimmingSpaces: Substring {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return slice
    }
}
