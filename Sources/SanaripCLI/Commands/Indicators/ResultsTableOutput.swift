import Foundation
import SanaripReports
import SanaripStatistics

/// Writes a results table as JSON or CSV (long: one row per estimate, with codes and labels) or, for people,
/// as aligned tables: indicators × domains, the gaps, and the rankings.
struct ResultsTableOutput {
    let labels: ResultsLabels
    let design: SurveyDesign
    let results: ResultsTable
    let rankings: [(group: String, ranking: Ranking)]
    let breakdowns: [[String]]

    func render(format: String) -> String {
        switch format {
        case "json": json()
        case "csv": csv()
        default: text()
        }
    }

    private func group(_ name: String) -> String { labels.set[name]?.group ?? "" }


    // MARK: JSON and CSV

    private func json() -> String {
        typealias J = EstimateOutput
        func domain(_ estimate: DomainEstimate) -> String {
            J.json(zip(estimate.domainNames, estimate.domainValues).map { ($0, J.jsonString($1)) })
        }
        func numbers(_ estimate: DomainEstimate) -> [(String, String)] {
            [("estimate", J.number(estimate.estimate)), ("se", J.number(estimate.standardError)),
             ("ci_low", J.number(estimate.ciLow)), ("ci_high", J.number(estimate.ciHigh))]
        }
        let estimates = results.estimates.map { estimate in
            "    " + J.json([("indicator", J.jsonString(estimate.variable)), ("label", J.jsonString(labels.indicator(estimate.variable))),
                            ("group", J.jsonString(group(estimate.variable))), ("statistic", J.jsonString(estimate.statistic)),
                            ("domain", domain(estimate)), ("domain_label", J.jsonString(labels.domain(names: estimate.domainNames, values: estimate.domainValues)))]
                + numbers(estimate) + [("deff", J.number(estimate.deff)), ("n", String(estimate.n))])
        }
        let gaps = results.gaps.map { gap in
            "    " + J.json([("indicator", J.jsonString(gap.estimate.variable)), ("label", J.jsonString(labels.indicator(gap.estimate.variable))),
                            ("gap", J.json([(gap.gap.column, J.jsonString("\(gap.gap.a)-\(gap.gap.b)"))])), ("within", domain(gap.estimate)),
                            ("within_label", J.jsonString(labels.domain(names: gap.estimate.domainNames, values: gap.estimate.domainValues)))]
                + numbers(gap.estimate) + [("t", J.number(gap.t)), ("p", J.number(gap.pValue)), ("n", String(gap.estimate.n))])
        }
        let ranks = rankings.flatMap { group, ranking in
            ranking.entries.map { entry in
                "    " + J.json([("group", J.jsonString(group)), ("domain", domain(entry.estimate)), ("rank", String(entry.rank)),
                                ("indicator", J.jsonString(entry.estimate.variable)), ("label", J.jsonString(labels.indicator(entry.estimate.variable)))]
                    + numbers(entry.estimate) + [("n", String(entry.estimate.n)), ("difference_to_next", J.number(entry.differenceToNext?.estimate)),
                                                 ("difference_se", J.number(entry.differenceToNext?.standardError)), ("p_to_next", J.number(entry.pToNext))])
            }
        }
        let header = J.json([("strata", String(design.strataCount)), ("psus", String(design.psuCount)), ("degf", String(design.degreesOfFreedom)), ("n", String(design.rowCount))])
        func list(_ rows: [String]) -> String { "[\n" + rows.joined(separator: ",\n") + "\n  ]" }
        return "{\n  \"design\": \(header),\n  \"estimates\": \(list(estimates)),\n  \"gaps\": \(list(gaps)),\n  \"rankings\": \(list(ranks))\n}\n"
    }

    private func csv() -> String {
        let n = EstimateOutput.csvNumber
        func domain(_ estimate: DomainEstimate) -> String {
            zip(estimate.domainNames, estimate.domainValues).map { "\($0)=\($1)" }.joined(separator: ";")
        }
        var rows = [["section", "indicator", "label", "group", "domain", "domain_label", "gap", "rank", "estimate", "se", "ci_low", "ci_high", "deff", "n", "t", "p"]]
        for estimate in results.estimates {
            rows.append(["estimate", estimate.variable, labels.indicator(estimate.variable), group(estimate.variable), domain(estimate),
                         labels.domain(names: estimate.domainNames, values: estimate.domainValues), "", "",
                         n(estimate.estimate), n(estimate.standardError), n(estimate.ciLow), n(estimate.ciHigh), n(estimate.deff), String(estimate.n), "", ""])
        }
        for gap in results.gaps {
            let estimate = gap.estimate
            rows.append(["gap", estimate.variable, labels.indicator(estimate.variable), group(estimate.variable), domain(estimate),
                         labels.domain(names: estimate.domainNames, values: estimate.domainValues), "\(gap.gap.column):\(gap.gap.a)-\(gap.gap.b)", "",
                         n(estimate.estimate), n(estimate.standardError), n(estimate.ciLow), n(estimate.ciHigh), "", String(estimate.n), n(gap.t), n(gap.pValue)])
        }
        for (group, ranking) in rankings {
            for entry in ranking.entries {
                let estimate = entry.estimate
                rows.append(["rank", estimate.variable, labels.indicator(estimate.variable), group, domain(estimate),
                             labels.domain(names: estimate.domainNames, values: estimate.domainValues), "", String(entry.rank),
                             n(estimate.estimate), n(estimate.standardError), n(estimate.ciLow), n(estimate.ciHigh), "", String(estimate.n), "", n(entry.pToNext)])
            }
        }
        return EstimateOutput.csv(rows)
    }

    // MARK: Text for people

    private func text() -> String {
        let variables = results.estimates.reduce(into: [String]()) { names, estimate in
            if names.last != estimate.variable, !names.contains(estimate.variable) { names.append(estimate.variable) }
        }
        // Indicators × domains: the domain columns in breakdown order, as the first indicator has them; crosses of
        // more than two columns are too wide for a screen and are left to csv and json.
        let first = results.estimates.filter { $0.variable == variables.first && $0.domainNames.count <= 2 }
        let columns = first.map { labels.domain(names: $0.domainNames, values: $0.domainValues, short: true) }
        var cells: [String: [String: DomainEstimate]] = [:]
        for estimate in results.estimates where estimate.domainNames.count <= 2 {
            cells[estimate.variable, default: [:]][labels.domain(names: estimate.domainNames, values: estimate.domainValues, short: true)] = estimate
        }
        let body = variables.map { name in
            [labels.indicator(name)] + columns.map { cells[name]?[$0].map { labels.number($0.estimate, of: name) } ?? "–" }
        }
        var output = "Estimates (% for shares), design: \(design.rowCount) respondents, \(design.psuCount) PSUs, \(design.strataCount) strata, df \(design.degreesOfFreedom)\n"
        output += EstimateOutput.table(["indicator"] + columns, body)

        // Overall gaps and each gap within the other gaps' groups (rural−urban among women); the rest in CSV/JSON.
        let gapColumnNames = Set(results.gaps.map(\.gap.column))
        let shown = results.gaps.filter { $0.estimate.domainNames.allSatisfy(gapColumnNames.contains) && $0.estimate.domainNames.count <= 1 }
        let gapColumns = shown.reduce(into: [String]()) { names, gap in
            let name = labels.gap(gap)
            if !names.contains(name) { names.append(name) }
        }
        var gapCells: [String: [String: ResultsTable.GapEstimate]] = [:]
        for gap in shown { gapCells[gap.estimate.variable, default: [:]][labels.gap(gap)] = gap }
        let gapBody = variables.map { name in
            [labels.indicator(name)] + gapColumns.map { column in
                guard let gap = gapCells[name]?[column] else { return "–" }
                return labels.number(gap.estimate.estimate, of: name) + ResultsLabels.stars(gap.pValue)
            }
        }
        if !gapColumns.isEmpty {
            output += "\nGaps (percentage points for shares; * p<0.05, ** p<0.01, *** p<0.001, design-based t test)\n"
            output += EstimateOutput.table(["indicator"] + gapColumns, gapBody)
        }
        for (group, ranking) in rankings {
            let domains = ranking.entries.reduce(into: [[String]]()) { list, entry in
                if !list.contains(entry.estimate.domainValues) { list.append(entry.estimate.domainValues) }
            }
            for values in domains {
                let entries = ranking.entries.filter { $0.estimate.domainValues == values }
                guard let names = entries.first?.estimate.domainNames else { continue }
                output += "\nRanking: \(group) — \(labels.domain(names: names, values: values))\n"
                output += EstimateOutput.table(["rank", "indicator", "estimate", "ci_low", "ci_high", "n", "p_vs_next"], entries.map { entry in
                    let name = entry.estimate.variable
                    return [String(entry.rank), labels.indicator(name), labels.number(entry.estimate.estimate, of: name),
                            labels.number(entry.estimate.ciLow, of: name), labels.number(entry.estimate.ciHigh, of: name),
                            String(entry.estimate.n), entry.pToNext.map { String(format: "%.3f", $0) } ?? ""]
                }, textColumns: 2)
            }
        }
        return output
    }
}
