/// Why an expression could not be evaluated, in words a form author understands
/// (for example a repeated question used where one value is needed).
public struct EvaluationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
