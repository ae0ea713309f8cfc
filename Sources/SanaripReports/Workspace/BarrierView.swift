import SanaripAnalysis
import SanaripStatistics

/// One ranked group (barriers, reasons, needs) in one domain (a target group such as rural women): each item
/// with its interval and whether it is statistically distinct from the next one down.
public struct BarrierView: Sendable {
    /// A ranked group within one domain, as the results hold them.
    public struct Ranked: Sendable {
        public var group: String
        public var names: [String]
        public var values: [String]
        public var entries: [Ranking.Entry]
    }

    /// Every ranked group and domain of `results`, in order.
    public static func all(_ results: StudyResults) -> [Ranked] {
        var list: [Ranked] = []
        for (group, ranking) in results.rankings {
            var domains: [[String]] = []
            for entry in ranking.entries where !domains.contains(entry.estimate.domainValues) { domains.append(entry.estimate.domainValues) }
            for values in domains {
                let entries = ranking.entries.filter { $0.estimate.domainValues == values }
                list.append(Ranked(group: group, names: entries.first?.estimate.domainNames ?? [], values: values, entries: entries))
            }
        }
        return list
    }

    public let grid: ResultsGrid
    public let chart: IntervalBarChart

    public init(_ ranked: Ranked, labels: ResultsLabels) {
        let words = WorkspaceWording.strings(labels.language)
        let percent = ranked.entries.allSatisfy { labels.isProportion($0.estimate.variable) }
        let scale = percent ? 100.0 : 1
        var rows: [[ResultsGrid.Cell]] = []
        var marked = Set<Int>()
        for (index, entry) in ranked.entries.enumerated() {
            let distinct = (entry.pToNext ?? 1) < 0.05
            if distinct { marked.insert(index) }
            let estimate = entry.estimate
            rows.append([.count(entry.rank), .text(labels.indicator(estimate.variable)), .number(estimate.estimate * scale, digits: 1),
                         .number(estimate.ciLow * scale, digits: 1), .number(estimate.ciHigh * scale, digits: 1), .count(estimate.n),
                         .number(entry.pToNext ?? .nan, digits: 4), .text(entry.pToNext == nil ? "" : distinct ? words["yes"] : words["no"])])
        }
        let title = labels.group(ranked.group) + " — " + labels.domain(names: ranked.names, values: ranked.values)
        grid = ResultsGrid(title: title, columns: [words["rank"], words["indicator"], words["estimate"], words["low"], words["high"], words["n"], words["p"], words["distinct"]],
                           rows: rows, marked: marked, note: words["percentNote"] + " " + words["ranksNote"])
        chart = IntervalBarChart(title: title, bars: ranked.entries.map { entry in
            .init(label: labels.indicator(entry.estimate.variable), value: entry.estimate.estimate, low: entry.estimate.ciLow, high: entry.estimate.ciHigh)
        }, percent: percent, language: labels.language)
    }
}
