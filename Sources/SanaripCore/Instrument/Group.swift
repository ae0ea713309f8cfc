/// A `begin_group … end_group` or `begin_repeat … end_repeat` block of an XLSForm.
public struct Group: Sendable, Hashable {
    /// Whether the block is a plain group or a repeat that can be answered several times.
    public enum Kind: Sendable, Hashable {
        case group
        case `repeat`
    }

    public var name: String
    public var kind: Kind
    public var label = LocalizedText()
    public var hint = LocalizedText()
    public var relevant: String?
    public var appearance: String?
    /// For repeats: how many times, as a number or an expression.
    public var repeatCount: String?
    public var readOnly: String?
    /// The `required` cell as written; pyxform writes it on the group's bind, where it has no effect.
    public var required: String?
    public var children: [SurveyElement] = []
    public var bodyAttributes: [String: String] = [:]
    public var bindAttributes: [String: String] = [:]
    public var extra: [String: String] = [:]
    /// The row of the `begin_…` line, for messages.
    public var row: Int?

    public init(name: String, kind: Kind = .group, children: [SurveyElement] = []) {
        self.name = name
        self.kind = kind
        self.children = children
    }

    /// True for repeats.
    public var isRepeat: Bool { kind == .repeat }
}
