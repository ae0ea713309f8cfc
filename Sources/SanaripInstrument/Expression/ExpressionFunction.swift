import SanaripCore

/// A function ODK's XPath knows, with the argument counts it accepts.
///
/// The parser rejects calls to functions not in `all` and calls with a wrong argument count,
/// so form authors learn about them before ODK Validate or Collect does.
public struct ExpressionFunction: Sendable, Hashable {
    /// How many arguments a function takes.
    public struct Arity: Sendable, Hashable, CustomStringConvertible {
        public var minimum: Int
        /// Nil when there is no upper bound.
        public var maximum: Int?
        /// Counts above `minimum` must differ from it by a multiple of this (2 for `indexed-repeat`).
        public var step: Int

        public init(minimum: Int, maximum: Int?, step: Int = 1) {
            self.minimum = minimum
            self.maximum = maximum
            self.step = step
        }

        public static func exactly(_ count: Int) -> Arity { Arity(minimum: count, maximum: count) }
        public static func range(_ range: ClosedRange<Int>) -> Arity {
            Arity(minimum: range.lowerBound, maximum: range.upperBound)
        }
        public static func atLeast(_ count: Int, step: Int = 1) -> Arity {
            Arity(minimum: count, maximum: nil, step: step)
        }

        public func accepts(_ count: Int) -> Bool {
            guard count >= minimum else { return false }
            if let maximum, count > maximum { return false }
            return (count - minimum) % step == 0
        }

        /// "2 arguments", "1 or 2 arguments", "at least 1 argument", "3, 5, 7, … arguments".
        public var description: String {
            func arguments(_ n: Int) -> String { n == 1 ? "argument" : "arguments" }
            if step > 1 {
                let first = (0..<3).map { String(minimum + $0 * step) }.joined(separator: ", ")
                return "\(first), … arguments"
            }
            guard let maximum else { return "at least \(minimum) \(arguments(minimum))" }
            if maximum == minimum { return minimum == 0 ? "no arguments" : "\(minimum) \(arguments(minimum))" }
            if maximum == minimum + 1 { return "\(minimum) or \(maximum) arguments" }
            return "\(minimum) to \(maximum) arguments"
        }
    }

    /// As written in expressions, prefix included (`jr:choice-name`).
    public var name: String
    public var arity: Arity

    public init(_ name: String, _ arity: Arity) {
        self.name = name
        self.arity = arity
    }

    /// The function called `name`, if ODK knows it.
    public static func named(_ name: String) -> ExpressionFunction? {
        table[name]
    }

    /// Every function the parser accepts: those ODK Collect (JavaRosa) can evaluate. XPath 1.0's
    /// `floor`, `ceiling`, `last` and `substring` are left out because JavaRosa lacks them.
    public static let all: [ExpressionFunction] = [
        // XPath 1.0 core
        .init("true", .exactly(0)),
        .init("false", .exactly(0)),
        .init("not", .exactly(1)),
        .init("boolean", .exactly(1)),
        .init("number", .exactly(1)),
        .init("string", .exactly(1)),
        .init("concat", .atLeast(1)),
        .init("contains", .exactly(2)),
        .init("starts-with", .exactly(2)),
        .init("ends-with", .exactly(2)),
        .init("substring-before", .exactly(2)),
        .init("substring-after", .exactly(2)),
        .init("string-length", .range(0...1)),
        .init("normalize-space", .range(0...1)),
        .init("translate", .exactly(3)),
        .init("sum", .exactly(1)),
        .init("count", .exactly(1)),
        .init("round", .range(1...2)),
        .init("position", .range(0...1)),
        .init("current", .exactly(0)),
        // ODK
        .init("selected", .exactly(2)),
        .init("selected-at", .exactly(2)),
        .init("count-selected", .exactly(1)),
        .init("jr:choice-name", .exactly(2)),
        .init("jr:itext", .exactly(1)),
        .init("if", .exactly(3)),
        .init("coalesce", .exactly(2)),
        .init("substr", .range(2...3)),
        .init("join", .atLeast(1)),
        .init("regex", .exactly(2)),
        .init("int", .exactly(1)),
        .init("pow", .exactly(2)),
        .init("log", .exactly(1)),
        .init("log10", .exactly(1)),
        .init("abs", .exactly(1)),
        .init("sin", .exactly(1)),
        .init("cos", .exactly(1)),
        .init("tan", .exactly(1)),
        .init("asin", .exactly(1)),
        .init("acos", .exactly(1)),
        .init("atan", .exactly(1)),
        .init("atan2", .exactly(2)),
        .init("sqrt", .exactly(1)),
        .init("exp", .exactly(1)),
        .init("exp10", .exactly(1)),
        .init("pi", .exactly(0)),
        .init("today", .exactly(0)),
        .init("now", .exactly(0)),
        .init("format-date", .exactly(2)),
        .init("format-date-time", .exactly(2)),
        .init("date", .exactly(1)),
        .init("date-time", .exactly(1)),
        .init("decimal-date-time", .exactly(1)),
        .init("decimal-time", .exactly(1)),
        .init("once", .exactly(1)),
        .init("uuid", .range(0...1)),
        .init("random", .exactly(0)),
        .init("indexed-repeat", .atLeast(3, step: 2)),
        .init("count-non-empty", .exactly(1)),
        .init("max", .atLeast(1)),
        .init("min", .atLeast(1)),
        .init("checklist", .atLeast(2)),
        .init("weighted-checklist", .atLeast(2, step: 2)),
        .init("boolean-from-string", .exactly(1)),
        .init("digest", .range(2...3)),
        .init("base64-decode", .exactly(1)),
        .init("distance", .exactly(1)),
        .init("area", .exactly(1)),
        .init("instance", .exactly(1)),
        .init("version", .exactly(0)),
        .init("property", .exactly(1)),
        .init("pulldata", .exactly(4)),
        .init("randomize", .range(1...2)),
    ]

    /// What to suggest for functions authors reach for that ODK lacks.
    public static let alternatives: [String: String] = [
        "substring": "ODK uses substr(text, start, end), counting from 0",
        "floor": "ODK Collect can't evaluate it; use int() or round()",
        "ceiling": "ODK Collect can't evaluate it; use int() or round()",
        "last": "ODK Collect can't evaluate it; use count()",
        "decimal-date": "use decimal-date-time()",
        "upper-case": "ODK has no case conversion; use translate()",
        "lower-case": "ODK has no case conversion; use translate()",
    ]

    private static let table: [String: ExpressionFunction] = Dictionary(
        all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
}
