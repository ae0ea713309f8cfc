import SanaripCore

/// Parses XLSForm expressions (XPath 1.0 as ODK uses it, with `${name}` references) into `Expression`.
///
/// It checks what can be checked without the form: syntax, function names and argument counts.
/// Errors carry the 0-based character offset of the offending text; their descriptions count from 1.
public struct ExpressionParser: Sendable {
    /// Deepest tree accepted; evaluation and rendering recurse this deep.
    public static let maximumDepth = 256
    /// Deepest nesting of parentheses, calls, predicates and unary minus accepted.
    public static let maximumNesting = 64

    private let source: String
    private let tokens: [ExpressionToken]
    private var index = 0
    private var nesting = 0

    private init(source: String) throws(ExpressionError) {
        self.source = source
        tokens = try ExpressionLexer.tokenize(source)
    }

    /// The tree for `source`, or the first problem found in it.
    public static func parse(_ source: String) throws(ExpressionError) -> SanaripCore.Expression {
        var parser = try ExpressionParser(source: source)
        return try parser.parseSource().expression
    }

    /// The tokens of `source` once the parser has found no problem in it.
    static func checkedTokens(_ source: String) throws(ExpressionError) -> [ExpressionToken] {
        var parser = try ExpressionParser(source: source)
        _ = try parser.parseSource()
        return parser.tokens
    }

    private struct Parsed {
        var expression: Expression
        var depth: Int
    }

    private var current: ExpressionToken { tokens[index] }

    private mutating func advance() {
        if index < tokens.count - 1 { index += 1 }
    }

    private mutating func parseSource() throws(ExpressionError) -> Parsed {
        if current.kind == .end {
            throw ExpressionError(message: "empty expression", offset: 0, length: 0)
        }
        let parsed = try parseExpression()
        guard current.kind == .end else { throw unexpected(current) }
        return parsed
    }

    // MARK: Errors

    private func text(of token: ExpressionToken) -> String {
        let characters = Array(source)
        let end = min(token.offset + token.length, characters.count)
        let text = String(characters[token.offset..<end])
        return text.count > 24 ? String(text.prefix(24)) + "…" : text
    }

    private func unexpected(_ token: ExpressionToken) -> ExpressionError {
        if token.kind == .end {
            return ExpressionError(message: "unexpected end of expression", offset: token.offset, length: 0)
        }
        return ExpressionError(
            message: "unexpected '\(text(of: token))'",
            offset: token.offset, length: token.length)
    }

    /// Consumes the closing `)` or `]` of the bracket opened by `opener`.
    private mutating func close(_ symbol: String, opener: ExpressionToken) throws(ExpressionError) {
        if current.isSymbol(symbol) {
            advance()
            return
        }
        if current.kind == .end {
            let open = symbol == ")" ? "(" : "["
            throw ExpressionError(
                message: "missing '\(symbol)' for '\(open)'",
                offset: opener.offset, length: 1)
        }
        throw unexpected(current)
    }

    private func checked(_ expression: Expression, depth: Int, at token: ExpressionToken) throws(ExpressionError) -> Parsed {
        guard depth <= Self.maximumDepth else {
            throw ExpressionError(
                message: "expression is nested too deeply (more than \(Self.maximumDepth) levels)",
                offset: token.offset, length: token.length)
        }
        return Parsed(expression: expression, depth: depth)
    }

    private mutating func enter() throws(ExpressionError) {
        nesting += 1
        guard nesting <= Self.maximumNesting else {
            throw ExpressionError(
                message: "expression is nested too deeply (more than \(Self.maximumNesting) levels)",
                offset: current.offset, length: current.length)
        }
    }

    // MARK: Operators

    private mutating func parseExpression() throws(ExpressionError) -> Parsed {
        try parseBinary(level: 1)
    }

    private func binaryOperator(at level: Int) -> Expression.BinaryOperator? {
        let op: Expression.BinaryOperator?
        switch current.kind {
        case .operatorName(let name): op = Expression.BinaryOperator(rawValue: name)
        case .symbol(let symbol) where symbol != "|": op = Expression.BinaryOperator(rawValue: symbol)
        default: op = nil
        }
        guard let op, op.precedence == level else { return nil }
        return op
    }

    /// Levels 1 (`or`) to 6 (`* div mod`), each left-associative.
    private mutating func parseBinary(level: Int) throws(ExpressionError) -> Parsed {
        guard level <= 6 else { return try parseUnary() }
        var left = try parseBinary(level: level + 1)
        while let op = binaryOperator(at: level) {
            let token = current
            advance()
            let right = try parseBinary(level: level + 1)
            left = try checked(
                .binary(op, left.expression, right.expression), depth: max(left.depth, right.depth) + 1, at: token)
        }
        return left
    }

    private mutating func parseUnary() throws(ExpressionError) -> Parsed {
        guard current.isSymbol("-") else { return try parseUnion() }
        let token = current
        advance()
        try enter()
        defer { nesting -= 1 }
        let operand = try parseUnary()
        return try checked(.negate(operand.expression), depth: operand.depth + 1, at: token)
    }

    private mutating func parseUnion() throws(ExpressionError) -> Parsed {
        var left = try parsePathExpression()
        while current.isSymbol("|") {
            let token = current
            advance()
            let right = try parsePathExpression()
            left = try checked(
                .binary(.union, left.expression, right.expression), depth: max(left.depth, right.depth) + 1, at: token)
        }
        return left
    }

    // MARK: Paths

    private mutating func parsePathExpression() throws(ExpressionError) -> Parsed {
        switch current.kind {
        case .number, .literal, .reference, .functionName, .symbol("("):
            let base = try parseFilterExpression()
            guard current.isSymbol("/") || current.isSymbol("//") else { return base }
            let token = current
            let steps = try parseRelativeSteps(afterSeparator: true)
            let depth = max(base.depth, steps.depth) + 1
            return try checked(
                .path(Expression.LocationPath(start: .expression(base.expression), steps: steps.steps)), depth: depth,
                at: token)
        case .symbol("/"):
            let token = current
            advance()
            guard startsStep(current) else {
                return Parsed(expression: .path(Expression.LocationPath(start: .root, steps: [])), depth: 1)
            }
            let steps = try parseRelativeSteps(afterSeparator: false)
            return try checked(.path(Expression.LocationPath(start: .root, steps: steps.steps)), depth: steps.depth + 1, at: token)
        case .symbol("//"):
            let token = current
            let steps = try parseRelativeSteps(afterSeparator: true)
            return try checked(.path(Expression.LocationPath(start: .root, steps: steps.steps)), depth: steps.depth + 1, at: token)
        default:
            guard startsStep(current) else { throw unexpected(current) }
            let token = current
            let steps = try parseRelativeSteps(afterSeparator: false)
            return try checked(
                .path(Expression.LocationPath(start: .relative, steps: steps.steps)), depth: steps.depth + 1, at: token)
        }
    }

    private func startsStep(_ token: ExpressionToken) -> Bool {
        switch token.kind {
        case .name, .nodeType, .axisName, .symbol("."), .symbol(".."), .symbol("@"): true
        default: false
        }
    }

    /// Steps joined by `/` or `//`; with `afterSeparator`, the current token is a separator to
    /// consume before the first step.
    private mutating func parseRelativeSteps(
        afterSeparator: Bool
    ) throws(ExpressionError) -> (steps: [Expression.Step], depth: Int) {
        var steps: [Expression.Step] = []
        var depth = 0
        var needsSeparator = afterSeparator
        while true {
            if needsSeparator {
                if current.isSymbol("//") {
                    steps.append(.descendantOrSelf)
                } else if !current.isSymbol("/") {
                    break
                }
                advance()
            }
            let step = try parseStep()
            steps.append(step.step)
            depth = max(depth, step.depth)
            needsSeparator = true
        }
        return (steps, depth)
    }

    private mutating func parseStep() throws(ExpressionError) -> (step: Expression.Step, depth: Int) {
        let token = current
        switch token.kind {
        case .symbol("."):
            advance()
            return (.current, 0)
        case .symbol(".."):
            advance()
            return (.parent, 0)
        default:
            break
        }
        var axis = Expression.Axis.child
        if token.isSymbol("@") {
            axis = .attribute
            advance()
        } else if case .axisName(let name) = token.kind {
            guard let named = Expression.Axis(rawValue: name) else {
                throw ExpressionError(
                    message: "unknown axis '\(name)'", offset: token.offset,
                    length: token.length)
            }
            axis = named
            advance()
            guard current.isSymbol("::") else { throw unexpected(current) }
            advance()
        }
        let test = try parseNodeTest()
        var predicates: [Expression] = []
        var depth = 0
        while current.isSymbol("[") {
            let predicate = try parsePredicate()
            predicates.append(predicate.expression)
            depth = max(depth, predicate.depth)
        }
        return (Expression.Step(axis: axis, test: test, predicates: predicates), depth)
    }

    private mutating func parseNodeTest() throws(ExpressionError) -> Expression.NodeTest {
        let token = current
        switch token.kind {
        case .name(let name):
            advance()
            return .name(name)
        case .nodeType(let type):
            advance()
            let opener = current
            advance()
            var literal: String?
            if type == "processing-instruction", case .literal(let text) = current.kind {
                literal = text
                advance()
            }
            try close(")", opener: opener)
            switch type {
            case "node": return .node
            case "text": return .text
            case "comment": return .comment
            default: return .processingInstruction(literal)
            }
        default:
            throw unexpected(token)
        }
    }

    private mutating func parsePredicate() throws(ExpressionError) -> Parsed {
        let opener = current
        advance()
        try enter()
        defer { nesting -= 1 }
        let predicate = try parseExpression()
        try close("]", opener: opener)
        return predicate
    }

    // MARK: Primaries

    private mutating func parseFilterExpression() throws(ExpressionError) -> Parsed {
        let base = try parsePrimary()
        guard current.isSymbol("[") else { return base }
        let token = current
        var predicates: [Expression] = []
        var depth = base.depth
        while current.isSymbol("[") {
            let predicate = try parsePredicate()
            predicates.append(predicate.expression)
            depth = max(depth, predicate.depth)
        }
        return try checked(.filter(base.expression, predicates: predicates), depth: depth + 1, at: token)
    }

    private mutating func parsePrimary() throws(ExpressionError) -> Parsed {
        let token = current
        switch token.kind {
        case .number(let value):
            advance()
            return Parsed(expression: .number(value), depth: 1)
        case .literal(let text):
            advance()
            return Parsed(expression: .string(text), depth: 1)
        case .reference(let name):
            advance()
            return Parsed(expression: .reference(name), depth: 1)
        case .symbol("("):
            advance()
            try enter()
            defer { nesting -= 1 }
            let inner = try parseExpression()
            try close(")", opener: token)
            return inner
        case .functionName(let name):
            return try parseCall(name, token: token)
        default:
            throw unexpected(token)
        }
    }

    private mutating func parseCall(_ name: String, token: ExpressionToken) throws(ExpressionError) -> Parsed {
        guard let function = ExpressionFunction.named(name) else {
            var message = "unknown function '\(name)'"
            if let alternative = ExpressionFunction.alternatives[name] { message += "; \(alternative)" }
            throw ExpressionError(message: message, offset: token.offset, length: token.length)
        }
        advance()
        let opener = current
        advance()
        try enter()
        defer { nesting -= 1 }
        var arguments: [Expression] = []
        var depth = 0
        if !current.isSymbol(")") {
            while true {
                let argument = try parseExpression()
                arguments.append(argument.expression)
                depth = max(depth, argument.depth)
                guard current.isSymbol(",") else { break }
                advance()
            }
        }
        try close(")", opener: opener)
        guard function.arity.accepts(arguments.count) else {
            throw ExpressionError(
                message: "'\(name)' takes \(function.arity), got \(arguments.count)", offset: token.offset,
                length: token.length)
        }
        return try checked(.function(name, arguments), depth: depth + 1, at: token)
    }
}
