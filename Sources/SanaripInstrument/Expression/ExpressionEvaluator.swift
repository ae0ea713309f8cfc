import Foundation
import SanaripCore

/// Evaluates expressions against answers the way ODK Collect (JavaRosa) does.
///
/// Conversions follow JavaRosa: a reference to one answer acts as that answer's typed value, so
/// an empty answer is `''` as text, NaN as a number and false as a boolean. Where JavaRosa would
/// fail on a repeated question, comparisons instead follow XPath 1.0 (`=` is true when any answer
/// matches); other uses of several answers as one value are an `EvaluationError`.
public struct ExpressionEvaluator: Sendable {
    public var context: any EvaluationContext

    public init(context: any EvaluationContext) {
        self.context = context
    }

    /// The value of `expression`; node-sets come back as the answers they select.
    public func evaluate(_ expression: SanaripCore.Expression) throws(EvaluationError) -> ExpressionValue {
        try exported(evaluate(expression, in: topFocus))
    }

    /// `expression` as a condition (`relevant`, `constraint`, `required`).
    public func evaluateBoolean(_ expression: SanaripCore.Expression) throws(EvaluationError) -> Bool {
        try scalar(evaluate(expression, in: topFocus), of: expression).booleanValue
    }

    /// `expression` as the text a `calculation` stores.
    public func evaluateString(_ expression: SanaripCore.Expression) throws(EvaluationError) -> String {
        try scalar(evaluate(expression, in: topFocus), of: expression).stringValue
    }

    /// `expression` as a number (NaN when it is not one).
    public func evaluateNumber(_ expression: SanaripCore.Expression) throws(EvaluationError) -> Double {
        try scalar(evaluate(expression, in: topFocus), of: expression).numberValue
    }
}

// MARK: Values and nodes

extension ExpressionEvaluator {
    /// A node a path can stand on.
    enum Node: Hashable {
        /// A question's answer; it has no children.
        case answer(AnswerValue)
        /// The question being evaluated.
        case current
        /// A group, repeat or the form root in the main instance.
        case group
        /// The document of secondary instance `id`.
        case instance(String)
        /// Its root element.
        case instanceRoot(String)
        /// One of its items.
        case item(String, [String: String])
        /// A child of an item: its name and text, and the item it belongs to.
        case itemField(name: String, text: String, item: [String: String], instance: String)
    }

    /// A value during evaluation: nodes stay nodes so paths can continue from them.
    enum Value {
        case scalar(ExpressionValue)
        case nodes([Node])
    }

    /// The context node and its 1-based position in the set it came from.
    struct Focus {
        var node: Node
        var position: Int
    }

    var topFocus: Focus {
        Focus(node: .current, position: context.position ?? 1)
    }

    func answer(of node: Node) -> AnswerValue {
        switch node {
        case .answer(let answer): answer
        case .current: context.currentValue ?? .empty
        case .itemField(_, let text, _, _): .text(text)
        case .group, .instance, .instanceRoot, .item: .empty
        }
    }

    func exported(_ value: Value) -> ExpressionValue {
        switch value {
        case .scalar(let scalar): scalar
        case .nodes(let nodes): .nodeSet(nodes.map(answer(of:)))
        }
    }

    /// The typed value of one node, dates moved into the context's time zone.
    func typed(_ node: Node) -> ExpressionValue {
        localized(ExpressionValue(answer(of: node)))
    }

    /// One value from `value`, as JavaRosa unpacks: no node is `''`, several are an error.
    func scalar(_ value: Value, of expression: Expression) throws(EvaluationError) -> ExpressionValue {
        switch value {
        case .scalar(let scalar):
            return scalar
        case .nodes(let nodes):
            guard nodes.count <= 1 else {
                throw EvaluationError(
                    "'\(expression.xlsformText)' has \(nodes.count) values here (it is in a repeat); "
                        + "use indexed-repeat(), sum(), count() or join() to pick or combine them")
            }
            return nodes.first.map(typed) ?? .string("")
        }
    }

    func scalar(_ expression: Expression, in focus: Focus) throws(EvaluationError) -> ExpressionValue {
        try scalar(evaluate(expression, in: focus), of: expression)
    }

    func nodes(_ expression: Expression, in focus: Focus, for use: String) throws(EvaluationError) -> [Node] {
        guard case .nodes(let nodes) = try evaluate(expression, in: focus) else {
            throw EvaluationError("\(use) needs a question or path such as ${name}, not '\(expression.xlsformText)'")
        }
        return nodes
    }
}

// MARK: Expressions

extension ExpressionEvaluator {
    func evaluate(_ expression: Expression, in focus: Focus) throws(EvaluationError) -> Value {
        switch expression {
        case .number(let value):
            return .scalar(.number(value))
        case .string(let text):
            return .scalar(.string(text))
        case .reference(let name):
            return .nodes(context.values(of: name).map(Node.answer))
        case .path(let path):
            return .nodes(try evaluate(path, in: focus))
        case .negate(let operand):
            return .scalar(.number(-(try scalar(operand, in: focus).numberValue)))
        case .binary(let op, let left, let right):
            return try evaluate(op, left, right, in: focus)
        case .function(let name, let arguments):
            return try call(name, arguments, in: focus)
        case .filter(let base, let predicates):
            var selected = try nodes(base, in: focus, for: "a filter […]")
            for predicate in predicates {
                selected = try filter(selected, by: predicate)
            }
            return .nodes(selected)
        }
    }

    func evaluate(
        _ op: Expression.BinaryOperator, _ left: Expression, _ right: Expression, in focus: Focus
    ) throws(EvaluationError) -> Value {
        switch op {
        case .or:
            if try scalar(left, in: focus).booleanValue { return .scalar(.boolean(true)) }
            return .scalar(.boolean(try scalar(right, in: focus).booleanValue))
        case .and:
            if !(try scalar(left, in: focus).booleanValue) { return .scalar(.boolean(false)) }
            return .scalar(.boolean(try scalar(right, in: focus).booleanValue))
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            let leftValue = try evaluate(left, in: focus)
            let rightValue = try evaluate(right, in: focus)
            return .scalar(.boolean(compare(op, leftValue, rightValue)))
        case .add, .subtract, .multiply, .divide, .modulo:
            let a = try scalar(left, in: focus).numberValue
            let b = try scalar(right, in: focus).numberValue
            return .scalar(.number(Self.arithmetic(op, a, b)))
        case .union:
            let a = try nodes(left, in: focus, for: "'|'")
            let b = try nodes(right, in: focus, for: "'|'")
            return .nodes(a + b)
        }
    }

    /// `+`, `-`, `*`, `div`, `mod` of two numbers.
    static func arithmetic(_ op: Expression.BinaryOperator, _ a: Double, _ b: Double) -> Double {
        switch op {
        case .add: a + b
        case .subtract: a - b
        case .multiply: a * b
        case .divide: a / b
        default: a.truncatingRemainder(dividingBy: b)
        }
    }

    /// `=`, `!=`, `<`, `<=`, `>`, `>=`. One value per side compares as JavaRosa does; a side with
    /// several answers compares as in XPath 1.0: true if some answer satisfies the comparison.
    func compare(_ op: Expression.BinaryOperator, _ left: Value, _ right: Value) -> Bool {
        func many(_ value: Value) -> [ExpressionValue]? {
            if case .nodes(let nodes) = value, nodes.count > 1 { return nodes.map(typed) }
            return nil
        }
        func single(_ value: Value) -> ExpressionValue {
            switch value {
            case .scalar(let scalar): scalar
            case .nodes(let nodes): nodes.first.map(typed) ?? .string("")
            }
        }
        let leftMany = many(left)
        let rightMany = many(right)
        if leftMany == nil && rightMany == nil {
            return Self.compare(op, single(left), single(right))
        }
        if case .scalar(.boolean(let flag)) = left { return Self.compare(op, .boolean(flag), .boolean(true)) }
        if case .scalar(.boolean(let flag)) = right { return Self.compare(op, .boolean(true), .boolean(flag)) }
        let lefts = leftMany ?? [single(left)]
        let rights = rightMany ?? [single(right)]
        return lefts.contains { a in rights.contains { b in Self.compare(op, a, b) } }
    }

    static func compare(_ op: Expression.BinaryOperator, _ a: ExpressionValue, _ b: ExpressionValue) -> Bool {
        switch op {
        case .equal, .notEqual:
            let equal: Bool
            if case .boolean = a {
                equal = a.booleanValue == b.booleanValue
            } else if case .boolean = b {
                equal = a.booleanValue == b.booleanValue
            } else if a.isNumber || b.isNumber {
                let x = a.numberValue
                let y = b.numberValue
                equal = x == y || abs(x - y) < 1e-12
            } else {
                equal = a.stringValue == b.stringValue
            }
            return (op == .equal) == equal
        case .less: return a.numberValue < b.numberValue
        case .lessOrEqual: return a.numberValue <= b.numberValue
        case .greater: return a.numberValue > b.numberValue
        default: return a.numberValue >= b.numberValue
        }
    }
}

extension ExpressionValue {
    fileprivate var isNumber: Bool {
        if case .number = self { return true }
        return false
    }
}

// MARK: Paths

extension ExpressionEvaluator {
    func evaluate(_ path: Expression.LocationPath, in focus: Focus) throws(EvaluationError) -> [Node] {
        var selected: [Node]
        switch path.start {
        case .root: selected = [.group]
        case .relative: selected = [focus.node]
        case .expression(let base): selected = try nodes(base, in: focus, for: "a path '/…'")
        }
        for (index, step) in path.steps.enumerated() {
            var next: [Node] = []
            for node in selected {
                let matched = try self.step(step, from: node, isLast: index == path.steps.count - 1)
                next += try filter(matched, by: step.predicates)
            }
            selected = next
        }
        return selected
    }

    func filter(_ nodes: [Node], by predicates: [Expression]) throws(EvaluationError) -> [Node] {
        var selected = nodes
        for predicate in predicates {
            selected = try filter(selected, by: predicate)
        }
        return selected
    }

    func filter(_ nodes: [Node], by predicate: Expression) throws(EvaluationError) -> [Node] {
        var kept: [Node] = []
        for (index, node) in nodes.enumerated() {
            let focus = Focus(node: node, position: index + 1)
            let value = try evaluate(predicate, in: focus)
            let keep: Bool
            if case .scalar(.number(let number)) = value {
                keep = Double(index + 1) == number
            } else {
                keep = try scalar(value, of: predicate).booleanValue
            }
            if keep { kept.append(node) }
        }
        return kept
    }

    /// One step from one node. Main-instance paths are resolved by their last name, as
    /// XLSForm question names are unique: `/data/group/age` and `../age` both read `${age}`.
    /// Secondary instances have ODK's shape: `root`, then `item`s, then their fields.
    func step(_ step: Expression.Step, from node: Node, isLast: Bool) throws(EvaluationError) -> [Node] {
        switch step.axis {
        case .self:
            return matches(step.test, node) ? [node] : []
        case .parent:
            return parent(of: node).filter { matches(step.test, $0) }
        case .child:
            return children(of: node, named: step.test, isLast: isLast)
        case .descendantOrSelf, .descendant:
            var found: [Node] = step.axis == .descendantOrSelf && matches(step.test, node) ? [node] : []
            var frontier = children(of: node, named: .node, isLast: false)
            while !frontier.isEmpty {
                found += frontier.filter { matches(step.test, $0) }
                frontier = frontier.flatMap { children(of: $0, named: .node, isLast: false) }
            }
            return found
        case .attribute:
            return []
        default:
            throw EvaluationError("the '\(step.axis.rawValue)::' axis can't be evaluated here")
        }
    }

    /// Whether `node` passes `test`; only item fields know their names, other nodes pass any name.
    func matches(_ test: Expression.NodeTest, _ node: Node) -> Bool {
        switch test {
        case .node:
            return true
        case .name(let name):
            if name != "*", case .itemField(let fieldName, _, _, _) = node { return fieldName == name }
            return true
        case .text, .comment, .processingInstruction:
            return false
        }
    }

    func parent(of node: Node) -> [Node] {
        switch node {
        case .answer, .current, .group: [.group]
        case .instance: []
        case .instanceRoot(let id): [.instance(id)]
        case .item(let id, _): [.instanceRoot(id)]
        case .itemField(_, _, let item, let id): [.item(id, item)]
        }
    }

    func children(of node: Node, named test: Expression.NodeTest, isLast: Bool) -> [Node] {
        let name: String?
        switch test {
        case .name(let text): name = text == "*" ? nil : text
        case .node: name = nil
        default: return []
        }
        switch node {
        case .answer, .current, .itemField:
            return []
        case .group:
            guard let name else { return [] }
            return isLast ? context.values(of: name).map(Node.answer) : [.group]
        case .instance(let id):
            return name == nil || name == "root" ? [.instanceRoot(id)] : []
        case .instanceRoot(let id):
            guard name == nil || name == "item" else { return [] }
            return (context.instanceItems(id) ?? []).map { .item(id, $0) }
        case .item(let id, let item):
            if let name {
                return item[name].map { [.itemField(name: name, text: $0, item: item, instance: id)] } ?? []
            }
            return item.keys.sorted().map { .itemField(name: $0, text: item[$0] ?? "", item: item, instance: id) }
        }
    }
}
