import Foundation
import SanaripCore

/// An `EvaluationContext` over a submission's `Answers`, evaluating at one place in it.
public struct AnswersContext: EvaluationContext {
    public var answers: Answers
    /// Where in the repeats the expression is evaluated, outermost first; empty at the top level.
    public var scope: [RepeatPosition]
    /// The question the expression belongs to (`.`, `current()`, `once()`).
    public var field: String?
    /// Choice labels by question name, then choice name.
    public var choiceLabels: [String: [String: String]]
    /// Secondary instances by id.
    public var instances: [String: [[String: String]]]
    public var now: Date
    public var timeZone: TimeZone
    public var formVersion: String

    public init(
        answers: Answers,
        scope: [RepeatPosition] = [],
        field: String? = nil,
        choiceLabels: [String: [String: String]] = [:],
        instances: [String: [[String: String]]] = [:],
        now: Date = Date(),
        timeZone: TimeZone = .current,
        formVersion: String = ""
    ) {
        self.answers = answers
        self.scope = scope
        self.field = field
        self.choiceLabels = choiceLabels
        self.instances = instances
        self.now = now
        self.timeZone = timeZone
        self.formVersion = formVersion
    }

    public func values(of name: String) -> [AnswerValue] {
        answers.values(of: name, at: scope) ?? []
    }

    public var currentValue: AnswerValue? {
        field.flatMap { answers.values(of: $0, at: scope)?.first }
    }

    public var position: Int? {
        scope.last?.position
    }

    public func indexedValues(of name: String, along path: [RepeatPosition]) -> [AnswerValue] {
        answers.indexedValues(of: name, along: path, from: scope)
    }

    public func choiceLabel(field: String, value: String) -> String? {
        choiceLabels[field]?[value]
    }

    public func instanceItems(_ id: String) -> [[String: String]]? {
        instances[id]
    }
}
