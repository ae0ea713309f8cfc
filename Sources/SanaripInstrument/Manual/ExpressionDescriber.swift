import SanaripCore

/// Says an XLSForm expression in words for interviewers: `selected(${apps}, 'telegram')` becomes
/// `«Which messengers do you use?» includes «Telegram»`, `. >= 15` becomes `this answer ≥ 15`.
struct ExpressionDescriber {
    let instrument: Instrument
    let language: String?
    let strings: TrilingualStrings
    private let questions: [String: Question]

    init(instrument: Instrument, language: String?, strings: TrilingualStrings) {
        self.instrument = instrument
        self.language = language
        self.strings = strings
        var questions: [String: Question] = [:]
        for question in instrument.questions where questions[question.name] == nil { questions[question.name] = question }
        self.questions = questions
    }

    /// The expression in words, or the text as written when it does not parse.
    func describe(_ text: String) -> String {
        guard let expression = try? ExpressionParser.parse(text) else { return text }
        return describe(expression, parent: nil)
    }

    private func describe(_ expression: Expression, parent: Expression.BinaryOperator?) -> String {
        switch expression {
        case .number(let value):
            return value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        case .string(let value):
            return "'\(value)'"
        case .reference(let name):
            return "«\(label(of: name))»"
        case .path(let path):
            if path.start == .relative, path.steps == [.current] { return strings["thisAnswer"] }
            return Expression.path(path).xlsformText
        case .negate(let inner):
            return "-" + describe(inner, parent: .multiply)
        case .binary(let op, let left, let right):
            if let words = answeredCheck(op, left, right) { return words }
            let text: String
            switch op {
            case .and, .or:
                text = describe(left, parent: op) + " \(strings[op == .and ? "and" : "or"]) " + describe(right, parent: op)
            default:
                let symbol = [Expression.BinaryOperator.greaterOrEqual: "≥", .lessOrEqual: "≤", .notEqual: "≠", .divide: "÷", .multiply: "×", .modulo: "mod"][op] ?? op.rawValue
                text = describe(left, parent: op) + " \(symbol) " + describe(choiceOperand(right, comparedWith: left) ?? right, parent: op, literal: choiceOperand(right, comparedWith: left) != nil)
            }
            if let parent, parent.precedence > op.precedence { return "(\(text))" }
            return text
        case .function(let name, let arguments):
            switch (name, arguments.count) {
            case ("selected", 2):
                if case .reference(let field) = arguments[0], case .string(let value) = arguments[1] {
                    return "«\(label(of: field))» \(strings["selected"]) «\(choiceLabel(field: field, value: value))»"
                }
            case ("not", 1):
                return "\(strings["not"]) (\(describe(arguments[0], parent: nil)))"
            case ("count-selected", 1):
                return "\(strings["count"]) \(describe(arguments[0], parent: nil))"
            default:
                break
            }
            return name + "(" + arguments.map { describe($0, parent: nil) }.joined(separator: ", ") + ")"
        case .filter:
            return expression.xlsformText
        }
    }

    private func describe(_ expression: Expression, parent: Expression.BinaryOperator?, literal: Bool) -> String {
        if literal, case .string(let text) = expression { return "«\(text)»" }
        return describe(expression, parent: parent)
    }

    /// `${x} != ''` and `${x} = ''` said as "is answered" and "is not answered".
    private func answeredCheck(_ op: Expression.BinaryOperator, _ left: Expression, _ right: Expression) -> String? {
        guard op == .equal || op == .notEqual, case .string("") = right, case .reference(let name) = left else { return nil }
        return "«\(label(of: name))» " + strings[op == .equal ? "empty" : "answered"]
    }

    /// When a select question is compared with a literal, the literal shown as its choice's label.
    private func choiceOperand(_ operand: Expression, comparedWith other: Expression) -> Expression? {
        guard case .reference(let field) = other, case .string(let value) = operand, questions[field]?.type.choiceList != nil else {
            return nil
        }
        return .string(choiceLabel(field: field, value: value))
    }

    private func label(of name: String) -> String {
        let label = questions[name]?.label.text(in: language) ?? name
        return label.count > 70 ? String(label.prefix(67)) + "…" : label
    }

    private func choiceLabel(field: String, value: String) -> String {
        guard let list = questions[field]?.type.choiceList, let choice = instrument.choiceList(named: list)?.choice(named: value) else {
            return value
        }
        return choice.label.text(in: language) ?? value
    }
}
