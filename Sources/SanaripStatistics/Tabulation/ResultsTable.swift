import SanaripCore

/// The standard results table of a survey: every indicator in the whole sample and by each breakdown, and
/// the gaps between two groups (rural − urban, women − men) overall and within every other breakdown, each
/// with its design-based standard error, interval, design effect, n and, for gaps, the p-value of "no gap".
///
/// All estimates are domain estimates on the full design. A gap's standard error comes from the difference
/// of the two domains' linearised scores, so it includes their covariance (clusters hold both groups).
public struct ResultsTable: Sendable {
    /// A per-respondent variable to report: a 0/1 condition (a proportion) or a number (a mean); NaN is missing.
    public struct Variable: Sendable {
        public var name: String
        public var isProportion: Bool
        public var values: [Double]

        public init(name: String, isProportion: Bool, values: [Double]) {
            self.name = name
            self.isProportion = isProportion
            self.values = values
        }
    }

    /// The difference `a − b` between two values of `column`, such as `settlement_type: rural − urban`.
    public struct Gap: Sendable, Hashable {
        public var column: String
        public var a: String
        public var b: String

        public init(column: String, a: String, b: String) {
            self.column = column
            self.a = a
            self.b = b
        }
    }

    /// One gap estimate: the difference within one domain of a breakdown (or the whole sample) and its test.
    public struct GapEstimate: Sendable {
        public var gap: Gap
        /// The difference; `domainNames` and `domainValues` say where it was taken (empty: the whole sample).
        public var estimate: DomainEstimate
        /// The design-based t statistic of the difference and its two-sided p-value on the design df.
        public var t: Double
        public var pValue: Double
    }

    /// Every estimate: each variable, for the whole sample and each breakdown in the order asked.
    public let estimates: [DomainEstimate]
    public let gaps: [GapEstimate]

    /// Computes the table.
    ///
    /// - Parameters:
    ///   - breakdowns: the domain columns of each breakdown; `[]` is the whole sample, `["oblast"]` one row per
    ///     oblast, `["settlement_type", "sex"]` the cross-classification.
    ///   - gaps: differences reported overall and within each breakdown that does not use the gap's column.
    ///   - gapWithin: the breakdowns the gaps are taken within instead (`[[], ["oblast"]]`: overall and per
    ///     oblast); nil: every breakdown of `breakdowns`.
    /// - Throws: ``DataTableError`` when a breakdown or gap column is not in `table`.
    public init(
        design: SurveyDesign, table: DataTable, variables: [Variable], breakdowns: [[String]], gaps: [Gap],
        gapWithin: [[String]]? = nil, options: EstimationOptions = .init()
    ) throws(DataTableError) {
        // Every domain set once, then each variable on its own core: variables are independent.
        var domainSets: [[String]: DomainSet] = [:]
        func prepare(_ columns: [String]) throws(DataTableError) {
            if domainSets[columns] == nil { domainSets[columns] = try DomainSet(table, by: columns) }
        }
        for gap in gaps { _ = try table.column(gap.column) }
        for breakdown in breakdowns { try prepare(breakdown) }
        for gap in gaps {
            for breakdown in gapWithin ?? breakdowns where !breakdown.contains(gap.column) { try prepare(breakdown + [gap.column]) }
        }
        let sets = domainSets
        let parts = Parallel.map(variables.count) { index -> (estimates: [DomainEstimate], gaps: [GapEstimate]) in
            let variable = variables[index]
            func linear(_ set: DomainSet) -> LinearEstimates {
                variable.isProportion
                    ? design.proportion(variable.values, variable: variable.name, domains: set, options: options)
                    : design.mean(variable.values, variable: variable.name, domains: set, options: options)
            }
            var estimates: [DomainEstimate] = []
            var gapEstimates: [GapEstimate] = []
            for breakdown in breakdowns {
                if let set = sets[breakdown] { estimates += linear(set).estimates }
            }
            for gap in gaps {
                for breakdown in gapWithin ?? breakdowns where !breakdown.contains(gap.column) {
                    guard let set = sets[breakdown + [gap.column]] else { continue }
                    for difference in linear(set).differences(in: gap.column, gap.a, gap.b, design: design) {
                        gapEstimates.append(GapEstimate(gap: gap, estimate: difference, design: design))
                    }
                }
            }
            return (estimates, gapEstimates)
        }
        let estimates = parts.flatMap(\.estimates)
        let gapEstimates = parts.flatMap(\.gaps)
        self.estimates = estimates
        self.gaps = gapEstimates
    }
}

extension ResultsTable.GapEstimate {
    init(gap: ResultsTable.Gap, estimate: DomainEstimate, design: SurveyDesign) {
        self.gap = gap
        var within = estimate
        if let position = within.domainNames.firstIndex(of: gap.column) {
            within.domainNames.remove(at: position)
            within.domainValues.remove(at: position)
        }
        self.estimate = within
        (t, pValue) = DomainEstimate.tTest(estimate.estimate, estimate.standardError, degreesOfFreedom: estimate.degreesOfFreedom)
    }
}

extension DomainEstimate {
    /// The t statistic of `estimate / se` and its two-sided p-value on `degreesOfFreedom` (NaN when undefined).
    static func tTest(_ estimate: Double, _ se: Double, degreesOfFreedom: Int) -> (t: Double, p: Double) {
        guard se > 0, degreesOfFreedom > 0 else { return (.nan, .nan) }
        let t = estimate / se
        return (t, 2 * StudentT(degreesOfFreedom: Double(degreesOfFreedom)).cdf(abs(t), lowerTail: false))
    }
}
