import SanaripAnalysis
import SanaripStatistics

/// The survey beside official open data: for each mapped indicator and oblast, the official series by year and
/// the survey's estimate with its interval, flagging where the latest official value lies outside the interval.
public struct OfficialComparisonView: Sendable {
    public let grid: ResultsGrid
    public let charts: [TrendChart]

    /// - Parameter year: the survey's fieldwork year, where its point is drawn.
    public init(results: StudyResults, labels: ResultsLabels, official: OfficialFigures, year: Int = 2026) {
        let words = WorkspaceWording.strings(labels.language)
        var rows: [[ResultsGrid.Cell]] = []
        var marked = Set<Int>()
        var charts: [TrendChart] = []
        for mapping in OfficialFigures.mappings {
            for estimate in results.results.estimates where estimate.variable == mapping.indicator && estimate.domainNames == ["oblast"] {
                guard let area = OfficialFigures.areas[estimate.domainValues[0]] else { continue }
                let trend = official.trend(series: mapping.series, area: area)
                guard let latest = trend.last else { continue }
                let disagrees = latest.value < estimate.ciLow || latest.value > estimate.ciHigh
                if disagrees { marked.insert(rows.count) }
                let place = labels.domain(names: estimate.domainNames, values: estimate.domainValues)
                rows.append([.text(labels.indicator(mapping.indicator) + " (SDG \(mapping.sdg))"), .text(place), .text(String(latest.year)),
                             .number(latest.value * 100, digits: 1), .number(estimate.estimate * 100, digits: 1), .number(estimate.ciLow * 100, digits: 1),
                             .number(estimate.ciHigh * 100, digits: 1), .text(disagrees ? words["disagrees"] : words["agrees"])])
                charts.append(TrendChart(title: "\(labels.indicator(mapping.indicator)) — \(place)", official: trend.map { .init(year: $0.year, value: $0.value) },
                                         survey: (year, estimate.estimate, estimate.ciLow, estimate.ciHigh), language: labels.language,
                                         legend: (words["officialLine"], words["surveyPoint"])))
            }
            // Women and men, rural and urban, youth: the Committee publishes these for the whole country only, so
            // they are context for the survey's oblasts, not a check of them (no agreement flag).
            for group in OfficialFigures.groups {
                guard let estimate = results.results.estimates.first(where: {
                    $0.variable == mapping.indicator && $0.domainNames == [group.column] && $0.domainValues == [group.value]
                }) else { continue }
                let trend = official.trend(series: mapping.series, area: OfficialFigures.country, group: group)
                guard let latest = trend.last else { continue }
                let place = labels.domain(names: estimate.domainNames, values: estimate.domainValues)
                rows.append([.text(labels.indicator(mapping.indicator) + " (SDG \(mapping.sdg))"), .text(place + " — " + words["nationalOfficial"]), .text(String(latest.year)),
                             .number(latest.value * 100, digits: 1), .number(estimate.estimate * 100, digits: 1), .number(estimate.ciLow * 100, digits: 1),
                             .number(estimate.ciHigh * 100, digits: 1), .text(words["context"])])
                charts.append(TrendChart(title: "\(labels.indicator(mapping.indicator)) — \(place)", official: trend.map { .init(year: $0.year, value: $0.value) },
                                         survey: (year, estimate.estimate, estimate.ciLow, estimate.ciHigh), language: labels.language,
                                         legend: (words["officialLineNational"], words["surveyPoint"])))
            }
        }
        grid = ResultsGrid(title: words["official"], columns: [words["indicator"], words["domain"], words["year"], words["officialValue"], words["estimate"], words["low"], words["high"], ""],
                           rows: rows, marked: marked, note: words["officialNote"])
        self.charts = charts
    }
}
