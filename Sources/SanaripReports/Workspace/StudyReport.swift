import SanaripAnalysis
import SanaripCore
import SanaripInstrument
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
    /// Oblast boundaries for the map beside the official figures, when available.
    public let boundaries: OblastBoundaries?
    /// The fieldwork's response rates for the method section, when the data are the study's own submissions.
    public var responseRates: ResponseRates?
    /// Sections other parts of the workbench add (catalogues, monitoring), placed before the appendix.
    public var supplements: [Section] = []

    public init(results: StudyResults, language: String, synthetic: Bool, source: String, official: OfficialFigures? = nil, boundaries: OblastBoundaries? = nil) {
        self.results = results
        self.language = language
        self.synthetic = synthetic
        self.source = source
        self.official = official
        self.boundaries = boundaries
    }

    private var words: TrilingualStrings { TrilingualStrings(code: language, table: Self.wording) }

    /// Research questions of the programme, each with the indicator groups that answer it.
    static let questions: [(key: String, groups: [String])] = [
        ("qAccess", ["access"]), ("qUsage", ["usage"]), ("qSkills", ["skills", "dsi_area", "hygiene", "hygiene_score"]),
        ("qLearning", ["learning", "need"]), ("qEgov", ["egov"]), ("qBusiness", ["business"]),
    ]

    /// One section of the report: its heading, its charts (SVG) and its tables.
    public struct Section: Sendable {
        public var title: String
        /// The sheet name of the section in the workbook (at most 31 characters).
        public var sheet: String
        public var introduction: [String] = []
        public var subsections: [(heading: String, charts: [String], grids: [ResultsGrid])]

        public init(title: String, sheet: String, introduction: [String] = [], subsections: [(heading: String, charts: [String], grids: [ResultsGrid])]) {
            self.title = title
            self.sheet = sheet
            self.introduction = introduction
            self.subsections = subsections
        }
    }

    /// The report's sections in order: method, key findings, gaps, official data, barriers, appendix. The HTML
    /// page and the workbook are both written from these, so they hold the same tables.
    public var sections: [Section] {
        let labels = ResultsLabels(set: results.set, instrument: results.instrument, language: language)
        let w = words
        let all = WorkspaceWording.strings(language)
        let design = results.design
        var sections: [Section] = []

        // Method: the design, the sample achieved, weighting and how to read intervals.
        var sample: [ResultsGrid] = []
        if let anchor = results.results.estimates.first?.variable {
            let rows = results.results.estimates.filter { $0.variable == anchor && ($0.domainNames == ["oblast", "settlement_type"] || $0.domainNames == ["oblast"]) }
            sample.append(ResultsGrid(title: w["sample"], columns: [all["domain"], all["n"]],
                                      rows: rows.map { [.text(labels.domain(names: $0.domainNames, values: $0.domainValues)), .count($0.n)] },
                                      note: w["sampleNote"]))
        }
        let designText = "\(w["designText"]) n = \(LocalizedNumber.text(design.rowCount, language: language)), PSU = \(design.psuCount), \(w["strata"]) = \(design.strataCount), df = \(design.degreesOfFreedom)."
        sections.append(Section(title: w["method"], sheet: "1 " + w["method"], introduction: [designText, w["weighting"], w["intervals"]],
                                subsections: [("", [], sample)]))
        if let responseRates { sections[sections.count - 1].subsections.append(("", [], [ResponseRateView(responseRates, labels: labels).grid])) }

        // Key findings per research question: the group's indicators overall, with their intervals.
        var findings: [(heading: String, charts: [String], grids: [ResultsGrid])] = []
        for (key, groups) in Self.questions {
            let overall = results.results.estimates.filter { $0.domainNames.isEmpty && groups.contains(labels.set[$0.variable]?.group ?? "") && $0.estimate.isFinite }
            guard !overall.isEmpty else { continue }
            let proportions = overall.filter { labels.isProportion($0.variable) }.sorted { $0.estimate > $1.estimate }
            var charts: [String] = []
            if !proportions.isEmpty {
                charts.append(IntervalBarChart(title: w[key], bars: proportions.prefix(12).map { .init(label: labels.indicator($0.variable), value: $0.estimate, low: $0.ciLow, high: $0.ciHigh) },
                                               percent: true, language: language).svg)
            }
            let grid = ResultsGrid(title: w[key], columns: [all["indicator"], all["estimate"], all["low"], all["high"], all["n"]],
                                   rows: overall.map { estimate in
                                       let scale = labels.isProportion(estimate.variable) ? 100.0 : 1
                                       return [.text(labels.indicator(estimate.variable)), .number(estimate.estimate * scale, digits: 1),
                                               .number(estimate.ciLow * scale, digits: 1), .number(estimate.ciHigh * scale, digits: 1), .count(estimate.n)]
                                   }, note: all["percentNote"])
            findings.append((w[key], charts, [grid]))
        }
        sections.append(Section(title: w["findings"], sheet: "2 " + w["findings"], subsections: findings))
        if let drivers = driverSection(labels: labels) { sections.append(drivers) }

        // Gaps.
        let gaps = results.gaps.map { GapView(results: results, labels: labels, gap: $0, within: [], values: []) }
        sections.append(Section(title: w["gapsTitle"], sheet: "3 " + all["gaps"], subsections: gaps.map { ("", [$0.chart.svg], [$0.grid]) }))

        // Comparison with official data, with the map of internet use.
        if let official {
            let view = OfficialComparisonView(results: results, labels: labels, official: official)
            var charts = view.charts.map(\.svg)
            if let boundaries {
                charts = MapView(results: results, labels: labels, boundaries: boundaries, official: official, indicator: OfficialFigures.mappings[0].indicator).maps.map(\.svg) + charts
            }
            sections.append(Section(title: all["official"], sheet: "4 " + all["official"], subsections: [("", charts, [view.grid])]))
        }

        // The main barriers, and the groups most affected by the first.
        var barriers: [(heading: String, charts: [String], grids: [ResultsGrid])] = []
        let ranked = BarrierView.all(results)
        if let overall = ranked.first(where: { $0.group == "barrier" && $0.names.isEmpty }) {
            let view = BarrierView(overall, labels: labels)
            var grids = [view.grid]
            if let top = overall.entries.first?.estimate.variable {
                let affected = ranked.filter { $0.group == "barrier" && !$0.names.isEmpty }
                    .compactMap { item in item.entries.first { $0.estimate.variable == top }.map { (item, $0.estimate) } }
                    .sorted { $0.1.estimate > $1.1.estimate }
                grids.append(ResultsGrid(title: w["affected"] + ": " + labels.indicator(top), columns: [all["domain"], all["estimate"], all["low"], all["high"], all["n"]],
                                         rows: affected.map { item, estimate in
                                             [.text(labels.domain(names: item.names, values: item.values)), .number(estimate.estimate * 100, digits: 1),
                                              .number(estimate.ciLow * 100, digits: 1), .number(estimate.ciHigh * 100, digits: 1), .count(estimate.n)]
                                         }))
            }
            barriers.append(("", [view.chart.svg], grids))
        }
        sections.append(Section(title: w["barriersTitle"], sheet: "5 " + w["barriersTitle"], subsections: barriers))

        sections += supplements

        // Appendix: every indicator overall and by the one-column breakdowns.
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
        sections.append(Section(title: w["appendix"], sheet: "6 " + w["appendix"], subsections: [("", [], [appendix])]))
        return sections
    }

    public var html: String {
        let w = words
        let all = WorkspaceWording.strings(language)
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
            svg.chart{max-width:100%;height:auto}figure{margin:.8rem 0;break-inside:avoid}
            @media print{body{max-width:none;margin:0}.table-wrap{overflow:visible}h2{break-after:avoid}}
            </style></head><body>

            """
        if synthetic { page += "<p class=\"synthetic\">\(all["synthetic"].htmlEscaped)</p>\n" }
        page += "<h1>\(w["title"].htmlEscaped)</h1>\n<p class=\"note\">\(source.htmlEscaped)</p>\n"
        for section in sections {
            page += "<h2>\(section.title.htmlEscaped)</h2>\n" + section.introduction.map { "<p>\($0.htmlEscaped)</p>\n" }.joined()
            for subsection in section.subsections {
                if !subsection.heading.isEmpty { page += "<h3>\(subsection.heading.htmlEscaped)</h3>\n" }
                page += subsection.charts.map { "<figure>\($0)</figure>\n" }.joined()
                page += subsection.grids.map { $0.html(language: language) }.joined()
            }
        }
        if synthetic { page += "<p class=\"synthetic\">\(all["synthetic"].htmlEscaped)</p>\n" }
        return page + "</body></html>\n"
    }

    /// Every table of the report in one workbook, a sheet per section (tables one below the other, each under its
    /// title), numbers as numbers; demo data says so on the first row of every sheet.
    public var workbook: Workbook {
        let note = synthetic ? [[WorkspaceWording.strings(language)["synthetic"]]] : []
        var used: Set<String> = []
        let sheets = sections.compactMap { section -> Sheet? in
            let grids = section.subsections.flatMap(\.grids)
            guard !grids.isEmpty else { return nil }
            var rows = note + section.introduction.map { [$0] }
            for grid in grids {
                if !rows.isEmpty { rows.append([]) }
                rows.append([grid.title])
                rows += grid.records
                if !grid.note.isEmpty { rows.append([grid.note]) }
            }
            var name = String(String(section.sheet.map { "[]:*?/\\".contains($0) ? " " : $0 }).prefix(31))
            while used.contains(name) { name = String(name.prefix(29)) + "~\(used.count)" }
            used.insert(name)
            return Sheet(name: name, cells: rows)
        }
        return Workbook(sheets: sheets, source: "report")
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
