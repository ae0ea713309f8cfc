extension Expression {
    /// The expression as XForm XPath, with each `${name}` replaced by what `resolving` returns.
    ///
    /// `inPredicate` is true for references inside a `[…]` predicate, where the XForm writer
    /// uses `current()/…` paths. As in pyxform, `${name}` inside string literals is resolved too. Parentheses appear only where precedence needs them; strings are
    /// quoted with `'` unless they contain one; numbers print without exponent or trailing `.0`.
    public func xpath(resolving: (_ name: String, _ inPredicate: Bool) -> String) -> String {
        withoutActuallyEscaping(resolving) { resolve in
            XPathRenderer(resolve: resolve, resolvesStrings: true).render(self, inPredicate: false).text
        }
    }

    /// The expression in XLSForm syntax, `${name}` references kept as written.
    public var xlsformText: String {
        XPathRenderer(resolve: { name, _ in "${\(name)}" }, resolvesStrings: false).render(self, inPredicate: false).text
    }
}

private struct XPathRenderer {
    let resolve: (_ name: String, _ inPredicate: Bool) -> String
    let resolvesStrings: Bool

    /// Precedence of primaries and paths, above every operator.
    static let primary = 9
    static let unary = 7

    func render(_ expression: Expression, inPredicate: Bool) -> (text: String, precedence: Int) {
        switch expression {
        case .number(let value):
            return Self.number(value)
        case .string(let value):
            return (Self.quoted(resolveEmbedded(in: value, inPredicate: inPredicate)), Self.primary)
        case .reference(let name):
            return (resolve(name, inPredicate), Self.primary)
        case .path(let path):
            return (render(path, inPredicate: inPredicate), Self.primary)
        case .negate(let operand):
            let inner = render(operand, inPredicate: inPredicate)
            let text = inner.precedence < Self.unary ? "(\(inner.text))" : inner.text
            return ("-" + text, Self.unary)
        case .binary(let op, let left, let right):
            var leftText = render(left, inPredicate: inPredicate)
            if leftText.precedence < op.precedence || Self.isBareRoot(left) {
                leftText.text = "(\(leftText.text))"
            }
            var rightText = render(right, inPredicate: inPredicate)
            if rightText.precedence <= op.precedence {
                rightText.text = "(\(rightText.text))"
            }
            return ("\(leftText.text) \(op.rawValue) \(rightText.text)", op.precedence)
        case .function(let name, let arguments):
            let list = arguments.map { render($0, inPredicate: inPredicate).text }.joined(separator: ", ")
            return ("\(name)(\(list))", Self.primary)
        case .filter(let base, let predicates):
            return (renderBase(base, inPredicate: inPredicate) + renderPredicates(predicates), Self.primary)
        }
    }

    /// pyxform resolves `${name}` inside string literals too; `jr:choice-name` relies on it.
    func resolveEmbedded(in text: String, inPredicate: Bool) -> String {
        let references = resolvesStrings ? Expression.embeddedReferences(in: text) : []
        guard !references.isEmpty else { return text }
        var result = ""
        var position = text.startIndex
        for reference in references {
            result += text[position..<reference.range.lowerBound]
            result += resolve(reference.name, inPredicate)
            position = reference.range.upperBound
        }
        return result + text[position...]
    }

    func render(_ path: Expression.LocationPath, inPredicate: Bool) -> String {
        var text: String
        var needsSeparator: Bool
        switch path.start {
        case .root:
            if path.steps.isEmpty { return "/" }
            text = ""
            needsSeparator = true
        case .relative:
            text = ""
            needsSeparator = false
        case .expression(let base):
            text = renderBase(base, inPredicate: inPredicate)
            needsSeparator = true
        }
        for (index, step) in path.steps.enumerated() {
            if step == .descendantOrSelf, index < path.steps.count - 1 {
                text += "//"
                needsSeparator = false
                continue
            }
            if needsSeparator { text += "/" }
            text += render(step)
            needsSeparator = true
        }
        return text
    }

    func render(_ step: Expression.Step) -> String {
        if step.predicates.isEmpty, step.test == .node {
            if step.axis == .self { return "." }
            if step.axis == .parent { return ".." }
        }
        let test: String
        switch step.test {
        case .name(let name): test = name
        case .node: test = "node()"
        case .text: test = "text()"
        case .comment: test = "comment()"
        case .processingInstruction(let literal): test = "processing-instruction(\(literal.map(Self.quoted) ?? ""))"
        }
        let axis: String
        switch step.axis {
        case .child: axis = ""
        case .attribute: axis = "@"
        default: axis = step.axis.rawValue + "::"
        }
        return axis + test + renderPredicates(step.predicates)
    }

    /// A primary for a filter or path to start from, parenthesised unless it already is one.
    func renderBase(_ base: Expression, inPredicate: Bool) -> String {
        let rendered = render(base, inPredicate: inPredicate)
        switch base {
        case .string, .reference, .function, .filter:
            return rendered.text
        case .number(let value) where value >= 0 && value.isFinite:
            return rendered.text
        default:
            return "(\(rendered.text))"
        }
    }

    func renderPredicates(_ predicates: [Expression]) -> String {
        predicates.map { "[\(render($0, inPredicate: true).text)]" }.joined()
    }

    static func isBareRoot(_ expression: Expression) -> Bool {
        if case .path(let path) = expression, path.start == .root, path.steps.isEmpty { return true }
        return false
    }

    static func number(_ value: Double) -> (text: String, precedence: Int) {
        if value.isNaN { return ("(0 div 0)", primary) }
        if value.isInfinite { return (value < 0 ? "(-1 div 0)" : "(1 div 0)", primary) }
        let text = XPathNumber.decimal(value)
        return (text, value < 0 ? unary : primary)
    }

    /// XPath 1.0 literals have no escapes: a string holding both quote kinds becomes a `concat`.
    static func quoted(_ value: String) -> String {
        if !value.contains("'") { return "'\(value)'" }
        if !value.contains("\"") { return "\"\(value)\"" }
        var parts: [String] = []
        var current = ""
        for character in value {
            if character == "'" {
                if !current.isEmpty { parts.append("'\(current)'") }
                parts.append("\"'\"")
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { parts.append("'\(current)'") }
        return parts.count == 1 ? parts[0] : "concat(\(parts.joined(separator: ", ")))"
    }
}
