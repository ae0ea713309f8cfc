/// What a cell's number format makes of its number: a plain number, or a date, a time of day, both,
/// or an elapsed duration (`[h]:mm:ss`).
enum NumberFormat: Hashable, Sendable {
    case number
    case date
    case time
    case dateTime
    case duration

    /// The kind of a built-in format id: 14–17 dates, 18–21 and 45, 47 times, 22 date and time,
    /// 46 elapsed hours; every other built-in id is a number.
    static func builtIn(_ id: Int) -> NumberFormat {
        switch id {
        case 14...17: .date
        case 18...21, 45, 47: .time
        case 22: .dateTime
        case 46: .duration
        default: .number
        }
    }

    /// Classifies a format code by the date and time letters in its first section, ignoring quoted text,
    /// escaped characters, colours and locale tags in brackets; `m` counts as minutes next to `h` or `s`
    /// and as months otherwise.
    static func classify(_ code: String) -> NumberFormat {
        var hasDay = false, hasMonthOrMinute = false, hasHour = false, hasSecond = false, elapsed = false
        var iterator = code.unicodeScalars.makeIterator()
        scan: while let scalar = iterator.next() {
            switch scalar {
            case ";": break scan
            case "\"":
                while let next = iterator.next(), next != "\"" {}
            case "\\", "_", "*":
                _ = iterator.next()
            case "[":
                var token = ""
                while let next = iterator.next(), next != "]" { token.unicodeScalars.append(next) }
                let lowered = token.lowercased()
                if let first = lowered.first, "hms".contains(first), lowered.allSatisfy({ $0 == first }) {
                    elapsed = true
                    if first == "s" { hasSecond = true } else { hasHour = true }
                }
            case "d", "D", "y", "Y": hasDay = true
            case "m", "M": hasMonthOrMinute = true
            case "h", "H": hasHour = true
            case "s", "S": hasSecond = true
            default: break
            }
        }
        let hasTime = hasHour || hasSecond
        let hasDate = hasDay || (hasMonthOrMinute && !hasTime)
        switch (hasDate, hasTime) {
        case (true, true): return .dateTime
        case (true, false): return .date
        case (false, true): return elapsed ? .duration : .time
        case (false, false): return .number
        }
    }
}
