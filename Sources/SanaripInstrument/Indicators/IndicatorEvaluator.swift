import Foundation
import SanaripCore

/// Evaluates a study's indicators on the rows of a respondent-level data set, such as an ODK Central or
/// KoboToolbox CSV export.
///
/// Answers are read as the form engine sees them: a non-relevant or unanswered question is the empty string,
/// a multiple choice is its space-separated choice names. Columns are found by question name, by the Kobo
/// form `group/question` or, given the instrument, by ODK Central's `group-subgroup-question`.
public struct IndicatorEvaluator: Sendable {
    /// The value of one indicator for one respondent.
    public enum Value: Sendable, Hashable {
        /// Outside the indicator's base, or a number that could not be computed.
        case missing
        case number(Double)
        case category(String)

        /// The value as a data cell: `1`/`0` for conditions, the number, the class; empty when missing.
        public var text: String {
            switch self {
            case .missing: ""
            case .number(let value): value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
            case .category(let text): text
            }
        }

        /// The value as a number, NaN when missing or a class.
        public var number: Double {
            if case .number(let value) = self { return value }
            return .nan
        }
    }

    public let indicators: IndicatorSet
    /// For each question an indicator reads, its column in the data.
    private let columnOf: [String: Int]
    /// For each name an expression may read, its column and the indicator of that name: one look-up per reference.
    private let slots: [String: RowContext.Slot]

    /// The data columns the indicators read, by index in the header: the only fields ``values(_:row:)`` looks at.
    public var columnsRead: [Int] { Set(columnOf.values).sorted() }

    /// Prepares evaluation on data whose header is `header`.
    ///
    /// - Throws: ``IndicatorDataError`` naming each question the indicators read that has no column.
    public init(_ indicators: IndicatorSet, header: [String], instrument: Instrument? = nil) throws(IndicatorDataError) {
        self.indicators = indicators
        var paths: [String: [String]] = [:]
        for located in instrument?.walk() ?? [] { paths[located.element.name] = located.path }
        var lookup: [String: Int] = [:]
        for (index, column) in header.enumerated() {
            let name = column.trimmingSpaces()
            lookup[name] = lookup[name] ?? index
        }
        var columnOf: [String: Int] = [:]
        var missing: [(question: String, indicator: Indicator)] = []
        let computed = Set(indicators.indicators.map(\.name))
        for indicator in indicators.indicators {
            let names = indicator.expression.referencedNames + (indicator.base?.referencedNames ?? [])
            for name in names where columnOf[name] == nil && !computed.contains(name) {
                let path = paths[name]
                let candidates = [name] + (path.map { [$0.joined(separator: "-"), $0.joined(separator: "/")] } ?? [])
                if let index = candidates.lazy.compactMap({ lookup[$0] }).first
                    ?? header.firstIndex(where: { $0.trimmingSpaces().hasSuffix("/" + name) }) {
                    columnOf[name] = index
                } else if !missing.contains(where: { $0.question == name }) {
                    missing.append((name, indicator))
                }
            }
        }
        guard missing.isEmpty else {
            throw IndicatorDataError(missing: missing.map { ($0.question, $0.indicator.name, $0.indicator.line) })
        }
        self.columnOf = columnOf
        var slots: [String: RowContext.Slot] = [:]
        for (name, column) in columnOf { slots[name, default: RowContext.Slot()].column = column }
        for (position, indicator) in indicators.indicators.enumerated() where slots[indicator.name]?.indicator == nil {
            slots[indicator.name, default: RowContext.Slot()].indicator = position
        }
        self.slots = slots
    }

    /// The value of every indicator, in file order, for the row `fields`; `row` numbers it in messages.
    ///
    /// - Throws: ``IndicatorDataError`` when an expression cannot be evaluated on this row.
    public func values(_ fields: [String], row: Int) throws(IndicatorDataError) -> [Value] {
        var context = RowContext(fields: fields, slots: slots, computed: [Value?](repeating: nil, count: indicators.indicators.count))
        for (position, indicator) in indicators.indicators.enumerated() {
            let value: Value
            do {
                value = try Self.value(of: indicator, in: context)
            } catch {
                throw IndicatorDataError(row: row, indicator: indicator.name, line: indicator.line, reason: "\(error)")
            }
            context.computed[position] = value
        }
        return context.computed.map { $0 ?? .missing }
    }

    /// One indicator on one row; the evaluator (holding a copy of the context) is gone when this returns, so
    /// adding the value to the context does not copy it.
    private static func value(of indicator: Indicator, in context: RowContext) throws(EvaluationError) -> Value {
        let evaluator = ExpressionEvaluator(context: context)
        if let base = indicator.base, try !evaluator.evaluateBoolean(base) { return .missing }
        switch indicator.kind {
        case .proportion:
            return .number(try evaluator.evaluateBoolean(indicator.expression) ? 1 : 0)
        case .mean:
            let number = try evaluator.evaluateNumber(indicator.expression)
            return number.isFinite ? .number(number) : .missing
        case .category:
            let text = try evaluator.evaluateString(indicator.expression)
            return text.isEmpty ? .missing : .category(text)
        }
    }
}

/// One data row seen by the expression engine, with the indicators computed so far.
private struct RowContext: EvaluationContext {
    /// Where a name's value is: the indicator of that name once it is computed, else the data column.
    struct Slot: Sendable {
        var column: Int?
        var indicator: Int?
    }

    let fields: [String]
    let slots: [String: Slot]
    /// The indicators computed so far, by position in the file.
    var computed: [IndicatorEvaluator.Value?]

    func values(of name: String) -> [AnswerValue] {
        guard let slot = slots[name] else { return [.empty] }
        if let position = slot.indicator, let value = computed[position] {
            switch value {
            case .missing: return [.empty]
            case .number(let number): return [.number(number)]
            case .category(let text): return [.text(text)]
            }
        }
        guard let index = slot.column, index < fields.count else { return [.empty] }
        let text = fields[index]
        return [text.isEmpty ? .empty : .text(text)]
    }
}

/// Data that the indicators cannot be computed on, with what to do about it.
public struct IndicatorDataError: Error, Sendable, CustomStringConvertible {
    public let description: String

    init(missing: [(question: String, indicator: String, line: Int)]) {
        let advice = "export the data with one column per question (ODK Central, KoboToolbox: CSV export), or pass --form so group paths are recognised"
        guard missing.count > 5 else {
            description = missing.map {
                "the data has no column for ${\($0.question)}, which indicator '\($0.indicator)' (indicator file line \($0.line)) reads"
            }.joined(separator: "\n") + "\n" + advice
            return
        }
        let names = missing.prefix(8).map { "${\($0.question)}" }.joined(separator: ", ")
        description = "the data has no column for \(missing.count) questions the indicators read (\(names), …); is it a respondent-level export of this questionnaire? " + advice
    }

    init(row: Int, indicator: String, line: Int, reason: String) {
        description = "row \(row): indicator '\(indicator)' (indicator file line \(line)) cannot be evaluated: \(reason)"
    }
}
