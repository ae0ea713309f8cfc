import SanaripAnalysis
import SanaripStatistics

/// One gap (rural − urban, women − men, youth − adults), overall or within one domain (an oblast), for every
/// share indicator: the difference, its interval and design-based p-value, sorted by size, with a chart of the largest.
public struct GapView: Sendable {
    public let grid: ResultsGrid
    public let chart: GapChart
    /// Gaps drawn in the chart.
    public static let charted = 20

    public init(results: StudyResults, labels: ResultsLabels, gap: ResultsTable.Gap, within names: [String], values: [String]) {
        let words = WorkspaceWording.strings(labels.language)
        let found = results.results.gaps
            .filter { $0.gap == gap && $0.estimate.domainNames == names && $0.estimate.domainValues == values && labels.isProportion($0.estimate.variable) }
            .filter { $0.estimate.estimate.isFinite }
            .sorted { abs($0.estimate.estimate) > abs($1.estimate.estimate) }
        var rows: [[ResultsGrid.Cell]] = []
        var marked = Set<Int>()
        for (index, item) in found.enumerated() {
            let estimate = item.estimate
            if item.pValue < 0.05 { marked.insert(index) }
            rows.append([.text(labels.indicator(estimate.variable)), .text(labels.group(labels.set[estimate.variable]?.group ?? "")),
                         .number(estimate.estimate * 100, digits: 1), .number(estimate.ciLow * 100, digits: 1), .number(estimate.ciHigh * 100, digits: 1),
                         .number(item.pValue, digits: 4), .count(estimate.n)])
        }
        let heading = labels.value(gap.a, of: gap.column) + " − " + labels.value(gap.b, of: gap.column)
            + (names.isEmpty ? "" : " [" + labels.domain(names: names, values: values) + "]")
        grid = ResultsGrid(title: heading, columns: [words["indicator"], "", words["difference"], words["low"], words["high"], words["p"], words["n"]],
                           rows: rows, marked: marked, note: words["percentNote"] + " " + words["gapsNote"])
        chart = GapChart(title: heading, gaps: found.prefix(Self.charted).map { item in
            .init(label: labels.indicator(item.estimate.variable), value: item.estimate.estimate, low: item.estimate.ciLow, high: item.estimate.ciHigh, significant: item.pValue < 0.05)
        }, percent: true, language: labels.language)
    }
}
