/// One level of "where we are" inside repeats: the repeat group's name and the 1-based instance.
public struct RepeatPosition: Sendable, Hashable {
    public var group: String
    /// 1-based, as XPath `position()` counts.
    public var position: Int

    public init(group: String, position: Int) {
        self.group = group
        self.position = position
    }
}
