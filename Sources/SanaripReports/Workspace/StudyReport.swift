import SanaripAnalysis
import SanaripCore
import SanaripStatistics

/// The study report handed to partners: one self-contained HTML file (inline SVG charts and styles, no external
/// reference) with the method, the sample achieved, the weighting, key findings per research question, the
/// ranked main barriers with the groups most affected, and an appendix with every indicator.
public struct StudyReport: Sendable {
    public let results: StudyResults
    public let language: String
    /// Synthetic (demo) data: said on the first screen and in the title.
    public let synthetic: Bool
    /// Where the data came from.
    public let source: String
    /// Official figures to compare with, when available.
    public let official: OfficialFigures?

    public init(results: StudyResults, language: String, synthetic: Bool, source: String, official: OfficialFigures? = nil) {
        self.results = results
        self.language = language
        self.synthetic = synthetic
        self.source = source
        self.official = official
    }

    private var words: TrilingualStrings { TrilingualStrings(code: language, table: Self.wording) }

    /// Research questions of the programme, each with the indicator groups that answer it.
    static let questions: [(key: String, groups: [String])] = [
        ("qAccess", ["access"]), ("qUsage", ["usage"]), ("qSkills", ["skills", "dsi_area", "hygiene", "hygiene_score"]),
        ("qLearning", ["learning", "need"]), ("qEgov", ["egov"]), ("qBusiness", ["business"]),
    ]

    public var html: String {
        let labels = ResultsLabels(set: results.set, instrument: results.instrument, language: language)
        let w = words
        let all = WorkspaceWording.strings(language)
        let design = results.design
        var page = """
            <!doctype html>
            <html lang="\(language)"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\((synthetic ? "[SYNTHETIC] " : "") + w["title"])</title>
            <style>
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2430;margin:1.5rem auto;max-width:960px;padding:0 1rem;line-height:1.45}
            h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:2px solid #0b6e4f;padding-bottom:.2rem}h3{color:#0b6e4f}
            .synthetic{background:#fff3cd;border:2px solid #b58105;padding:.6rem;font-weight:bold}
            .table-wrap{overflow-x:auto}table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0}th,td{padding:.2rem .45rem;border-bottom:1px solid #e3e7eb;text-align:left}
            .number{text-align:right}caption{text-align:left;font-weight:bold;padding:.3rem 0}tr.marked td{font-weight:bold}.note{font-size:.85rem;color:#5b6573}
            svg.chart{max-width:100%;height:auto}
            </style></head><body>

            """
        if synthetic { page += "<p class=\"synthetic\">\(all["synthetic"].htmlEscaped)</p>\n" }
        page += "<h1>\(w["title"].htmlEscaped)</h1>\n<p class=\"note\">\(source.htmlEscaped)</p>\n"

        // Method.
        page += "<h2>\(w["method"].htmlEscaped)</h2>\n<p>\(w["designText"].htmlEscaped) n = \(design.rowCount), PSU = \(design.psuCount), \(w["strata"].htmlEscaped) = \(design.strataCount), df = \(design.degreesOfFreedom).</p>\n"
        if let anchor = results.results.estimates.first?.variable {
            let sample = results.results.estimates.filter { $0.variable == anchor && ($0.domainNames == ["oblast", "settlement_type"] || $0.domainNames == ["oblast"]) }
            let grid = ResultsGrid(title: w["sample"], columns: [all["domain"], all["n"]],
                                   rows: sample.map { [.text(labels.domain(names: $0.domainNames, values: $0.domainValues)), .count($0.n)] },
                                   note: w["sampleNote"])
            page += grid.html(language: language)
        }
        page += "<p>\(w["weighting"].htmlEscaped)</p>\n<p>\(w["intervals"].htmlEscaped)</p>\n"

        // Key findings per research question: the group's indicators overall, with their intervals.
        page += "<h2>\(w["findings"].htmlEscaped)</h2>\n"
        for (key, groups) in Self.questions {
            let overall = results.results.estimates.filter { $0.domainNames.isEmpty && groups.contains(labels.set[$0.variable]?.group ?? "") && $0.estimate.isFinite }
            guard !overall.isEmpty else { continue }
            page += "<h3>\(w[key].htmlEscaped)</h3>\n"
            let proportions = overall.filter { labels.isProportion($0.variable) }.sorted { $0.estimate > $1.estimate }
            if !proportions.isEmpty {
                let chart = IntervalBarChart(title: w[key], bars: proportions.prefix(12).map { .init(label: labels.indicator($0.variable), value: $0.estimate, low: $0.ciLow, high: $0.ciHigh) }, percent: true)
                page += "<figure>\(chart.svg)</figure>\n"
            }
        }

        // Gaps.
        page += "<h2>\(w["gapsTitle"].htmlEscaped)</h2>\n"
        for gap in results.gaps {
            let view = GapView(results: results, labels: labels, gap: gap, within: [], values: [])
            page += "<figure>\(view.chart.svg)</figure>\n"
        }

        // Comparison with official data.
        if let official {
            let view = OfficialComparisonView(results: results, labels: labels, official: official)
            page += "<h2>\(all["official"].htmlEscaped)</h2>\n" + view.charts.map { "<figure>\($0.svg)</figure>\n" }.joined() + view.grid.html(language: language)
        }

        // The main barriers, and the groups most affected by the first.
        page += "<h2>\(w["barriersTitle"].htmlEscaped)</h2>\n"
        let ranked = BarrierView.all(results)
        if let overall = ranked.first(where: { $0.group == "barrier" && $0.names.isEmpty }) {
            let view = BarrierView(overall, labels: labels)
            page += "<figure>\(view.chart.svg)</figure>\n" + view.grid.html(language: language)
            if let top = overall.entries.first?.estimate.variable {
                let affected = ranked.filter { $0.group == "barrier" && !$0.names.isEmpty }
                    .compactMap { item in item.entries.first { $0.estimate.variable == top }.map { (item, $0.estimate) } }
                    .sorted { $0.1.estimate > $1.1.estimate }
                let grid = ResultsGrid(title: w["affected"] + ": " + labels.indicator(top), columns: [all["domain"], all["estimate"], all["low"], all["high"], all["n"]],
                                       rows: affected.map { item, estimate in
                                           [.text(labels.domain(names: item.names, values: item.values)), .number(estimate.estimate * 100, digits: 1),
                                            .number(estimate.ciLow * 100, digits: 1), .number(estimate.ciHigh * 100, digits: 1), .count(estimate.n)]
                                       })
                page += grid.html(language: language)
            }
        }

        // Appendix: every indicator overall and by the one-column breakdowns.
        page += "<h2>\(w["appendix"].htmlEscaped)</h2>\n"
        let columns = results.results.estimates.filter { $0.variable == results.results.estimates.first?.variable && $0.domainNames.count <= 1 }
        var names: [String] = []
        for estimate in results.results.estimates where !names.contains(estimate.variable) { names.append(estimate.variable) }
        var cells: [String: Double] = [:]
        for estimate in results.results.estimates where estimate.domainNames.count <= 1 {
            cells[estimate.variable + "|" + estimate.domainNames.joined() + "=" + estimate.domainValues.joined()] = estimate.estimate
        }
        let appendix = ResultsGrid(
            title: w["appendix"], columns: [all["indicator"]] + columns.map { labels.domain(names: $0.domainNames, values: $0.domainValues, short: true) },
            rows: names.map { name in
                [.text(labels.indicator(name))] + columns.map { column in
                    .number((cells[name + "|" + column.domainNames.joined() + "=" + column.domainValues.joined()] ?? .nan) * (labels.isProportion(name) ? 100 : 1), digits: 1)
                }
            }, note: all["percentNote"])
        page += appendix.html(language: language)
        if synthetic { page += "<p class=\"synthetic\">\(all["synthetic"].htmlEscaped)</p>\n" }
        return page + "</body></html>\n"
    }

    static let wording: [String: TrilingualStrings.Entry] = [
        "title": ("Санариптик ажырым: изилдөөнүн отчёту", "Цифровой разрыв: отчёт об исследовании", "Digital divide: study report"),
        "method": ("Методология", "Методология", "Method"),
        "designText": ("Катмарланган кластердик тандоо (муниципалитеттер — биринчи баскычтагы бирдиктер).",
                       "Стратифицированная кластерная выборка (муниципалитеты — единицы первой ступени).",
                       "Stratified cluster sample (municipalities as primary sampling units)."),
        "strata": ("катмарлар", "страты", "strata"),
        "sample": ("Катмар боюнча алынган тандоо", "Достигнутая выборка по стратам", "Sample achieved per stratum"),
        "sampleNote": ("Респонденттердин саны (салмаксыз).", "Число респондентов (без взвешивания).", "Respondents (unweighted)."),
        "weighting": ("Салмактар: тандоо планынын ыктымалдуулуктарынан негизги салмактар, андан кийин облус жана шаар/айыл боюнча калктын маргиналдарына рейкинг; стандарттык каталар рейкингди эске алат.",
                      "Веса: базовые веса из вероятностей плана выборки, затем рейкинг к маргиналам населения по области и типу поселения; стандартные ошибки учитывают рейкинг.",
                      "Weights: base weights from the sampling plan's inclusion probabilities, raked to the population margins by oblast and urban/rural; standard errors account for the raking."),
        "intervals": ("95% ишеним аралыгы: ушундай тандоолордун 95%ында аралык чыныгы маанини камтыйт. Эки аралык кесилишсе, айырма маанилүү болбошу мүмкүн; p-маанини караңыз.",
                      "95% доверительный интервал: в 95% таких выборок интервал накрывает истинное значение. Если интервалы двух групп пересекаются, разница может быть незначимой — смотрите p-значение.",
                      "95% confidence interval: in 95% of such samples the interval covers the true value. When two groups' intervals overlap the difference may not be significant: see its p-value."),
        "findings": ("Негизги жыйынтыктар", "Основные выводы", "Key findings"),
        "qAccess": ("Интернетке жетүү жана тоскоолдуктар", "Доступ к интернету и барьеры", "Access and barriers"),
        "qUsage": ("Интернетти колдонуу адаттары", "Привычки использования интернета", "Usage habits"),
        "qSkills": ("Санариптик көндүмдөр жана кибергигиена", "Цифровые навыки и кибергигиена", "Digital skills and cyber hygiene"),
        "qLearning": ("Окутууга муктаждыктар", "Потребности в обучении", "Learning needs"),
        "qEgov": ("Электрондук мамлекеттик кызматтар", "Электронные госуслуги", "E-government services"),
        "qBusiness": ("Санариптик ишкердик", "Цифровое предпринимательство", "Digital entrepreneurship"),
        "gapsTitle": ("Айыл−шаар, аялдар−эркектер жана жаштар−чоңдор ортосундагы айырмачылыктар", "Разрывы: село−город, женщины−мужчины, молодёжь−взрослые", "Rural−urban, women−men and youth−adults gaps"),
        "barriersTitle": ("Негизги тоскоолдуктар", "Основные барьеры", "The main barriers"),
        "affected": ("Эң көп тийген топтор", "Наиболее затронутые группы", "Groups most affected"),
        "appendix": ("Тиркеме: бардык көрсөткүчтөр", "Приложение: все показатели", "Appendix: every indicator"),
    ]
}
