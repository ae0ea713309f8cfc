/// The attributes of one element in document order, looked up by qualified name. Elements in package
/// parts have a handful of attributes, so a list searched in order is cheaper than a dictionary.
struct XMLAttributes: Sequence {
    private var pairs: [(name: String, value: String)] = []

    /// The value of the attribute named exactly `name`.
    subscript(name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    /// Adds an attribute; false when the element already has one with that name.
    mutating func add(_ name: String, _ value: String) -> Bool {
        guard self[name] == nil else { return false }
        pairs.append((name, value))
        return true
    }

    func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        pairs.makeIterator()
    }
}
