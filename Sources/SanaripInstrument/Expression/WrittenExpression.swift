import SanaripCore

/// An expression kept as its author wrote it, for writing into an XForm.
///
/// pyxform passes expressions through with only `${name}` replaced, so the author's parentheses, spacing and
/// number spellings stay in the XForm; Sanarip does the same. Typographic quotes around and inside string
/// literals become straight ones, as pyxform writes them.
struct WrittenExpression: Sendable {
    private enum Piece: Sendable {
        case text(String)
        case reference(String, inPredicate: Bool, at: Range<Int>)
        case literal(String, inPredicate: Bool, at: Range<Int>)
    }

    private let pieces: [Piece]

    /// Checks `source` with the parser and splits it into text kept as written, references and string literals.
    init(_ source: String) throws(ExpressionError) {
        let tokens = try ExpressionParser.checkedTokens(source)
        let characters = Array(source)
        var pieces: [Piece] = []
        var text = ""
        var position: Int?
        var depth = 0
        for token in tokens where token.kind != .end {
            if let position { text += String(characters[position..<token.offset]) }
            let end = token.offset + token.length
            switch token.kind {
            case .reference(let name):
                pieces.append(.text(text))
                pieces.append(.reference(name, inPredicate: depth > 0, at: token.offset..<end))
                text = ""
            case .literal(let content):
                pieces.append(.text(text))
                pieces.append(.literal(String(content.map(ExpressionLexer.straightQuote)), inPredicate: depth > 0, at: token.offset..<end))
                text = ""
            default:
                if token.isSymbol("[") { depth += 1 }
                if token.isSymbol("]") { depth -= 1 }
                text += String(characters[token.offset..<end])
            }
            position = end
        }
        pieces.append(.text(text))
        self.pieces = pieces.filter { if case .text(let text) = $0 { !text.isEmpty } else { true } }
    }

    /// A reference to resolve: the name in `${name}`, whether it stands inside `[…]`, and where it is in the source
    /// (character offsets; for a reference inside a string literal, the literal's).
    struct Reference {
        let name: String
        let inPredicate: Bool
        let range: Range<Int>
    }

    /// The expression as XForm XPath, each `${name}` replaced by what `resolving` returns. Inside string literals
    /// (`jr:choice-name(${x}, '${x}')`) the path is written with a space on each side, as pyxform writes it.
    func xpath(resolving resolve: (Reference) -> String) -> String {
        var result = ""
        var afterReference = false
        for piece in pieces {
            switch piece {
            case .text(let text):
                // `${a}-1` must not become `/data/a-1`, one name in XPath: a space keeps them apart, as pyxform's
                // spaces around every path do.
                if afterReference, let first = text.first, ExpressionLexer.isNameCharacter(first) { result += " " }
                result += text
            case .reference(let name, let inPredicate, let range):
                if let last = result.last, ExpressionLexer.isNameCharacter(last) { result += " " }
                result += resolve(Reference(name: name, inPredicate: inPredicate, range: range))
            case .literal(let content, let inPredicate, let range):
                result += Expression.string(content).xpath { name, _ in
                    " " + resolve(Reference(name: name, inPredicate: inPredicate, range: range)) + " "
                }
            }
            if case .reference = piece { afterReference = true } else { afterReference = false }
        }
        return result
    }
}
