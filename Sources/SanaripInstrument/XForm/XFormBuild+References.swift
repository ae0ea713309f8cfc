import SanaripCore

/// How `${name}` becomes a path, as pyxform 4.5.0 decides it (`Survey._var_repl_function`, `insert_xpaths`).
extension XFormBuild {
    /// The path to `target` written at `source`: relative to it (`../age`, `current()/../age` in a predicate) when
    /// both lie in one repeat, else absolute.
    ///
    /// `text` is the whole expression and `range` where the reference stands in it: in an expression that calls
    /// `indexed-repeat(…)`, pyxform writes the repeat and name arguments absolute and only the indexes relative.
    /// Unlike pyxform, a reference inside `[…]` always gets `current()/`: a bare `../x` there would be read from
    /// the node the predicate filters, not from the question. `toRepeat` is pyxform's `reference_parent`, for
    /// `select_one ${name}`: the path goes up to the repeat's parent, so that it reaches every copy of the repeat.
    func path(
        to target: LocatedElement, from source: LocatedElement, in text: String? = nil, at range: Range<Int>? = nil,
        current: Bool = false, toRepeat: Bool = false
    ) -> String {
        if let text, let range, !Self.writesRelative(in: text, referenceAt: range, name: target.element.name) {
            return path(of: target)
        }
        let here = source.path
        var relative = Self.relativePath(from: here, to: target)
        if toRepeat, relative != nil, let targetRepeat = target.enclosingRepeatPath {
            // pyxform's `get_path_relative_to_lcar`: only when the lowest common repeat is the target's own
            // repeat and it is not inside another repeat, or the source sits in a repeat inside it.
            let common = zip(here.dropLast(), target.path.dropLast()).prefix { $0 == $1 }.count
            let sharedRepeat = (target.ancestors.prefix(common).lastIndex(where: \.isRepeat) ?? -1) + 1
            let outerRepeat = target.ancestors.prefix(sharedRepeat - 1).contains(where: \.isRepeat)
            if sharedRepeat == targetRepeat.count, !outerRepeat || source.enclosingRepeatPath?.count != sharedRepeat {
                relative = (Array(repeating: "..", count: here.count - sharedRepeat + 1)
                    + target.path[(sharedRepeat - 1)...]).joined(separator: "/")
            }
        }
        guard let relative else { return path(of: target) }
        return current ? "current()/" + relative : relative
    }

    /// What `${name}` (the text between the braces) becomes at `source`: the path to the question as `path(to:…)`
    /// writes it, or for `${last-saved#name}` its absolute path in the last saved form; nil when no question has
    /// that name.
    func referencePath(
        _ name: String, from source: LocatedElement, in text: String? = nil, at range: Range<Int>? = nil,
        current: Bool = false, toRepeat: Bool = false
    ) -> String? {
        if let question = LastSavedReference.question(in: name) {
            return byName[question].map { LastSavedReference.xpath(of: path(of: $0)) }
        }
        return byName[name].map { path(to: $0, from: source, in: text, at: range, current: current, toRepeat: toRepeat) }
    }

    /// The path from the element at `here` to `target` when they share a repeat (pyxform's lowest common ancestor
    /// repeat), up to their lowest common group or repeat and down to `target` (`../group/age`); else nil.
    static func relativePath(from here: [String], to target: LocatedElement) -> String? {
        let limit = min(here.count, target.path.count) - 1
        var common = 0
        while common < limit, here[common] == target.path[common] { common += 1 }
        // The ancestors of both up to `common` are the same groups, so the target's say which are repeats.
        guard target.ancestors.prefix(common).contains(where: \.isRepeat) else { return nil }
        return (Array(repeating: "..", count: here.count - common) + target.path[common...]).joined(separator: "/")
    }

    /// pyxform's rule for expressions that call `indexed-repeat(…)`: a reference outside every call is relative,
    /// inside a call only as the 3rd, 5th or 7th argument (an index). The calls are found as pyxform finds them,
    /// `indexed-repeat(` up to the first `)`, and walked as pyxform walks them (a reference past a call skips the
    /// next call too).
    static func writesRelative(in text: String, referenceAt range: Range<Int>, name: String) -> Bool {
        guard text.contains("indexed-repeat(") else { return true }
        let characters = Array(text)
        let opening = Array("indexed-repeat(")
        var calls: [Range<Int>] = []
        var index = 0
        while index + opening.count <= characters.count {
            guard characters[index..<(index + opening.count)].elementsEqual(opening) else {
                index += 1
                continue
            }
            let start = index + opening.count
            guard let close = characters[start...].firstIndex(of: ")"), close > start else {
                index += 1
                continue
            }
            calls.append(index..<(close + 1))
            index = close + 1
        }
        var call = 0
        while call < calls.count {
            let span = calls[call]
            if range.upperBound > span.upperBound {
                guard call + 1 < calls.count else { return true }
                call += 2
                continue
            }
            if range.upperBound < span.lowerBound || range.lowerBound > span.upperBound { return true }
            // The arguments between the call's first `(` and its `)`, split at every comma.
            let arguments = String(characters[(span.lowerBound + opening.count)..<(span.upperBound - 1)])
                .split(separator: ",", omittingEmptySubsequences: false)
            let position = arguments.lastIndex { $0.contains("${\(name)}") }
            return position.map { ![0, 1, 3, 5].contains($0) } ?? false
        }
        return false
    }

    /// `text` with each `${name}` written as pyxform writes references in attributes such as `appearance`
    /// (`search('list', 'matches', 'region', ${region})`): the path between spaces, relative within a repeat.
    func resolvingReferences(in text: String, at element: LocatedElement) -> String {
        guard TextReferences.mayHaveReferences(text) else { return text }
        return TextReferences.segments(of: text).map { segment in
            switch segment {
            case .text(let text), .unclosed(let text): String(text)
            case .reference(let name): referencePath(name, from: element).map { " " + $0 + " " } ?? "${\(name)}"
            }
        }.joined()
    }
}
