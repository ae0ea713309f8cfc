import Foundation
import SanaripCore

extension ExpressionEvaluator {
    func dateFunction(_ name: String, _ args: Arguments) throws(EvaluationError) -> ExpressionValue? {
        switch name {
        case "today":
            return .date(dateOnly(localNow))
        case "now":
            return .dateTime(localNow)
        case "date", "date-time":
            let input = try args.scalar(0)
            guard let date = try toDate(input, keepTime: name == "date-time") else { return input }
            return name == "date" ? .date(date) : .dateTime(date)
        case "format-date", "format-date-time":
            let format = try args.string(1)
            guard let date = try toDate(try args.scalar(0), keepTime: true) else { return .string("") }
            return .string(try Self.format(date, format))
        case "decimal-date-time":
            let input = try args.scalar(0)
            if case .number(let days) = input {
                try Self.checkRange(days)
                return input
            }
            guard let date = try toDate(input, keepTime: true) else { return input }
            return .number((date.secondsSinceEpoch ?? date.wallSecondsSinceEpoch) / 86_400)
        case "decimal-time":
            let input = try args.scalar(0)
            switch input {
            case .number(let days):
                try Self.checkRange(days)
                return .number(days - Foundation.floor(days))
            case .string(let text) where CivilDateTime.parseTimeOfDay(text) != nil:
                guard let time = CivilDateTime.parseTimeOfDay(text) else { return input }
                var seconds = time.seconds
                if let offset = time.utcOffsetMinutes {
                    seconds += Double(localOffset(atWall: localNow.wallSecondsSinceEpoch) - offset * 60)
                }
                seconds = seconds.truncatingRemainder(dividingBy: 86_400)
                return .number((seconds < 0 ? seconds + 86_400 : seconds) / 86_400)
            default:
                guard let date = try toDate(input, keepTime: true) else { return input }
                return .number(date.secondsIntoDay / 86_400)
            }
        default:
            return nil
        }
    }

    // MARK: Local time

    var localNow: CivilDateTime {
        localDateTime(atInstant: context.now.timeIntervalSince1970)
            ?? CivilDateTime(year: 1970, month: 1, day: 1, utcOffsetMinutes: 0)
    }

    func localDateTime(atInstant seconds: Double) -> CivilDateTime? {
        guard seconds.isFinite, abs(seconds) < 1e13 else { return nil }
        let offset = context.timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: seconds))
        return CivilDateTime(secondsSinceEpoch: seconds, utcOffsetSeconds: offset)
    }

    /// The context zone's offset in seconds at a local wall-clock time.
    func localOffset(atWall seconds: Double) -> Int {
        guard seconds.isFinite, abs(seconds) < 1e13 else { return 0 }
        let guess = context.timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: seconds))
        return context.timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: seconds - Double(guess)))
    }

    /// A date-time in the context's zone: converted when its offset is known, else given the local one.
    func local(_ date: CivilDateTime) -> CivilDateTime {
        if let instant = date.secondsSinceEpoch {
            return localDateTime(atInstant: instant) ?? date
        }
        var local = date
        local.utcOffsetMinutes = localOffset(atWall: date.wallSecondsSinceEpoch) / 60
        return local
    }

    func dateOnly(_ date: CivilDateTime) -> CivilDateTime {
        CivilDateTime(year: date.year, month: date.month, day: date.day)
    }

    func localized(_ value: ExpressionValue) -> ExpressionValue {
        if case .dateTime(let date) = value { return .dateTime(local(date)) }
        return value
    }

    static func checkRange(_ days: Double) throws(EvaluationError) {
        if days.isInfinite || days > Double(Int32.max) || days < Double(Int32.min) {
            throw EvaluationError("the value \(ExpressionValue.number(days).stringValue) is out of range for a date")
        }
    }

    /// JavaRosa's `toDate`: ISO text, days since 1970 or a date; nil for `''` and NaN, which
    /// date functions pass through. Without `keepTime` the result is a local date.
    func toDate(_ input: ExpressionValue, keepTime: Bool) throws(EvaluationError) -> CivilDateTime? {
        switch input {
        case .number(let days):
            if days.isNaN { return nil }
            try Self.checkRange(days)
            if keepTime {
                guard let date = localDateTime(atInstant: days * 86_400) else { break }
                return date
            }
            guard let date = CivilDateTime(daysSinceEpoch: Int(days.rounded(.towardZero))) else { break }
            return date
        case .string(let text):
            if text.isEmpty { return nil }
            guard let parsed = CivilDateTime(iso: text) else {
                throw EvaluationError("'\(text)' can't be converted to a date")
            }
            if text.contains(":") {
                return keepTime ? local(parsed) : dateOnly(local(parsed))
            }
            return keepTime ? local(parsed) : parsed
        case .date(let date):
            return keepTime ? local(date) : date
        case .dateTime(let date):
            return keepTime ? local(date) : dateOnly(local(date))
        case .boolean:
            break
        case .nodeSet:
            return try toDate(input.scalar, keepTime: keepTime)
        }
        throw EvaluationError("'\(input.stringValue)' can't be converted to a date")
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let dayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

    /// `format-date` codes: %Y %y %m %n %b %d %e %H %h %M %S %3 %a and %%.
    static func format(_ date: CivilDateTime, _ format: String) throws(EvaluationError) -> String {
        var result = ""
        var characters = format.makeIterator()
        while let character = characters.next() {
            guard character == "%" else {
                result.append(character)
                continue
            }
            guard let code = characters.next() else {
                throw EvaluationError("the date format '\(format)' ends with '%'")
            }
            switch code {
            case "%": result += "%"
            case "Y": result += pad(date.year, 4)
            case "y": result += String(pad(date.year, 4).suffix(2))
            case "m": result += pad(date.month, 2)
            case "n": result += String(date.month)
            case "b": result += monthNames.indices.contains(date.month - 1) ? monthNames[date.month - 1] : ""
            case "d": result += pad(date.day, 2)
            case "e": result += String(date.day)
            case "H": result += pad(date.hour, 2)
            case "h": result += String(date.hour)
            case "M": result += pad(date.minute, 2)
            case "S": result += pad(date.second, 2)
            case "3": result += pad(date.millisecond, 3)
            case "a": result += dayNames[date.weekday]
            default: throw EvaluationError("unknown date format code '%\(code)' in '\(format)'")
            }
        }
        return result
    }
}

private func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(abs(value))
    return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
}
