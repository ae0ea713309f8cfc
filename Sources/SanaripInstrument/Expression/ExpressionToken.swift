import SanaripCore

/// One lexical token of an expression, with its place in the source.
struct ExpressionToken: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case number(Double)
        case literal(String)
        case reference(String)
        /// A name test: a QName, `*` or `prefix:*`.
        case name(String)
        case functionName(String)
        /// `node`, `text`, `comment` or `processing-instruction` before `(`.
        case nodeType(String)
        case axisName(String)
        /// `and`, `or`, `div` or `mod` where an operator is expected.
        case operatorName(String)
        /// Punctuation and operators: `( ) [ ] , / // | + - = != < <= > >= * @ :: . ..`
        case symbol(String)
        case end
    }

    var kind: Kind
    var offset: Int
    var length: Int

    func isSymbol(_ symbol: String) -> Bool {
        kind == .symbol(symbol)
    }
}
