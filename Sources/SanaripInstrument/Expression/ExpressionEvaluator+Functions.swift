import Foundation
import SanaripCore

extension ExpressionEvaluator {
    /// Functions ODK Collect computes from device data or files this evaluator does not have.
    static let deviceFunctions: Set<String> = ["distance", "area", "digest", "jr:itext", "pulldata", "property"]

    func call(_ name: String, _ arguments: [Expression], in focus: Focus) throws(EvaluationError) -> Value {
        guard let function = ExpressionFunction.named(name) else {
            throw EvaluationError("unknown function '\(name)'")
        }
        guard function.arity.accepts(arguments.count) else {
            throw EvaluationError("'\(name)' takes \(function.arity), got \(arguments.count)")
        }
        let args = Arguments(evaluator: self, expressions: arguments, focus: focus)
        switch name {
        case "true": return .scalar(.boolean(true))
        case "false": return .scalar(.boolean(false))
        case "not": return .scalar(.boolean(!(try args.boolean(0))))
        case "boolean": return .scalar(.boolean(try args.boolean(0)))
        case "number": return .scalar(.number(try args.number(0)))
        case "string": return .scalar(.string(try args.string(0)))
        case "boolean-from-string":
            let text = try args.string(0)
            return .scalar(.boolean(text.lowercased() == "true" || text == "1"))
        case "if":
            return try args.boolean(0) ? args.value(1) : args.value(2)
        case "coalesce":
            let first = try args.value(0)
            if !exported(first).isEmptyValue { return first }
            return try args.value(1)
        case "once":
            if let current = context.currentValue, !current.isEmpty { return .nodes([.current]) }
            return try args.value(0)
        case "current":
            return .nodes([.current])
        case "position":
            if arguments.isEmpty { return .scalar(.number(Double(focus.position))) }
            _ = try args.nodes(0, for: "position()")
            return .scalar(.number(Double(context.position ?? 1)))
        case "instance":
            let id = try args.string(0)
            guard context.instanceItems(id) != nil else { throw EvaluationError("no data for instance('\(id)')") }
            return .nodes([.instance(id)])
        case "version":
            return .scalar(.string(context.formVersion))
        case let name where Self.deviceFunctions.contains(name):
            throw EvaluationError("'\(name)' can't be evaluated here; only ODK Collect can compute it")
        default:
            break
        }
        if let value = try stringFunction(name, args) { return .scalar(value) }
        if let value = try numberFunction(name, args) { return .scalar(value) }
        if let value = try dateFunction(name, args) { return .scalar(value) }
        return try nodeSetFunction(name, args)
    }

    /// Lazily evaluated arguments of one call, converted as the function needs them.
    struct Arguments {
        let evaluator: ExpressionEvaluator
        let expressions: [Expression]
        let focus: Focus

        var count: Int { expressions.count }

        func value(_ index: Int) throws(EvaluationError) -> Value {
            try evaluator.evaluate(expressions[index], in: focus)
        }

        func scalar(_ index: Int) throws(EvaluationError) -> ExpressionValue {
            try evaluator.scalar(expressions[index], in: focus)
        }

        func string(_ index: Int) throws(EvaluationError) -> String { try scalar(index).stringValue }
        func number(_ index: Int) throws(EvaluationError) -> Double { try scalar(index).numberValue }
        func boolean(_ index: Int) throws(EvaluationError) -> Bool { try scalar(index).booleanValue }

        func nodes(_ index: Int, for use: String) throws(EvaluationError) -> [Node] {
            try evaluator.nodes(expressions[index], in: focus, for: use)
        }

        /// Each argument's values: every answer of a node-set, else the argument itself.
        func flattened(from start: Int = 0) throws(EvaluationError) -> [ExpressionValue] {
            var values: [ExpressionValue] = []
            for index in start..<count {
                switch try value(index) {
                case .scalar(let scalar): values.append(scalar)
                case .nodes(let nodes): values += nodes.map(evaluator.typed)
                }
            }
            return values
        }

        /// The expression at `index` as a question name: `${name}` or a path's last name.
        func questionName(_ index: Int, for use: String) throws(EvaluationError) -> String {
            switch expressions[index] {
            case .reference(let name):
                return name
            case .path(let path):
                if let last = path.steps.last, case .name(let name) = last.test, name != "*" { return name }
            default:
                break
            }
            throw EvaluationError("\(use) needs a question reference such as ${name} as argument \(index + 1)")
        }
    }

    // MARK: Text

    func stringFunction(_ name: String, _ args: Arguments) throws(EvaluationError) -> ExpressionValue? {
        switch name {
        case "concat":
            return .string(try args.flattened().map(\.stringValue).joined())
        case "join":
            let separator = try args.string(0)
            return .string(try args.flattened(from: 1).map(\.stringValue).joined(separator: separator))
        case "contains":
            let (text, part) = (try args.string(0), try args.string(1))
            return .boolean(part.isEmpty || text.contains(part))
        case "starts-with":
            return .boolean(try args.string(0).hasPrefix(try args.string(1)))
        case "ends-with":
            return .boolean(try args.string(0).hasSuffix(try args.string(1)))
        case "substring-before":
            let (text, part) = (try args.string(0), try args.string(1))
            if part.isEmpty { return .string("") }
            return .string(text.range(of: part).map { String(text[..<$0.lowerBound]) } ?? "")
        case "substring-after":
            let (text, part) = (try args.string(0), try args.string(1))
            if part.isEmpty { return .string(text) }
            return .string(text.range(of: part).map { String(text[$0.upperBound...]) } ?? "")
        case "substr":
            let text = Array(try args.string(0))
            let start = Self.truncatedInt(try args.number(1))
            let end = args.count == 3 ? Self.truncatedInt(try args.number(2)) : text.count
            return .string(Self.substr(text, start: start, end: end))
        case "string-length":
            let text = args.count == 0 ? (context.currentValue ?? .empty).stringValue : try args.string(0)
            return .number(Double(text.count))
        case "normalize-space":
            let text = args.count == 0 ? (context.currentValue ?? .empty).stringValue : try args.string(0)
            return .string(text.split(whereSeparator: \.isWhitespace).joined(separator: " "))
        case "translate":
            let (text, from, to) = (try args.string(0), Array(try args.string(1)), Array(try args.string(2)))
            var result = ""
            for character in text {
                guard let index = from.firstIndex(of: character) else {
                    result.append(character)
                    continue
                }
                if index < to.count { result.append(to[index]) }
            }
            return .string(result)
        case "selected":
            let list = try args.string(0)
            let choice = try args.scalar(1)
            switch choice {
            case .number, .boolean:
                throw EvaluationError("the second argument of selected() must be in quotes, like '\(choice.stringValue)'")
            default:
                let wanted = choice.stringValue.trimmingCharacters(in: .whitespacesAndNewlines)
                return .boolean((" " + list + " ").contains(" " + wanted + " "))
            }
        case "selected-at":
            let items = try args.string(0).split(separator: " ").map(String.init)
            let index = Self.truncatedInt(try args.number(1))
            return .string(index >= 0 && index < items.count ? items[index] : "")
        case "count-selected":
            return .number(Double(try args.string(0).split(separator: " ").count))
        case "jr:choice-name":
            let value = try args.string(0)
            var field = try args.string(1).trimmingCharacters(in: .whitespacesAndNewlines)
            if field.hasPrefix("${"), field.hasSuffix("}") {
                field = String(field.dropFirst(2).dropLast())
            } else if let slash = field.lastIndex(of: "/") {
                field = String(field[field.index(after: slash)...])
            }
            return .string(context.choiceLabel(field: field, value: value) ?? "")
        case "regex":
            return .boolean(try Self.fullMatch(try args.string(0), pattern: try args.string(1)))
        case "uuid":
            guard args.count == 1 else { return .string(UUID().uuidString.lowercased()) }
            let length = min(max(Self.truncatedInt(try args.number(0)), 0), 10_000)
            let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
            return .string(String((0..<length).map { _ in alphabet.randomElement() ?? "0" }))
        case "base64-decode":
            let text = try args.string(0)
            guard let data = Data(base64Encoded: text) else { return .string("") }
            return .string(String(decoding: data, as: UTF8.self))
        default:
            return nil
        }
    }

    /// ODK `substr`: 0-based `start`, exclusive `end`; negative positions count from the end.
    static func substr(_ text: [Character], start: Int, end: Int) -> String {
        let length = text.count
        var from = start < 0 ? length + start : start
        var to = end < 0 ? length + end : end
        from = min(max(0, from), length)
        to = min(max(0, to), length)
        return from <= to ? String(text[from..<to]) : ""
    }

    /// `regex()` as JavaRosa's `Pattern.matches`: the whole text must match.
    static func fullMatch(_ text: String, pattern: String) throws(EvaluationError) -> Bool {
        let expression: NSRegularExpression
        do {
            expression = try NSRegularExpression(pattern: "\\A(?:\(pattern))\\z")
        } catch {
            throw EvaluationError("'\(pattern)' is not a valid regular expression")
        }
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        return expression.firstMatch(in: text, range: range) != nil
    }

    /// Java's `(int)` of a double: truncated, NaN as 0, clamped to the Int32 range.
    static func truncatedInt(_ value: Double) -> Int {
        guard !value.isNaN else { return 0 }
        return Int(min(max(value.rounded(.towardZero), Double(Int32.min)), Double(Int32.max)))
    }

    // MARK: Numbers

    func numberFunction(_ name: String, _ args: Arguments) throws(EvaluationError) -> ExpressionValue? {
        switch name {
        case "int":
            return .number(Self.int(try args.number(0)))
        case "round":
            let places = args.count == 2 ? Self.truncatedInt(try args.number(1)) : 0
            return .number(Self.round(try args.number(0), places: places))
        case "abs": return .number(Swift.abs(try decimal(args, 0)))
        case "pow": return .number(Foundation.pow(try decimal(args, 0), try decimal(args, 1)))
        case "log": return .number(Foundation.log(try decimal(args, 0)))
        case "log10": return .number(Foundation.log10(try decimal(args, 0)))
        case "sin": return .number(Foundation.sin(try decimal(args, 0)))
        case "cos": return .number(Foundation.cos(try decimal(args, 0)))
        case "tan": return .number(Foundation.tan(try decimal(args, 0)))
        case "asin": return .number(Foundation.asin(try decimal(args, 0)))
        case "acos": return .number(Foundation.acos(try decimal(args, 0)))
        case "atan": return .number(Foundation.atan(try decimal(args, 0)))
        case "atan2": return .number(Foundation.atan2(try decimal(args, 0), try decimal(args, 1)))
        case "sqrt": return .number(Foundation.sqrt(try decimal(args, 0)))
        case "exp": return .number(Foundation.exp(try decimal(args, 0)))
        case "exp10": return .number(Foundation.pow(10, try decimal(args, 0)))
        case "pi": return .number(Double.pi)
        case "random": return .number(Double.random(in: 0..<1))
        case "sum":
            let values = try args.nodes(0, for: "sum()").map { typed($0).numberValue }
            return .number(values.filter { !$0.isNaN }.reduce(0, +))
        case "count":
            return .number(Double(try args.nodes(0, for: "count()").count))
        case "count-non-empty":
            return .number(Double(try args.nodes(0, for: "count-non-empty()").filter { !answer(of: $0).isEmpty }.count))
        case "max", "min":
            let numbers = try args.flattened().map(\.numberValue).filter { !$0.isNaN }
            guard let first = numbers.first else { return .number(.nan) }
            return .number(numbers.dropFirst().reduce(first, name == "max" ? Swift.max : Swift.min))
        case "checklist":
            let minimum = Self.truncatedInt(try args.number(0))
            let maximum = Self.truncatedInt(try args.number(1))
            let count = try args.flattened(from: 2).filter(\.booleanValue).count
            return .boolean((minimum < 0 || count >= minimum) && (maximum < 0 || count <= maximum))
        case "weighted-checklist":
            let minimum = try args.number(0)
            let maximum = try args.number(1)
            var flags: [ExpressionValue] = []
            var weights: [ExpressionValue] = []
            if args.count == 4, case .nodes(let a) = try args.value(2), case .nodes(let b) = try args.value(3) {
                guard a.count == b.count else {
                    throw EvaluationError("weighted-checklist() needs as many weights as values")
                }
                flags = a.map(typed)
                weights = b.map(typed)
            } else {
                for index in stride(from: 2, to: args.count, by: 2) {
                    flags.append(try args.scalar(index))
                    weights.append(try args.scalar(index + 1))
                }
            }
            var sum = 0.0
            for (flag, weight) in zip(flags, weights) where flag.booleanValue { sum += weight.numberValue }
            return .boolean(sum >= minimum && sum <= maximum)
        default:
            return nil
        }
    }

    /// A number for math functions: dates count as fractional days since 1970, as in JavaRosa.
    func decimal(_ args: Arguments, _ index: Int) throws(EvaluationError) -> Double {
        switch try args.scalar(index) {
        case .date(let date), .dateTime(let date): date.wallSecondsSinceEpoch / 86_400
        case let other: other.numberValue
        }
    }

    /// ODK `int()`: truncates toward zero, keeping NaN and infinities.
    static func int(_ value: Double) -> Double {
        guard value.isFinite else { return value }
        return value.rounded(.towardZero)
    }

    /// ODK `round(x[, places])`: halves go toward +∞ (2.5 → 3, -2.5 → -2) as in XPath 1.0 and
    /// JavaRosa, decided on the shortest decimal form of `x`, so `round(2.675, 2)` is 2.68.
    static func round(_ value: Double, places: Int) -> Double {
        guard value.isFinite else { return value }
        guard abs(places) <= 30 else { return .nan }
        if places < 0 {
            let scale = Foundation.pow(10, Double(-places))
            return Foundation.floor(value / scale + 0.5) * scale
        }
        let text = Expression.number(value).xlsformText
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        let whole = String(parts[0])
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        guard fraction.count > places else { return value }
        let kept = Array(whole + fraction.prefix(places))
        let dropped = Array(fraction.dropFirst(places))
        let first = dropped[0].wholeNumberValue ?? 0
        let rest = dropped.dropFirst().contains { $0 != "0" }
        let isTie = first == 5 && !rest
        let awayFromZero = first > 5 || (first == 5 && rest) || (isTie && !negative)
        var digits = kept.map { $0.wholeNumberValue ?? 0 }
        if awayFromZero {
            var index = digits.count - 1
            while index >= 0 {
                if digits[index] == 9 {
                    digits[index] = 0
                    index -= 1
                } else {
                    digits[index] += 1
                    break
                }
            }
            if index < 0 { digits.insert(1, at: 0) }
        }
        let wholeCount = digits.count - places
        var result = digits[..<wholeCount].map(String.init).joined()
        if result.isEmpty { result = "0" }
        if places > 0 { result += "." + digits[wholeCount...].map(String.init).joined() }
        let magnitude = Double(result) ?? value
        return negative ? -magnitude : magnitude
    }

    // MARK: Node-sets

    func nodeSetFunction(_ name: String, _ args: Arguments) throws(EvaluationError) -> Value {
        switch name {
        case "indexed-repeat":
            let field = try args.questionName(0, for: "indexed-repeat()")
            var path: [RepeatPosition] = []
            for index in stride(from: 1, to: args.count, by: 2) {
                let group = try args.questionName(index, for: "indexed-repeat()")
                let position = max(Self.truncatedInt(try args.number(index + 1)), 1)
                path.append(RepeatPosition(group: group, position: position))
            }
            return .nodes(context.indexedValues(of: field, along: path).map(Node.answer))
        case "randomize":
            var nodes = try args.nodes(0, for: "randomize()")
            if args.count == 2 {
                var generator = SeededGenerator(seed: UInt64(bitPattern: Int64(Self.truncatedInt(try args.number(1)))))
                nodes.shuffle(using: &generator)
            } else {
                nodes.shuffle()
            }
            return .nodes(nodes)
        default:
            throw EvaluationError("'\(name)' can't be evaluated here")
        }
    }
}
