import Foundation
import SanaripStatistics

/// The conditions `--prop` takes, evaluated column-wise into a 0/1 column (NaN where a value it reads is missing):
/// comparisons `col == v` (`=` accepted, XPath style), `!=`, `<`, `<=`, `>`, `>=` against numbers or quoted text,
/// `selected(${col}, 'choice')` for space-separated multiple choices, combined with `and`, `or`, `not(...)`, parentheses.
/// Column names may be written `${col}`.
struct ProportionExpression {
    indirect enum Node {
        case compare(column: String, operation: String, number: Double?, text: String)
        case selected(column: String, choice: String)
        case and(Node, Node)
        case or(Node, Node)
        case not(Node)
    }

    struct ParseError: Error, CustomStringConvertible {
        let description: String
    }

    let source: String
    let root: Node
    /// Set when the expression is just a column name: the shares of its levels are wanted.
    let bareColumn: String?

    init(_ source: String) throws {
        self.source = source
        let trimmed = source.trimmingCharacters(in: .whitespaces)
        let tokens = try Self.tokenize(trimmed)
        if tokens.count == 1, !tokens[0].hasPrefix("'"), !"()=!<>,".contains(tokens[0].first ?? "(") {
            bareColumn = tokens[0]
            root = .compare(column: tokens[0], operation: "!=", number: nil, text: "")
            return
        }
        bareColumn = nil
        var parser = Parser(tokens: try Self.tokenize(source), source: source)
        root = try parser.expression()
        guard parser.position == parser.tokens.count else {
            throw ParseError(description: "cannot read --prop '\(source)' after '\(parser.tokens[parser.position])'; write e.g. \"ell == 0\" or \"selected(${barriers}, 'cost')\"")
        }
    }

    /// The columns the expression reads.
    var columns: [String] {
        var names: [String] = []
        func visit(_ node: Node) {
            switch node {
            case .compare(let column, _, _, _), .selected(let column, _): if !names.contains(column) { names.append(column) }
            case .and(let a, let b), .or(let a, let b): visit(a); visit(b)
            case .not(let a): visit(a)
            }
        }
        visit(root)
        return names
    }

    /// 1 where the condition holds, 0 where it does not, NaN where a value it needs is missing.
    func evaluate(_ table: DataTable) throws -> [Double] {
        try evaluate(root, table)
    }

    private func evaluate(_ node: Node, _ table: DataTable) throws -> [Double] {
        switch node {
        case .and(let a, let b):
            return zip(try evaluate(a, table), try evaluate(b, table)).map { x, y in
                (x == 0 || y == 0) ? 0 : (x.isNaN || y.isNaN ? .nan : 1)
            }
        case .or(let a, let b):
            return zip(try evaluate(a, table), try evaluate(b, table)).map { x, y in
                (x == 1 || y == 1) ? 1 : (x.isNaN || y.isNaN ? .nan : 0)
            }
        case .not(let a):
            return try evaluate(a, table).map { $0.isNaN ? .nan : 1 - $0 }
        case .selected(let name, let choice):
            let column = try table.column(name)
            return (0..<table.rowCount).map { row in
                guard let value = column.string(at: row) else { return .nan }
                return value.split(separator: " ").contains(Substring(choice)) ? 1 : 0
            }
        case .compare(let name, let operation, let number, let text):
            let column = try table.column(name)
            if let number, case .numeric(let values) = column.storage {
                return values.map { value in
                    guard !value.isNaN else { return .nan }
                    return Self.holds(operation, value < number ? -1 : (value > number ? 1 : 0)) ? 1 : 0
                }
            }
            return (0..<table.rowCount).map { row in
                guard let value = column.string(at: row) else { return .nan }
                let order: Int
                if let number, let parsed = Double(value) {
                    order = parsed < number ? -1 : (parsed > number ? 1 : 0)
                } else {
                    order = value < text ? -1 : (value > text ? 1 : 0)
                }
                return Self.holds(operation, order) ? 1 : 0
            }
        }
    }

    private static func holds(_ operation: String, _ order: Int) -> Bool {
        switch operation {
        case "==": order == 0
        case "!=": order != 0
        case "<": order < 0
        case "<=": order <= 0
        case ">": order > 0
        default: order >= 0
        }
    }

    private static func tokenize(_ source: String) throws -> [String] {
        var tokens: [String] = []
        var characters = Array(source)[...]
        while let first = characters.first {
            if first.isWhitespace {
                characters.removeFirst()
            } else if first == "'" || first == "\"" {
                characters.removeFirst()
                guard let end = characters.firstIndex(of: first) else { throw ParseError(description: "unclosed quote in --prop '\(source)'") }
                tokens.append("'" + String(characters[..<end]))
                characters = characters[(end + 1)...]
            } else if "()," .contains(first) {
                tokens.append(String(first))
                characters.removeFirst()
            } else if "=!<>".contains(first) {
                var operation = String(characters.removeFirst())
                if characters.first == "=" { operation.append(characters.removeFirst()) }
                if operation == "=" { operation = "==" }
                guard operation != "!" else { throw ParseError(description: "use != or not(...) in --prop '\(source)'") }
                tokens.append(operation)
            } else {
                var word = ""
                while let next = characters.first, !next.isWhitespace, !"()=!<>,'\"".contains(next) { word.append(characters.removeFirst()) }
                if word.hasPrefix("${"), word.hasSuffix("}") { word = String(word.dropFirst(2).dropLast()) }
                tokens.append(word)
            }
        }
        return tokens
    }

    private struct Parser {
        let tokens: [String]
        let source: String
        var position = 0

        private func fail(_ message: String) -> ParseError {
            ParseError(description: "cannot read --prop '\(source)': \(message); write e.g. \"ell == 0\" or \"selected(${barriers}, 'cost')\"")
        }

        mutating func next() throws -> String {
            guard position < tokens.count else { throw fail("it ends too early") }
            defer { position += 1 }
            return tokens[position]
        }

        mutating func expect(_ token: String) throws {
            let found = try next()
            guard found == token else { throw fail("expected '\(token)' but found '\(found)'") }
        }

        mutating func expression() throws -> Node {
            var node = try conjunction()
            while position < tokens.count, tokens[position] == "or" {
                position += 1
                node = .or(node, try conjunction())
            }
            return node
        }

        mutating func conjunction() throws -> Node {
            var node = try primary()
            while position < tokens.count, tokens[position] == "and" {
                position += 1
                node = .and(node, try primary())
            }
            return node
        }

        mutating func primary() throws -> Node {
            let token = try next()
            if token == "(" {
                let node = try expression()
                try expect(")")
                return node
            }
            if token == "not" {
                try expect("(")
                let node = try expression()
                try expect(")")
                return .not(node)
            }
            if token == "selected" {
                try expect("(")
                let column = try next()
                try expect(",")
                let choice = try next()
                try expect(")")
                return .selected(column: column, choice: choice.hasPrefix("'") ? String(choice.dropFirst()) : choice)
            }
            guard !token.hasPrefix("'"), !["==", "!=", "<", "<=", ">", ">=", ")", ","].contains(token) else { throw fail("expected a column name, found '\(token)'") }
            let operation = try next()
            guard ["==", "!=", "<", "<=", ">", ">="].contains(operation) else { throw fail("expected a comparison after '\(token)'") }
            let value = try next()
            if value.hasPrefix("'") {
                return .compare(column: token, operation: operation, number: nil, text: String(value.dropFirst()))
            }
            return .compare(column: token, operation: operation, number: Double(value), text: value)
        }
    }
}
