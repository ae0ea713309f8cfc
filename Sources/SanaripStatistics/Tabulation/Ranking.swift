import SanaripCore

/// A family of indicators ranked by their estimates, such as the barriers to internet use, with the evidence
/// that each differs from the next one down: the programme's "main 5–10 barriers" with their uncertainty.
///
/// The difference to the next is estimated on the same respondents with the covariance of the two (a person
/// often names several barriers), and tested with t on the design degrees of freedom.
public struct Ranking: Sendable {
    public struct Entry: Sendable {
        /// 1 for the largest estimate in its domain.
        public var rank: Int
        public var estimate: DomainEstimate
        /// This entry minus the next one down in the same domain; nil for the last.
        public var differenceToNext: DomainEstimate?
        /// Two-sided p-value of "no difference to the next one down".
        public var pToNext: Double?
    }

    /// Entries by domain (in domain order), largest first within each.
    public let entries: [Entry]

    /// Ranks `variables` within every domain of `domains`.
    public init(design: SurveyDesign, variables: [ResultsTable.Variable], domains: DomainSet, options: EstimationOptions = .init()) {
        let results = Parallel.map(variables.count) { index in
            let variable = variables[index]
            return variable.isProportion
                ? design.proportion(variable.values, variable: variable.name, domains: domains, options: options)
                : design.mean(variable.values, variable: variable.name, domains: domains, options: options)
        }
        var entries: [Entry] = []
        for domain in 0..<domains.count {
            let order = results.indices
                .filter { results[$0].estimates[domain].estimate.isFinite }
                .sorted { results[$0].estimates[domain].estimate > results[$1].estimates[domain].estimate }
            for (position, index) in order.enumerated() {
                var entry = Entry(rank: position + 1, estimate: results[index].estimates[domain])
                if position + 1 < order.count {
                    let difference = results[index].difference(results[order[position + 1]], domain: domain, in: design)
                    entry.differenceToNext = difference
                    entry.pToNext = DomainEstimate.tTest(difference.estimate, difference.standardError, degreesOfFreedom: difference.degreesOfFreedom).p
                }
                entries.append(entry)
            }
        }
        self.entries = entries
    }
}
