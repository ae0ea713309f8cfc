/// The indicators of a study in the order their file defines them; later ones may use earlier ones.
public struct IndicatorSet: Sendable, Hashable {
    public var indicators: [Indicator]
    /// The languages the labels are given in, in column order.
    public var languages: [Language]

    public init(indicators: [Indicator], languages: [Language]) {
        self.indicators = indicators
        self.languages = languages
    }

    /// The indicator called `name`.
    public subscript(name: String) -> Indicator? {
        indicators.first { $0.name == name }
    }

    /// The indicators that are estimated (proportions and means), without the categories used for breakdowns.
    public var estimated: [Indicator] {
        indicators.filter { $0.kind != .category }
    }

    /// The estimated indicators of `group`, e.g. every `barrier`.
    public func group(_ name: String) -> [Indicator] {
        estimated.filter { $0.group == name }
    }

    /// The indicator's label in the language with ISO code `code`, else its name.
    public func label(of indicator: Indicator, code: String?) -> String {
        guard let code else { return indicator.labels.text(in: nil) ?? indicator.name }
        return indicator.labels.text(code: code) ?? indicator.name
    }
}
