import SanaripCore

/// A study's indicators compiled once for one data set, then evaluated row by row.
///
/// Each expression becomes a tree over column and indicator positions, so nothing is looked up by name per row.
/// A part of an expression that reads one question only (`${used_internet} = 'yes'`,
/// `selected(${devices_used}, 'laptop')`, `if(${age} <= 28, '15-28', …)`) is evaluated by the expression engine
/// once per distinct answer of that question, and read from that table per row; `and`, `or`, `not`, comparisons,
/// arithmetic and `if` over several questions or earlier indicators are evaluated in the tree; anything else
/// (paths, `|`, functions of several questions) by the expression engine on the row. The values and errors are
/// the expression engine's on each row.
public struct IndicatorProgram: Sendable {
    /// Where a name's value is: an indicator computed before the one being evaluated, else a data column.
    struct Slot: Sendable {
        var column: Int?
        var indicator: Int?
    }

    /// A compiled part of an expression. Each evaluates to the value the expression engine gives that part where
    /// one value is needed (a reference as its answer's typed value).
    indirect enum Node: Sendable {
        case constant(ExpressionValue)
        /// A part reading no answer that cannot be evaluated: it fails on every row that reaches it.
        case failure(EvaluationError)
        case column(Int)
        case indicator(Int)
        /// A part reading one column only, evaluated once per distinct text: `outcomes[code + 1]`.
        case lookup(column: Int, outcomes: [Result<ExpressionValue, EvaluationError>])
        case negate(Node)
        case not(Node)
        case and(Node, Node)
        case or(Node, Node)
        case compare(Expression.BinaryOperator, Node, Node)
        case arithmetic(Expression.BinaryOperator, Node, Node)
        /// `if(condition, then, else)`.
        case choose(Node, Node, Node)
        /// Evaluated by the expression engine on the row.
        case engine(Expression)
    }

    let indicators: [Indicator]
    let columns: [IndicatorColumn]
    let slots: [String: Slot]
    let bases: [Node?]
    let expressions: [Node]

    /// Compiles `indicators` for data whose columns are `columns`; `slots` says where each name is read from.
    init(indicators: [Indicator], columns: [IndicatorColumn], slots: [String: Slot]) {
        self.indicators = indicators
        self.columns = columns
        self.slots = slots
        var bases: [Node?] = []
        var expressions: [Node] = []
        for position in indicators.indices {
            let compiler = Compiler(position: position, columns: columns, slots: slots)
            bases.append(indicators[position].base.map(compiler.compile))
            expressions.append(compiler.compile(indicators[position].expression))
        }
        self.bases = bases
        self.expressions = expressions
    }

    /// The value of every indicator, in file order, on the data's row `record` (0-based); `row` numbers it in messages.
    ///
    /// - Throws: ``IndicatorDataError`` naming the row and the first indicator that cannot be evaluated on it.
    public func values(at record: Int, row: Int) throws(IndicatorDataError) -> [IndicatorEvaluator.Value] {
        var computed: [IndicatorEvaluator.Value] = []
        computed.reserveCapacity(indicators.count)
        for position in indicators.indices {
            let value: IndicatorEvaluator.Value
            do {
                value = try self.value(of: position, at: record, computed: computed)
            } catch {
                let indicator = indicators[position]
                throw IndicatorDataError(row: row, indicator: indicator.name, line: indicator.line, reason: "\(error)")
            }
            computed.append(value)
        }
        return computed
    }

    /// Indicator `position` on row `record`, given the indicators before it.
    private func value(of position: Int, at record: Int, computed: [IndicatorEvaluator.Value]) throws(EvaluationError) -> IndicatorEvaluator.Value {
        if let base = bases[position], try !evaluate(base, at: record, computed: computed).booleanValue { return .missing }
        let result = try evaluate(expressions[position], at: record, computed: computed)
        switch indicators[position].kind {
        case .proportion:
            return .number(result.booleanValue ? 1 : 0)
        case .mean:
            let number = result.numberValue
            return number.isFinite ? .number(number) : .missing
        case .category:
            let text = result.stringValue
            return text.isEmpty ? .missing : .category(text)
        }
    }

    private func evaluate(_ node: Node, at record: Int, computed: [IndicatorEvaluator.Value]) throws(EvaluationError) -> ExpressionValue {
        switch node {
        case .constant(let value):
            return value
        case .failure(let error):
            throw error
        case .column(let column):
            return ExpressionValue(columns[column].answer(record))
        case .indicator(let position):
            return ExpressionValue(computed[position].answer)
        case .lookup(let column, let outcomes):
            return try outcomes[Int(columns[column].codes[record]) + 1].get()
        case .negate(let operand):
            return .number(-(try evaluate(operand, at: record, computed: computed).numberValue))
        case .not(let operand):
            return .boolean(!(try evaluate(operand, at: record, computed: computed).booleanValue))
        case .and(let left, let right):
            guard try evaluate(left, at: record, computed: computed).booleanValue else { return .boolean(false) }
            return .boolean(try evaluate(right, at: record, computed: computed).booleanValue)
        case .or(let left, let right):
            if try evaluate(left, at: record, computed: computed).booleanValue { return .boolean(true) }
            return .boolean(try evaluate(right, at: record, computed: computed).booleanValue)
        case .compare(let op, let left, let right):
            let a = try evaluate(left, at: record, computed: computed)
            let b = try evaluate(right, at: record, computed: computed)
            return .boolean(ExpressionEvaluator.compare(op, a, b))
        case .arithmetic(let op, let left, let right):
            let a = try evaluate(left, at: record, computed: computed).numberValue
            let b = try evaluate(right, at: record, computed: computed).numberValue
            return .number(ExpressionEvaluator.arithmetic(op, a, b))
        case .choose(let condition, let then, let otherwise):
            let holds = try evaluate(condition, at: record, computed: computed).booleanValue
            return try evaluate(holds ? then : otherwise, at: record, computed: computed)
        case .engine(let expression):
            return try RowContext(program: self, record: record, computed: computed).value(of: expression)
        }
    }
}

extension IndicatorEvaluator.Value {
    /// The value as the answer an expression reading the indicator sees.
    var answer: AnswerValue {
        switch self {
        case .missing: .empty
        case .number(let number): .number(number)
        case .category(let text): .text(text)
        }
    }
}

extension EvaluationContext {
    /// `expression` where one value is needed, as the expression engine evaluates it in this context.
    func value(of expression: Expression) throws(EvaluationError) -> ExpressionValue {
        let evaluator = ExpressionEvaluator(context: self)
        return try evaluator.scalar(evaluator.evaluate(expression, in: evaluator.topFocus), of: expression)
    }
}

/// One row of the data with the indicators computed on it so far, as the expression engine sees it.
private struct RowContext: EvaluationContext {
    let program: IndicatorProgram
    let record: Int
    let computed: [IndicatorEvaluator.Value]

    func values(of name: String) -> [AnswerValue] {
        guard let slot = program.slots[name] else { return [.empty] }
        if let position = slot.indicator, position < computed.count { return [computed[position].answer] }
        guard let column = slot.column else { return [.empty] }
        return [program.columns[column].answer(record)]
    }
}

/// One answer of one column, every other name empty: what a part reading that column only sees.
private struct AnswerContext: EvaluationContext {
    let slots: [String: IndicatorProgram.Slot]
    let column: Int?
    let answer: AnswerValue

    func values(of name: String) -> [AnswerValue] {
        guard let column, slots[name]?.column == column else { return [.empty] }
        return [answer]
    }
}

/// Compiles the expressions of the indicator at `position`: the indicators before it are computed.
private struct Compiler {
    let position: Int
    let columns: [IndicatorColumn]
    let slots: [String: IndicatorProgram.Slot]

    /// Functions whose value depends on more than the answers: never evaluated once for many rows.
    static let volatile: Set<String> = [
        "today", "now", "random", "uuid", "once", "current", "position", "instance", "indexed-repeat", "randomize",
    ]

    /// What a name stands for in this indicator: an earlier indicator, a column, or nothing (empty).
    enum Reference {
        case indicator(Int)
        case column(Int)
        case empty
    }

    func resolve(_ name: String) -> Reference {
        guard let slot = slots[name] else { return .empty }
        if let indicator = slot.indicator, indicator < position { return .indicator(indicator) }
        return slot.column.map(Reference.column) ?? .empty
    }

    /// The columns `expression` reads, and whether it is a function of them alone (so it can be evaluated once per
    /// distinct answer): no earlier indicator, no path, no `|` (several answers), no volatile function.
    func reads(_ expression: Expression) -> (columns: Set<Int>, onlyAnswers: Bool) {
        var columns: Set<Int> = []
        var onlyAnswers = true
        expression.visit { part in
            switch part {
            case .reference(let name):
                switch resolve(name) {
                case .indicator: onlyAnswers = false
                case .column(let column): columns.insert(column)
                case .empty: break
                }
            case .path, .filter, .binary(.union, _, _):
                onlyAnswers = false
            case .function(let name, _) where Self.volatile.contains(name):
                onlyAnswers = false
            default:
                break
            }
        }
        return (columns, onlyAnswers)
    }

    func compile(_ expression: Expression) -> IndicatorProgram.Node {
        if case .reference(let name) = expression {
            switch resolve(name) {
            case .indicator(let indicator): return .indicator(indicator)
            case .column(let column): return .column(column)
            case .empty: return .constant(.string(""))
            }
        }
        let (read, onlyAnswers) = reads(expression)
        if onlyAnswers, read.count <= 1 { return fold(expression, column: read.first) }
        switch expression {
        case .negate(let operand):
            return .negate(compile(operand))
        case .binary(let op, let left, let right):
            switch op {
            case .and: return .and(compile(left), compile(right))
            case .or: return .or(compile(left), compile(right))
            case .union: return .engine(expression)
            case .add, .subtract, .multiply, .divide, .modulo: return .arithmetic(op, compile(left), compile(right))
            case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
                // A side the engine evaluates may be several answers, which compare as XPath sets: left to the engine.
                let (a, b) = (compile(left), compile(right))
                if a.isEngine || b.isEngine { return .engine(expression) }
                return .compare(op, a, b)
            }
        case .function(let name, let arguments):
            guard let function = ExpressionFunction.named(name), function.arity.accepts(arguments.count) else {
                return .engine(expression)
            }
            switch name {
            case "not":
                return .not(compile(arguments[0]))
            case "if":
                let parts = arguments.map(compile)
                // Its value may be a branch's answers, which the engine keeps as a set.
                if parts[1].isEngine || parts[2].isEngine { return .engine(expression) }
                return .choose(parts[0], parts[1], parts[2])
            default:
                return .engine(expression)
            }
        default:
            return .engine(expression)
        }
    }

    /// `expression`, which reads `column` only (or nothing), evaluated once per distinct answer.
    func fold(_ expression: Expression, column: Int?) -> IndicatorProgram.Node {
        func outcome(_ answer: AnswerValue) -> Result<ExpressionValue, EvaluationError> {
            let context = AnswerContext(slots: slots, column: column, answer: answer)
            return Result { () throws(EvaluationError) -> ExpressionValue in try context.value(of: expression) }
        }
        guard let column else {
            switch outcome(.empty) {
            case .success(let value): return .constant(value)
            case .failure(let error): return .failure(error)
            }
        }
        let data = columns[column]
        return .lookup(column: column, outcomes: [outcome(.empty)] + data.levels.indices.map { outcome(data.answer(code: Int32($0))) })
    }
}

extension IndicatorProgram.Node {
    fileprivate var isEngine: Bool {
        if case .engine = self { return true }
        return false
    }
}
