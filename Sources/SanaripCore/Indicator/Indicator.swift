/// A derived variable of a study, such as "uses the internet" or "has basic digital skills", defined by an
/// expression over a respondent's answers and reported with design-based estimates.
///
/// Indicators live in a text file beside the instrument (`indicators.csv`), so that their definitions are
/// reviewed like the questionnaire and every table says exactly what it counts.
public struct Indicator: Sendable, Hashable {
    /// How the indicator's per-respondent value is summarised.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A condition: 1 where it holds, 0 where not; reported as a share.
        case proportion
        /// A number, such as a score; reported as a mean.
        case mean
        /// A text naming a class, such as an age group; used to break results down, not estimated itself.
        case category
    }

    /// The column name the indicator gets in data sets, e.g. `itu_basic_skills`.
    public var name: String
    public var kind: Kind
    /// The expression as written, in the instrument engine's XPath (`${name}` references, `selected(...)`).
    public var source: String
    public var expression: Expression
    /// Who the indicator is about: rows where this is false are missing (not 0) and leave the estimate's
    /// denominator. Nil means every respondent.
    public var base: Expression?
    /// The base as written.
    public var baseSource: String?
    /// What the indicator is called in reports, per language.
    public var labels: LocalizedText
    /// A family of indicators reported together and ranked, such as `barrier`.
    public var group: String
    /// The framework the definition follows (e.g. `ITU HH15`, `DSI 2.0`, `programme`).
    public var framework: String
    /// The line of the indicator file that defines it, for messages.
    public var line: Int

    public init(
        name: String, kind: Kind, source: String, expression: Expression, base: Expression? = nil, baseSource: String? = nil,
        labels: LocalizedText = LocalizedText(), group: String = "", framework: String = "", line: Int = 0
    ) {
        self.name = name
        self.kind = kind
        self.source = source
        self.expression = expression
        self.base = base
        self.baseSource = baseSource
        self.labels = labels
        self.group = group
        self.framework = framework
        self.line = line
    }
}
