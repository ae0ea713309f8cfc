/// Why an expression could not be parsed, and where.
public struct ExpressionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, without the position, such as "unknown function 'foo'" or
    /// "unexpected ')'"; a hint may follow after "; ".
    public var message: String
    /// 0-based `Character` offset of the offending text in the source.
    public var offset: Int
    /// Length of the offending text in `Character`s; 0 at the end of the source.
    public var length: Int

    public init(message: String, offset: Int, length: Int) {
        self.message = message
        self.offset = offset
        self.length = length
    }

    /// The message with the position counted from 1, before any hint:
    /// "unexpected ')' at position 12", "unexpected '!' at position 1; use not(…) or '!='".
    public var description: String {
        let position = " at position \(offset + 1)"
        guard let hint = message.firstRange(of: "; ") else { return message + position }
        return message[..<hint.lowerBound] + position + message[hint.lowerBound...]
    }
}
