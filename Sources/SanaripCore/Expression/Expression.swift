/// An XLSForm expression (the XPath 1.0 subset ODK uses, plus `${name}` references) as a typed tree.
///
/// Parentheses are not stored: the tree's shape carries grouping, and rendering adds
/// parentheses back only where precedence needs them.
public indirect enum Expression: Sendable, Hashable {
    /// A number literal such as `15` or `.5`.
    case number(Double)
    /// A string literal, without its quotes.
    case string(String)
    /// A `${name}` reference to another question, group or repeat.
    case reference(String)
    /// A location path such as `/data/age`, `../name`, `.` or `instance('id')/root/item`.
    case path(LocationPath)
    /// Unary minus.
    case negate(Expression)
    /// A binary operation, left operand first.
    case binary(BinaryOperator, Expression, Expression)
    /// A function call such as `selected(${x}, 'a')` or `jr:choice-name(...)`.
    case function(String, [Expression])
    /// A primary expression narrowed by predicates, such as `(${a} | ${b})[1]`.
    case filter(Expression, predicates: [Expression])
}

extension Expression {
    /// The binary operators of XPath 1.0; the raw value is the operator as written.
    public enum BinaryOperator: String, Sendable, Hashable, CaseIterable {
        case or
        case and
        case equal = "="
        case notEqual = "!="
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="
        case add = "+"
        case subtract = "-"
        case multiply = "*"
        case divide = "div"
        case modulo = "mod"
        case union = "|"

        /// Binding strength, from `or` (1) to `|` (8); all operators associate to the left.
        public var precedence: Int {
            switch self {
            case .or: 1
            case .and: 2
            case .equal, .notEqual: 3
            case .less, .lessOrEqual, .greater, .greaterOrEqual: 4
            case .add, .subtract: 5
            case .multiply, .divide, .modulo: 6
            case .union: 8
            }
        }
    }

    /// A location path: where it starts and the steps taken from there.
    public struct LocationPath: Sendable, Hashable {
        /// Where a path starts.
        public enum Start: Sendable, Hashable {
            /// `/…`: the document root.
            case root
            /// `name/…`, `../…`, `.`: the context node.
            case relative
            /// `instance('id')/…`, `current()/…`: the nodes an expression returns.
            case expression(Expression)
        }

        public var start: Start
        public var steps: [Step]

        public init(start: Start, steps: [Step]) {
            self.start = start
            self.steps = steps
        }
    }

    /// One step of a location path: `axis::test[predicate]…`.
    public struct Step: Sendable, Hashable {
        public var axis: Axis
        public var test: NodeTest
        public var predicates: [Expression]

        public init(axis: Axis = .child, test: NodeTest, predicates: [Expression] = []) {
            self.axis = axis
            self.test = test
            self.predicates = predicates
        }

        /// `name`: a child element.
        public static func child(_ name: String, predicates: [Expression] = []) -> Step {
            Step(axis: .child, test: .name(name), predicates: predicates)
        }

        /// `..`: the parent.
        public static let parent = Step(axis: .parent, test: .node)

        /// `.`: the context node itself.
        public static let current = Step(axis: .self, test: .node)

        /// The step `//` stands for between two steps.
        public static let descendantOrSelf = Step(axis: .descendantOrSelf, test: .node)
    }

    /// XPath 1.0 axes; the raw value is the axis name.
    public enum Axis: String, Sendable, Hashable, CaseIterable {
        case ancestor
        case ancestorOrSelf = "ancestor-or-self"
        case attribute
        case child
        case descendant
        case descendantOrSelf = "descendant-or-self"
        case following
        case followingSibling = "following-sibling"
        case namespace
        case parent
        case preceding
        case precedingSibling = "preceding-sibling"
        case `self`
    }

    /// What a step matches on its axis.
    public enum NodeTest: Sendable, Hashable {
        /// A name (`item`, `h:head`), `*`, or `prefix:*`.
        case name(String)
        /// `node()`
        case node
        /// `text()`
        case text
        /// `comment()`
        case comment
        /// `processing-instruction()` with its optional literal.
        case processingInstruction(String?)
    }
}
