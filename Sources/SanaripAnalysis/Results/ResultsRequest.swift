import SanaripStatistics

/// What a results table holds: the breakdowns, the gaps, the ranked indicator groups and where they are ranked.
public struct ResultsRequest: Sendable, Hashable {
    /// The domain columns of each breakdown; `[]` is the whole sample.
    public var breakdowns: [[String]]
    /// The gaps; nil: rural−urban and women−men where the data has those columns.
    public var gaps: [ResultsTable.Gap]?
    /// The breakdowns gaps are taken within (`[]`: overall); nil: every breakdown.
    public var gapWithin: [[String]]?
    /// Indicator groups to rank; nil: `barrier` when it is reported.
    public var rankGroups: [String]?
    /// Domains each ranked group is also ranked within (besides the whole sample), e.g. `[["sex"], ["settlement_type", "sex"]]`.
    public var rankWithin: [[String]]
    /// Only these indicator groups; empty: every group.
    public var groups: Set<String>
    /// The confidence level of intervals.
    public var level: Double
    /// Models of what drives indicators, fitted on the same design; empty: none.
    public var models: [DriverModel]

    public init(
        breakdowns: [[String]] = ResultsRequest.standardBreakdowns, gaps: [ResultsTable.Gap]? = nil, gapWithin: [[String]]? = nil, rankGroups: [String]? = nil,
        rankWithin: [[String]] = [["sex"], ["settlement_type"]], groups: Set<String> = [], level: Double = 0.95, models: [DriverModel] = []
    ) {
        self.breakdowns = breakdowns
        self.gaps = gaps
        self.gapWithin = gapWithin
        self.rankGroups = rankGroups
        self.rankWithin = rankWithin
        self.groups = groups
        self.level = level
        self.models = models
    }

    /// The whole sample, then oblast, urban/rural, sex, age group, urban/rural × sex and the full cross.
    public static let standardBreakdowns: [[String]] = [
        [], ["oblast"], ["settlement_type"], ["sex"], ["age_group"], ["settlement_type", "sex"], ["oblast", "settlement_type", "sex", "age_group"],
    ]

    /// Rural−urban and women−men.
    public static let standardGaps = [ResultsTable.Gap(column: "settlement_type", a: "rural", b: "urban"), ResultsTable.Gap(column: "sex", a: "female", b: "male")]

    /// A stable text of the request, for cache keys.
    public var fingerprint: String {
        func text(_ lists: [[String]]) -> String { lists.map { $0.joined(separator: "*") }.joined(separator: ",") }
        let gapText = gaps.map { $0.map { "\($0.column):\($0.a)-\($0.b)" }.joined(separator: ",") } ?? "default"
        let parts: [String] = [text(breakdowns), gapText, gapWithin.map(text) ?? "every", rankGroups?.joined(separator: ",") ?? "default",
                               text(rankWithin), groups.sorted().joined(separator: ","), "\(level)", models.map(\.fingerprint).joined(separator: ";")]
        return parts.joined(separator: "|")
    }
}
