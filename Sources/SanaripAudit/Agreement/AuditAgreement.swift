import SanaripStorage

/// Two reviewers' agreement on the checklist, per LOSI group (Cohen's κ over the items both answered), the
/// items where they disagree (for reconciliation), and the values the index takes from the answers.
public struct AuditAgreement: Sendable {
    public struct Group: Sendable {
        public var group: LOSIGroup
        public var kappa: CohenKappa
    }

    public struct Disagreement: Sendable, Hashable {
        public var municipality: String
        public var indicator: String
        public var answers: [(reviewer: String, answer: String)]

        public static func == (a: Disagreement, b: Disagreement) -> Bool {
            a.municipality == b.municipality && a.indicator == b.indicator && a.answers.map(\.reviewer) == b.answers.map(\.reviewer)
                && a.answers.map(\.answer) == b.answers.map(\.answer)
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(municipality)
            hasher.combine(indicator)
        }
    }

    public var groups: [Group]
    public var disagreements: [Disagreement]

    /// Per item (municipality × indicator), the first two reviewers by name are paired.
    public init(_ answers: [WebAuditAnswer], index: AuditIndex) {
        let groupOf = Dictionary(index.indicators.map { ($0.id, $0.group) }, uniquingKeysWith: { first, _ in first })
        var items: [String: [WebAuditAnswer]] = [:]
        for answer in answers { items["\(answer.municipality)\u{1F}\(answer.indicator)", default: []].append(answer) }
        var pairs: [LOSIGroup: [(String, String)]] = [:]
        var disagreements: [Disagreement] = []
        for key in items.keys.sorted() {
            let given = items[key]!.sorted { $0.reviewer < $1.reviewer }
            guard given.count >= 2, let group = groupOf[given[0].indicator] else { continue }
            pairs[group, default: []].append((given[0].answer, given[1].answer))
            if Set(given.map(\.answer)).count > 1 {
                disagreements.append(Disagreement(municipality: given[0].municipality, indicator: given[0].indicator,
                                                  answers: given.map { (reviewer: $0.reviewer, answer: $0.answer) }))
            }
        }
        groups = LOSIGroup.allCases.compactMap { group in pairs[group].map { Group(group: group, kappa: CohenKappa($0)) } }
        self.disagreements = disagreements
    }

    /// Each municipality's reviewed indicators: yes 1, partly 0.5, no 0, averaged over its reviewers.
    public static func reviewedValues(_ answers: [WebAuditAnswer]) -> [String: [String: Double]] {
        var sums: [String: [String: (Double, Double)]] = [:]
        for answer in answers {
            let value: Double = switch answer.answer {
            case "yes": 1
            case "partly": 0.5
            default: 0
            }
            let current = sums[answer.municipality, default: [:]][answer.indicator] ?? (0, 0)
            sums[answer.municipality, default: [:]][answer.indicator] = (current.0 + value, current.1 + 1)
        }
        return sums.mapValues { $0.mapValues { $0.0 / $0.1 } }
    }
}
