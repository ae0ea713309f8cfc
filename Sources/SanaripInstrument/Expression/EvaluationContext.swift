import Foundation
import SanaripCore

/// What an expression reads when evaluated: answers, the question under evaluation, where we are
/// in repeats, choice labels, secondary instances and the clock.
///
/// Only `values(of:)` is required; the rest default to "not available" and the system clock, so
/// tests and tools supply just what their expressions use.
public protocol EvaluationContext: Sendable {
    /// The answers `${name}` stands for here: one for an ordinary question, one per instance for
    /// a question inside a repeat seen from outside it, none for an unknown name.
    func values(of name: String) -> [AnswerValue]

    /// The answer of the question being evaluated: `.` in constraints, `current()`, `once()`.
    var currentValue: AnswerValue? { get }

    /// 1-based position of the innermost repeat instance being evaluated, for `position(..)`.
    var position: Int? { get }

    /// The answers of `name` in the repeat instances `path` selects, outermost first (`indexed-repeat`).
    func indexedValues(of name: String, along path: [RepeatPosition]) -> [AnswerValue]

    /// The label of choice `value` of question `field`, for `jr:choice-name`.
    func choiceLabel(field: String, value: String) -> String?

    /// The items of secondary instance `id` (`instance('id')/root/item`), each as child name → text;
    /// nil when the form has no such instance.
    func instanceItems(_ id: String) -> [[String: String]]?

    /// The moment `today()` and `now()` report.
    var now: Date { get }

    /// The zone dates are shown and computed in.
    var timeZone: TimeZone { get }

    /// The form's version, for `version()`.
    var formVersion: String { get }
}

extension EvaluationContext {
    public var currentValue: AnswerValue? { nil }
    public var position: Int? { nil }
    public func indexedValues(of name: String, along path: [RepeatPosition]) -> [AnswerValue] { [] }
    public func choiceLabel(field: String, value: String) -> String? { nil }
    public func instanceItems(_ id: String) -> [[String: String]]? { nil }
    public var now: Date { Date() }
    public var timeZone: TimeZone { .current }
    public var formVersion: String { "" }
}
