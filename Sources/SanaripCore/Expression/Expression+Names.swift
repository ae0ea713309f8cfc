extension Expression {
    /// The names of the `${…}` references, in source order, each once.
    ///
    /// The XLSForm reader checks these against the form's questions.
    ///
    /// Like pyxform, it counts `${name}` written inside string literals too, as in
    /// `jr:choice-name(${district}, '${district}')`.
    public var referencedNames: [String] {
        var names = OrderedNames()
        visit { expression in
            switch expression {
            case .reference(let name):
                names.insert(name)
            case .string(let text):
                for reference in Self.embeddedReferences(in: text) { names.insert(reference.name) }
            default:
                break
            }
        }
        return names.items
    }

    /// The `${name}` references written inside a string literal, with where each sits.
    static func embeddedReferences(in text: String) -> [(range: Range<String.Index>, name: String)] {
        var found: [(range: Range<String.Index>, name: String)] = []
        var searchStart = text.startIndex
        while let open = text[searchStart...].firstRange(of: "${"),
            let close = text[open.upperBound...].firstIndex(of: "}")
        {
            var content = text[open.upperBound..<close]
            while let first = content.first, first.isWhitespace { content.removeFirst() }
            while let last = content.last, last.isWhitespace { content.removeLast() }
            let name = content.hasPrefix("last-saved#") ? content.dropFirst("last-saved#".count) : content
            if let first = name.first, first == "_" || first.isLetter,
                name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." })
            {
                found.append((open.lowerBound..<text.index(after: close), String(content)))
            }
            searchStart = text.index(after: close)
        }
        return found
    }

    /// The names of the functions called, in source order, each once.
    public var functionNames: [String] {
        var names = OrderedNames()
        visit { expression in
            if case .function(let name, _) = expression { names.insert(name) }
        }
        return names.items
    }

    /// Calls `body` on this expression and every subexpression, in source order.
    public func visit(_ body: (Expression) -> Void) {
        body(self)
        switch self {
        case .number, .string, .reference:
            break
        case .path(let path):
            path.visit(body)
        case .negate(let operand):
            operand.visit(body)
        case .binary(_, let left, let right):
            left.visit(body)
            right.visit(body)
        case .function(_, let arguments):
            for argument in arguments { argument.visit(body) }
        case .filter(let base, let predicates):
            base.visit(body)
            for predicate in predicates { predicate.visit(body) }
        }
    }
}

extension Expression.LocationPath {
    func visit(_ body: (Expression) -> Void) {
        if case .expression(let start) = start { start.visit(body) }
        for step in steps {
            for predicate in step.predicates { predicate.visit(body) }
        }
    }
}

private struct OrderedNames {
    var items: [String] = []
    var seen: Set<String> = []

    mutating func insert(_ name: String) {
        if seen.insert(name).inserted { items.append(name) }
    }
}
