import SanaripAnalysis
import SanaripStatistics

/// One indicator broken down by one breakdown: the estimate with its interval, SE, deff and n per domain, small
/// cells marked, as a table and a chart with whiskers.
public struct ExplorerView: Sendable {
    public let grid: ResultsGrid
    public let chart: IntervalBarChart
    /// Respondents below which a cell is marked as small.
    public static let smallCell = 30

    public init(results: StudyResults, labels: ResultsLabels, indicator: String, breakdown: [String]) {
        let words = WorkspaceWording.strings(labels.language)
        let percent = labels.isProportion(indicator)
        let scale = percent ? 100.0 : 1
        let estimates = results.results.estimates.filter { $0.variable == indicator && $0.domainNames == breakdown }
        var rows: [[ResultsGrid.Cell]] = []
        var marked = Set<Int>()
        var bars: [IntervalBarChart.Bar] = []
        for (index, estimate) in estimates.enumerated() {
            let small = estimate.n < Self.smallCell
            if small { marked.insert(index) }
            let label = labels.domain(names: estimate.domainNames, values: estimate.domainValues) + (small ? " †" : "")
            rows.append([.text(label), .number(estimate.estimate * scale, digits: 1), .number(estimate.ciLow * scale, digits: 1),
                         .number(estimate.ciHigh * scale, digits: 1), .number(estimate.standardError * scale, digits: 2),
                         .number(estimate.deff ?? .nan, digits: 2), .count(estimate.n)])
            bars.append(.init(label: label, value: estimate.estimate, low: estimate.ciLow, high: estimate.ciHigh))
        }
        let title = labels.indicator(indicator)
        grid = ResultsGrid(title: title, columns: [words["domain"], words["estimate"], words["low"], words["high"], words["se"], words["deff"], words["n"]],
                           rows: rows, marked: marked, note: words["percentNote"] + (marked.isEmpty ? "" : " " + words["small"]))
        chart = IntervalBarChart(title: title, bars: bars, percent: percent, width: 640, language: labels.language)
    }
}
