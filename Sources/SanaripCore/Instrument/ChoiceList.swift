/// A named list of answer options from an XLSForm's choices sheet.
public struct ChoiceList: Sendable, Hashable {
    public var name: String
    public var choices: [Choice]

    public init(name: String, choices: [Choice] = []) {
        self.name = name
        self.choices = choices
    }

    /// The choice whose value is `name`.
    public func choice(named name: String) -> Choice? {
        choices.first { $0.name == name }
    }

    /// Names of the extra columns (such as filter columns) any of the choices carries, sorted.
    public var extraColumns: [String] {
        Array(Set(choices.flatMap(\.extra.keys))).sorted()
    }
}

/// One answer option: the value stored in the data and its label in each language.
public struct Choice: Sendable, Hashable {
    /// The value stored when the option is chosen.
    public var name: String
    public var label = LocalizedText()
    /// Media per kind (`image`, `audio`, …) and language.
    public var media: [String: LocalizedText] = [:]
    /// Other columns, such as those a `choice_filter` tests.
    public var extra: [String: String] = [:]
    public var row: Int?

    public init(name: String, label: LocalizedText = LocalizedText()) {
        self.name = name
        self.label = label
    }
}
