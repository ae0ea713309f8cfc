/// A node of an instrument's tree: a question, or a group or repeat holding more elements.
///
/// Indirect, so that copying an element (as ``Instrument/walk()`` and the passes over its result do)
/// retains one box instead of every field of a question.
public indirect enum SurveyElement: Sendable, Hashable {
    case question(Question)
    case group(Group)

    /// The element's name, unique among its siblings.
    public var name: String {
        switch self {
        case .question(let question): question.name
        case .group(let group): group.name
        }
    }

    /// The row of the survey sheet the element starts at.
    public var row: Int? {
        switch self {
        case .question(let question): question.row
        case .group(let group): group.row
        }
    }
}

/// An element with its position in the tree, as ``Instrument/walk()`` yields it.
public struct LocatedElement: Sendable, Hashable {
    public var element: SurveyElement
    /// Names from the root to the element, inclusive (`["household", "member", "age"]`).
    public var path: [String]
    /// The groups that contain the element, outermost first.
    public var ancestors: [Group]

    public init(element: SurveyElement, path: [String], ancestors: [Group]) {
        self.element = element
        self.path = path
        self.ancestors = ancestors
    }

    /// The innermost repeat containing the element, with its path, if any.
    public var enclosingRepeatPath: [String]? {
        guard let index = ancestors.lastIndex(where: \.isRepeat) else { return nil }
        return Array(path.prefix(index + 1))
    }
}
