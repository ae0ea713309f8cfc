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

    /// The data columns the indicators read, by index in the header: the only columns ``program(reading:)`` asks for.
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
    }

    /// The indicators compiled for one data set, whose header column `index` (each of ``columnsRead``) holds
    /// `column(index)`; every column must have the same number of rows.
    public func program(reading column: (Int) -> IndicatorColumn) -> IndicatorProgram {
        let read = columnsRead
        let position = Dictionary(uniqueKeysWithValues: read.enumerated().map { ($1, $0) })
        var slots: [String: IndicatorProgram.Slot] = [:]
        for (name, index) in columnOf { slots[name, default: IndicatorProgram.Slot()].column = position[index] }
        for (index, indicator) in indicators.indicators.enumerated() where slots[indicator.name]?.indicator == nil {
            slots[indicator.name, default: IndicatorProgram.Slot()].indicator = index
        }
        return IndicatorProgram(indicators: indicators.indicators, columns: read.map(column), slots: slots)
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
