/// Reads Apple `.strings` files (`"key" = "value";` with comments and `\"`, `\\`, `\n`, `\t` escapes).
///
/// `String(localized:)` does not exist on Linux and `Bundle` lookups differ between platforms,
/// so the server reads its tables itself, once, at start-up.
enum StringsFile {
    struct ParseError: Error, CustomStringConvertible {
        var line: Int
        var message: String
        var description: String { "line \(line): \(message)" }
    }

    static func parse(_ text: String) throws(ParseError) -> [String: String] {
        var scanner = Scanner(characters: Array(text.unicodeScalars))
        var table: [String: String] = [:]
        while true {
            try scanner.skipSpaceAndComments()
            guard !scanner.isAtEnd else { return table }
            let key = try scanner.quoted()
            try scanner.skipSpaceAndComments()
            try scanner.expect("=")
            try scanner.skipSpaceAndComments()
            table[key] = try scanner.quoted()
            try scanner.skipSpaceAndComments()
            try scanner.expect(";")
        }
    }

    private struct Scanner {
        let characters: [Unicode.Scalar]
        var index = 0
        var line = 1

        var isAtEnd: Bool { index >= characters.count }

        func peek(_ offset: Int = 0) -> Unicode.Scalar? {
            index + offset < characters.count ? characters[index + offset] : nil
        }

        mutating func advance() -> Unicode.Scalar {
            let character = characters[index]
            if character == "\n" { line += 1 }
            index += 1
            return character
        }

        mutating func skipSpaceAndComments() throws(ParseError) {
            while let character = peek() {
                if character.properties.isWhitespace {
                    _ = advance()
                } else if character == "/", peek(1) == "/" {
                    while let next = peek(), next != "\n" { _ = advance() }
                } else if character == "/", peek(1) == "*" {
                    index += 2
                    while !(peek() == "*" && peek(1) == "/") {
                        guard !isAtEnd else { throw ParseError(line: line, message: "unterminated comment") }
                        _ = advance()
                    }
                    index += 2
                } else {
                    return
                }
            }
        }

        mutating func expect(_ character: Unicode.Scalar) throws(ParseError) {
            guard peek() == character else { throw ParseError(line: line, message: "expected \"\(character)\"") }
            _ = advance()
        }

        mutating func quoted() throws(ParseError) -> String {
            try expect("\"")
            var result = String.UnicodeScalarView()
            while true {
                guard !isAtEnd else { throw ParseError(line: line, message: "unterminated string") }
                let character = advance()
                switch character {
                case "\"":
                    return String(result)
                case "\\":
                    guard !isAtEnd else { throw ParseError(line: line, message: "unterminated string") }
                    let escaped = advance()
                    switch escaped {
                    case "n": result.append("\n")
                    case "t": result.append("\t")
                    default: result.append(escaped)
                    }
                default:
                    result.append(character)
                }
            }
        }
    }
}
