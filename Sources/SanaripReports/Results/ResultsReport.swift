import Foundation
import SanaripCore
import SanaripStatistics

/// A results report as one HTML file: the ranked barriers as charts with intervals, every indicator by
/// breakdown, and the gaps with their significance; readable offline, printable, no script.
public struct ResultsReport: Sendable {
    public var labels: ResultsLabels
    public var design: SurveyDesign
    public var results: ResultsTable
    public var rankings: [(group: String, ranking: Ranking)]
    /// Where the data came from, shown under the title.
    public var source: String
    public var level: Double

    public init(labels: ResultsLabels, design: SurveyDesign, results: ResultsTable, rankings: [(group: String, ranking: Ranking)], source: String, level: Double) {
        self.labels = labels
        self.design = design
        self.results = results
        self.rankings = rankings
        self.source = source
        self.level = level
    }

    private var strings: TrilingualStrings { TrilingualStrings(code: labels.language, table: Self.wording) }

    private func isProportion(_ name: String) -> Bool { labels.isProportion(name) }

    private func show(_ value: Double, _ name: String) -> String { labels.number(value, of: name) }

    /// The whole page.
    public var html: String {
        var page = """
            <!doctype html>
            <html lang="\(labels.language)">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(strings["title"].htmlEscaped)</title>
            <style>
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2430;margin:2rem auto;max-width:1200px;padding:0 1rem;line-height:1.4}
            h1{font-size:1.6rem}h2{margin-top:2.2rem;border-bottom:2px solid #0b6e4f;padding-bottom:.2rem}h3{margin:1.4rem 0 .4rem;color:#0b6e4f}
            .meta{color:#5b6573}.charts{display:flex;flex-wrap:wrap;gap:1rem 2rem}figure{margin:0}
            table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0}th,td{padding:.25rem .5rem;border-bottom:1px solid #e3e7eb;text-align:right}
            th:first-child,td:first-child{text-align:left;max-width:28rem}thead th{background:#f1f4f6;position:sticky;top:0}
            .sig{font-weight:bold}.note{font-size:.85rem;color:#5b6573}
            @media print{thead th{position:static}.charts{display:block}}
            </style></head>
            <body>
            <h1>\(strings["title"].htmlEscaped)</h1>
            <p class="meta">\(source.htmlEscaped) · \(strings["respondents"]): \(design.rowCount) · PSU: \(design.psuCount) · \(strings["strata"]): \(design.strataCount) · df \(design.degreesOfFreedom) · \(strings["interval"]) \(format(level * 100, 0))%</p>

            """
        page += rankingSection + estimatesSection + gapsSection
        page += "<p class=\"note\">\(strings["method"].htmlEscaped)</p>\n</body>\n</html>\n"
        return page
    }

    private var rankingSection: String {
        guard !rankings.isEmpty else { return "" }
        var section = "<h2>\(strings["rankings"].htmlEscaped)</h2>\n"
        var lastGroup = ""
        for (group, ranking) in rankings {
            if group != lastGroup {
                if !lastGroup.isEmpty { section += "</div>\n" }
                section += "<h3>\(labels.group(group).htmlEscaped)</h3>\n<div class=\"charts\">\n"
                lastGroup = group
            }
            var domains: [[String]] = []
            for entry in ranking.entries where !domains.contains(entry.estimate.domainValues) { domains.append(entry.estimate.domainValues) }
            let percent = ranking.entries.allSatisfy { isProportion($0.estimate.variable) }
            let shared = rankings.filter { $0.group == group }.flatMap(\.ranking.entries).map { entry in
                IntervalBarChart.Bar(label: "", value: entry.estimate.estimate, low: entry.estimate.ciLow, high: entry.estimate.ciHigh)
            }
            let maximum = IntervalBarChart.niceMaximum(of: shared, percent: percent)
            for values in domains {
                let entries = ranking.entries.filter { $0.estimate.domainValues == values }
                guard let names = entries.first?.estimate.domainNames else { continue }
                let bars = entries.map { entry in
                    IntervalBarChart.Bar(label: labels.indicator(entry.estimate.variable), value: entry.estimate.estimate, low: entry.estimate.ciLow, high: entry.estimate.ciHigh)
                }
                let chart = IntervalBarChart(title: labels.domain(names: names, values: values), bars: bars, percent: percent, axisMaximum: maximum, language: labels.language)
                section += "<figure>" + chart.svg + "</figure>\n"
            }
        }
        return section + "</div>\n"
    }

    private var estimatesSection: String {
        var variables: [String] = []
        for estimate in results.estimates where !variables.contains(estimate.variable) { variables.append(estimate.variable) }
        guard let first = variables.first else { return "" }
        // Crosses of more than two columns stay in the csv and json output: a page cannot show them all.
        let columns = results.estimates.filter { $0.variable == first && $0.domainNames.count <= 2 }.map { ($0.domainNames, $0.domainValues) }
        var cells: [String: DomainEstimate] = [:]
        for estimate in results.estimates { cells[estimate.variable + "\u{1}" + estimate.domainValues.joined(separator: "\u{1}")] = estimate }
        var section = "<h2>\(strings["estimates"].htmlEscaped)</h2>\n<p class=\"note\">\(strings["estimatesNote"].htmlEscaped)</p>\n<table>\n<thead><tr><th></th>"
        section += columns.map { "<th>\(labels.domain(names: $0.0, values: $0.1, short: true).htmlEscaped)</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        var lastGroup: String?
        for name in variables {
            let group = labels.set[name]?.group ?? ""
            if group != lastGroup {
                section += "<tr><th colspan=\"\(columns.count + 1)\">\(labels.group(group).htmlEscaped)</th></tr>\n"
                lastGroup = group
            }
            section += "<tr><td>\(labels.indicator(name).htmlEscaped)</td>"
            for column in columns {
                guard let estimate = cells[name + "\u{1}" + column.1.joined(separator: "\u{1}")], estimate.estimate.isFinite else {
                    section += "<td>–</td>"
                    continue
                }
                let tip = "\(strings["interval"]): \(show(estimate.ciLow, name))–\(show(estimate.ciHigh, name)); SE \(format(isProportion(name) ? estimate.standardError * 100 : estimate.standardError, 2)); deff \(format(estimate.deff ?? .nan, 2)); n \(estimate.n)"
                section += "<td title=\"\(tip.htmlEscaped)\">\(show(estimate.estimate, name))</td>"
            }
            section += "</tr>\n"
        }
        return section + "</tbody>\n</table>\n"
    }

    private var gapsSection: String {
        guard !results.gaps.isEmpty else { return "" }
        var titles: [String] = []
        var cells: [String: ResultsTable.GapEstimate] = [:]
        var variables: [String] = []
        for gap in results.gaps {
            let title = labels.gap(gap)
            if !titles.contains(title) { titles.append(title) }
            if !variables.contains(gap.estimate.variable) { variables.append(gap.estimate.variable) }
            cells[gap.estimate.variable + "\u{1}" + title] = gap
        }
        var section = "<h2>\(strings["gaps"].htmlEscaped)</h2>\n<p class=\"note\">\(strings["gapsNote"].htmlEscaped)</p>\n<table>\n<thead><tr><th></th>"
        section += titles.map { "<th>\($0.htmlEscaped)</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for name in variables {
            section += "<tr><td>\(labels.indicator(name).htmlEscaped)</td>"
            for title in titles {
                guard let gap = cells[name + "\u{1}" + title], gap.estimate.estimate.isFinite else {
                    section += "<td>–</td>"
                    continue
                }
                let stars = ResultsLabels.stars(gap.pValue)
                let tip = "p = \(format(gap.pValue, 4)); \(strings["interval"]): \(show(gap.estimate.ciLow, name))–\(show(gap.estimate.ciHigh, name))"
                section += "<td title=\"\(tip.htmlEscaped)\"\(stars.isEmpty ? "" : " class=\"sig\"")>\(show(gap.estimate.estimate, name))\(stars)</td>"
            }
            section += "</tr>\n"
        }
        return section + "</tbody>\n</table>\n"
    }
}

extension ResultsReport {
    /// The fixed wording of results reports.
    static let wording: [String: TrilingualStrings.Entry] = [
        "title": ("Изилдөөнүн жыйынтыктары", "Результаты исследования", "Survey results"),
        "respondents": ("респонденттер", "респондентов", "respondents"),
        "strata": ("катмарлар", "страт", "strata"),
        "interval": ("ишеним аралыгы", "доверительный интервал", "confidence interval"),
        "rankings": ("Негизги тоскоолдуктар (рейтинг)", "Основные барьеры (рейтинг)", "Main barriers, ranked"),
        "estimates": ("Көрсөткүчтөр", "Показатели", "Indicators"),
        "estimatesNote": ("Үлүштөр пайыз менен; орточолор сан менен. Ишеним аралыгын, SE, deff жана n көрүү үчүн уячанын үстүнө чычканды алып барыңыз.",
                          "Доли в процентах, средние — в единицах показателя. Наведите курсор на ячейку, чтобы увидеть интервал, SE, deff и n.",
                          "Shares in percent, means in their own units. Hover over a cell for its interval, SE, design effect and n."),
        "gaps": ("Айырмачылыктар", "Разрывы", "Gaps"),
        "gapsNote": ("Пайыздык пункттар менен. * p<0,05, ** p<0,01, *** p<0,001 (дизайнга негизделген t-тест).",
                     "В процентных пунктах. * p<0,05, ** p<0,01, *** p<0,001 (t-тест с учётом дизайна выборки).",
                     "In percentage points. * p<0.05, ** p<0.01, *** p<0.001 (design-based t test)."),
        "method": ("Баалоолор салмакталган; стандарттык каталар тандоонун дизайнын (катмарлар, кластерлер) эске алуу менен Тейлор сызыктуулаштыруусу аркылуу эсептелген. Sanarip.",
                   "Оценки взвешены; стандартные ошибки рассчитаны линеаризацией Тейлора с учётом дизайна выборки (страты, кластеры). Sanarip.",
                   "Weighted estimates; standard errors by Taylor linearisation on the sample design (strata, clusters). Sanarip."),
    ]
}
