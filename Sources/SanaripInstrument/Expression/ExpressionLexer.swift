import SanaripCore

/// Splits an expression into tokens by the XPath 1.0 lexical rules, with XLSForm's `${name}`.
struct ExpressionLexer {
    private let source: String
    /// The characters of `source`: offsets in tokens and messages count these.
    private let characters: [Character]
    /// Where each character starts in `source`, then its end, to cut names and texts out of it.
    private let starts: [String.Index]
    private var index = 0
    private var tokens: [ExpressionToken] = []

    static let operatorNames: Set<String> = ["and", "or", "div", "mod"]
    static let nodeTypes: Set<String> = ["node", "text", "comment", "processing-instruction"]

    init(_ source: String) {
        self.source = source
        var characters: [Character] = []
        var starts: [String.Index] = []
        characters.reserveCapacity(source.utf8.count)
        starts.reserveCapacity(source.utf8.count + 1)
        var start = source.startIndex
        for character in source {
            characters.append(character)
            starts.append(start)
            start = source.utf8.index(start, offsetBy: character.utf8.count)
        }
        starts.append(source.endIndex)
        self.characters = characters
        self.starts = starts
    }

    /// The source text of the characters in `range`.
    private func sourceText(_ range: Range<Int>) -> String {
        String(source[starts[range.lowerBound]..<starts[range.upperBound]])
    }

    static func tokenize(_ source: String) throws(ExpressionError) -> [ExpressionToken] {
        var lexer = ExpressionLexer(source)
        return try lexer.run()
    }

    private mutating func run() throws(ExpressionError) -> [ExpressionToken] {
        tokens.reserveCapacity(characters.count / 2 + 1)
        while true {
            while index < characters.count, Self.isWhitespace(characters[index]) { index += 1 }
            guard index < characters.count else { break }
            try lexToken()
        }
        tokens.append(ExpressionToken(kind: .end, offset: characters.count, length: 0))
        return tokens
    }

    private func peek(_ ahead: Int = 0) -> Character? {
        index + ahead < characters.count ? characters[index + ahead] : nil
    }

    private mutating func emit(_ kind: ExpressionToken.Kind, from start: Int) {
        tokens.append(ExpressionToken(kind: kind, offset: start, length: index - start))
    }

    private mutating func symbol(_ text: String) {
        let start = index
        index += text.count
        emit(.symbol(text), from: start)
    }

    private func error(_ message: String, at offset: Int, length: Int) -> ExpressionError {
        ExpressionError(message: message, offset: offset, length: length)
    }

    /// XPath's disambiguation rule: after an operand, `*` multiplies and a name must be an operator.
    private var expectsOperator: Bool {
        guard let last = tokens.last else { return false }
        switch last.kind {
        case .number, .literal, .reference, .name: return true
        case .symbol(let text): return text == ")" || text == "]" || text == "." || text == ".."
        default: return false
        }
    }

    private mutating func lexToken() throws(ExpressionError) {
        let start = index
        let character = characters[index]
        switch character {
        case "(", ")", "[", "]", ",", "+", "-", "@":
            symbol(String(character))
        case "|":
            if peek(1) == "|" { throw error("'||' is not an operator; use 'or'", at: start, length: 2) }
            symbol("|")
        case "=":
            if peek(1) == "=" { throw error("'==' is not an operator; use '=' to compare", at: start, length: 2) }
            symbol("=")
        case "!":
            guard peek(1) == "=" else {
                throw error("unexpected '!'; use not(…) or '!='", at: start, length: 1)
            }
            symbol("!=")
        case "<":
            if peek(1) == ">" { throw error("'<>' is not an operator; use '!='", at: start, length: 2) }
            symbol(peek(1) == "=" ? "<=" : "<")
        case ">":
            symbol(peek(1) == "=" ? ">=" : ">")
        case "/":
            symbol(peek(1) == "/" ? "//" : "/")
        case ":":
            guard peek(1) == ":" else { throw unexpectedCharacter(at: start) }
            symbol("::")
        case "&":
            if peek(1) == "&" { throw error("'&&' is not an operator; use 'and'", at: start, length: 2) }
            throw unexpectedCharacter(at: start)
        case "*":
            index += 1
            emit(expectsOperator ? .symbol("*") : .name("*"), from: start)
        case ".":
            if let next = peek(1), Self.isDigit(next) {
                try lexNumber()
            } else {
                symbol(peek(1) == "." ? ".." : ".")
            }
        case "'", "\"", "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}":
            try lexLiteral()
        case "$":
            try lexReference()
        default:
            if Self.isDigit(character) {
                try lexNumber()
            } else if Self.isNameStart(character) {
                lexName()
            } else {
                throw unexpectedCharacter(at: start)
            }
        }
    }

    private func unexpectedCharacter(at offset: Int) -> ExpressionError {
        error("unexpected character '\(characters[offset])'", at: offset, length: 1)
    }

    private mutating func lexNumber() throws(ExpressionError) {
        let start = index
        var text = ""
        while let c = peek(), Self.isDigit(c) {
            text.append(c)
            index += 1
        }
        if peek() == "." {
            index += 1
            text += text.isEmpty ? "0." : "."
            var fraction = ""
            while let c = peek(), Self.isDigit(c) {
                fraction.append(c)
                index += 1
            }
            text += fraction.isEmpty ? "0" : fraction
        }
        if let e = peek(), e == "e" || e == "E" {
            var ahead = 1
            if let sign = peek(1), sign == "+" || sign == "-" { ahead = 2 }
            if let digit = peek(ahead), Self.isDigit(digit) {
                var end = index + ahead
                while end < characters.count, Self.isDigit(characters[end]) { end += 1 }
                let literal = sourceText(start..<end)
                throw error(
                    "exponent notation '\(literal)' is not supported in XPath; write the number out in full",
                    at: start, length: end - start)
            }
        }
        emit(.number(Double(text) ?? .infinity), from: start)
    }

    /// Typographic quotes, which Excel's autocorrect types, read as the straight quotes they stand for (as pyxform does).
    static func straightQuote(_ character: Character) -> Character {
        switch character {
        case "\u{2018}", "\u{2019}": "'"
        case "\u{201C}", "\u{201D}": "\""
        default: character
        }
    }

    private mutating func lexLiteral() throws(ExpressionError) {
        let start = index
        let quote = Self.straightQuote(characters[index])
        index += 1
        var text = ""
        while let c = peek(), Self.straightQuote(c) != quote {
            text.append(c)
            index += 1
        }
        guard let c = peek(), Self.straightQuote(c) == quote else {
            throw error("unterminated string", at: start, length: characters.count - start)
        }
        index += 1
        emit(.literal(text), from: start)
    }

    private mutating func lexReference() throws(ExpressionError) {
        let start = index
        guard peek(1) == "{" else {
            if let next = peek(1), Self.isNameStart(next) {
                var end = index + 1
                while end < characters.count, Self.isNameCharacter(characters[end]) { end += 1 }
                let name = sourceText(index + 1..<end)
                throw error(
                    "variables like '$\(name)' are not supported; write '${\(name)}' to refer to a question",
                    at: start, length: end - start)
            }
            throw unexpectedCharacter(at: start)
        }
        var end = index + 2
        while end < characters.count, characters[end] != "}" {
            if characters[end] == "$" && end + 1 < characters.count && characters[end + 1] == "{" { break }
            end += 1
        }
        guard end < characters.count, characters[end] == "}" else {
            throw error("'${' without a closing '}'", at: start, length: 2)
        }
        let content = Self.trimmed(sourceText(index + 2..<end))
        index = end + 1
        if content.isEmpty {
            throw error("empty reference '${}'; put a question name between the braces", at: start, length: index - start)
        }
        let prefix = "last-saved#"
        let name = content.hasPrefix(prefix) ? String(content.dropFirst(prefix.count)) : content
        guard Self.isName(name) else {
            throw error("'\(content)' is not a valid question name in '${…}'", at: start, length: index - start)
        }
        emit(.reference(content), from: start)
    }

    private mutating func lexName() {
        let start = index
        let operatorPosition = expectsOperator
        var name = readNCName()
        if operatorPosition {
            // `or.=9999`: JavaRosa reads an operator name followed by `.` as the operator and `.`, and so does
            // ODK Validate; XPath's longest-name rule would read the name `or.`.
            if !Self.operatorNames.contains(name), let dot = name.firstIndex(of: "."),
                Self.operatorNames.contains(String(name[..<dot]))
            {
                index = start + name.distance(from: name.startIndex, to: dot)
                emit(.operatorName(String(name[..<dot])), from: start)
                return
            }
            emit(Self.operatorNames.contains(name) ? .operatorName(name) : .name(name), from: start)
            return
        }
        if peek() == ":", let next = peek(1), next != ":" {
            if Self.isNameStart(next) {
                index += 1
                name += ":" + readNCName()
            } else if next == "*" {
                index += 2
                emit(.name(name + ":*"), from: start)
                return
            }
        }
        var ahead = index
        while ahead < characters.count, Self.isWhitespace(characters[ahead]) { ahead += 1 }
        if ahead < characters.count, characters[ahead] == "(" {
            emit(Self.nodeTypes.contains(name) ? .nodeType(name) : .functionName(name), from: start)
        } else if ahead + 1 < characters.count, characters[ahead] == ":", characters[ahead + 1] == ":" {
            emit(.axisName(name), from: start)
        } else {
            emit(.name(name), from: start)
        }
    }

    private mutating func readNCName() -> String {
        let start = index
        while let c = peek(), index == start ? Self.isNameStart(c) : Self.isNameCharacter(c) {
            index += 1
        }
        return sourceText(start..<index)
    }

    // Each test answers ASCII characters from their code first: expressions are mostly ASCII, and Unicode
    // properties cost a table look-up. (`\r\n`, one character, has the ASCII value of `\n`.)

    static func isWhitespace(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return character.isWhitespace }
        return ascii == 0x20 || (0x09...0x0D).contains(ascii)
    }

    static func isDigit(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return false }
        return (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(ascii)
    }

    /// XML NameStartChar without `:`.
    static func isNameStart(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return character.isLetter }
        return ascii == UInt8(ascii: "_") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(ascii | 0x20)
    }

    /// XML NameChar without `:`.
    static func isNameCharacter(_ character: Character) -> Bool {
        if let ascii = character.asciiValue {
            return isNameStart(character) || isDigit(character) || ascii == UInt8(ascii: "-") || ascii == UInt8(ascii: ".")
        }
        if isNameStart(character) || character == "\u{B7}" { return true }
        guard let scalar = character.unicodeScalars.first else { return false }
        switch scalar.properties.generalCategory {
        case .decimalNumber, .nonspacingMark, .spacingMark, .enclosingMark, .connectorPunctuation: return true
        default: return false
        }
    }

    /// A non-empty XML name without `:`, as question names are.
    static func isName(_ text: String) -> Bool {
        guard let first = text.first, isNameStart(first) else { return false }
        return text.dropFirst().allSatisfy(isNameCharacter)
    }

    static func trimmed(_ text: String) -> String {
        var slice = Substring(text)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}
