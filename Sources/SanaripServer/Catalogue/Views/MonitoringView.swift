import Foundation
import SanaripAnalysis
import SanaripAudit
import SanaripCatalogue
import SanaripReports
import SanaripStatistics

/// Digital development over time in one area: the survey's key indicators by round, the municipal web audit's
/// index by round, the official and manual series with their targets, the event log drawn on every chart, what
/// changed since the last period, and the catalogues' counts today. The monitoring page, its CSV/XLSX export and
/// the report's section are written from this.
struct MonitoringView {
    /// The survey's key indicators followed from round to round (those the study's indicator file has).
    static let surveyIndicators = ["internet_use", "mobile_owner", "smartphone_owner", "home_internet", "use_egov", "egov_any_service", "any_basic_activity"]

    /// Each key indicator by survey round, in the whole sample and per oblast.
    static let surveyRequest = ResultsRequest(
        breakdowns: [[StudyResults.round], ["oblast", StudyResults.round]], gaps: [], rankGroups: [], rankWithin: [], groups: ["access", "usage", "egov", "skills"])

    /// The series code under which targets for the audit's index are given (`target` rows of a series file).
    static let auditSeries = "audit_index"

    /// The whole country's area code; the survey's oblasts are `OfficialFigures.areas`.
    static let country = OfficialFigures.country

    /// One round of the municipal web audit: its name, date and the index overall and per oblast.
    struct AuditRound: Sendable {
        var name: String
        /// `YYYY-MM-DD`, the day it started.
        var period: String
        var comparison: [AuditComparison]
    }

    /// One line of a chart: a series in the area, oldest value first.
    struct Line {
        enum Kind: String { case survey, audit, official }
        var kind: Kind
        var indicator: String
        var series: String
        var area: String
        var age: String
        var title: String
        /// `PT`: percent as written (62.8); else the unit's own numbers.
        var unit: String
        var source: String
        var points: [(period: String, value: Double)]
        var target: (period: String, value: Double)?
        /// The survey's latest estimate and interval (in the line's unit), for an official series it is compared with.
        var survey: (period: String, value: Double, low: Double, high: Double)?
    }

    let area: String
    let areas: [String]
    let lines: [Line]
    let events: [MonitoringEvent]
    let charts: [(svg: String, caption: String)]
    let changes: ResultsGrid
    let counts: ResultsGrid
    let eventGrid: ResultsGrid
    /// Every imported series line, breakdowns included (employment by sector, sex and age among them), latest first.
    let seriesGrid: ResultsGrid

    /// The official and manual series of `area`, each a series and age group with every other breakdown a total.
    static func officialLines(_ observations: [SeriesObservation], area: String) -> [Line] {
        var lines: [String: Line] = [:]
        var order: [String] = []
        for observation in observations where observation.isTotal && (area.isEmpty || observation.area == area || observation.area.isEmpty) {
            let key = observation.line
            if lines[key] == nil {
                order.append(key)
                let age = observation.age.isEmpty || observation.age == "_T" ? "" : " \(observation.age)"
                lines[key] = Line(kind: .official, indicator: observation.indicator, series: observation.series, area: observation.area, age: observation.age,
                                  title: "\(observation.indicator) \(observation.series)\(age) (\(observation.unit))", unit: observation.unit,
                                  source: observation.source, points: [], target: nil, survey: nil)
            }
            if let value = observation.value { lines[key]?.points.append((observation.period, value)) }
            if let target = observation.target, (lines[key]?.target?.period ?? "") <= observation.period { lines[key]?.target = (observation.period, target) }
        }
        return order.compactMap { lines[$0] }.map { line in
            var line = line
            line.points.sort { $0.period < $1.period }
            return line
        }
    }

    /// Targets of series named like a survey indicator or the audit index: `series|area` → the latest target.
    static func targets(_ observations: [SeriesObservation]) -> [String: (period: String, value: Double)] {
        var found: [String: (period: String, value: Double)] = [:]
        for observation in observations {
            guard let target = observation.target else { continue }
            let key = observation.series + "|" + observation.area
            if (found[key]?.period ?? "") <= observation.period { found[key] = (observation.period, target) }
        }
        return found
    }

    /// The survey's oblast code (SOATE) of an official area, nil for the whole country.
    static func oblast(ofArea area: String) -> String? {
        OfficialFigures.areas.first { $0.value == area }?.key
    }

    /// The official area of an audit frame's oblast ("Issyk-Kul", "Osh"), from the oblast names of the boundaries.
    static func area(ofFrameOblast name: String) -> String? {
        OblastBoundaries.names.first { $0.value.en == name || $0.value.en == name + " oblast" }?.key
    }

    /// The survey's key indicators by round in `area` (percent for shares).
    static func surveyLines(_ results: StudyResults?, labels: ResultsLabels?, area: String, words: CatalogueWording) -> [Line] {
        guard let results, let labels else { return [] }
        let oblast = oblast(ofArea: area)
        guard area == country || oblast != nil else { return [] }
        let names = oblast == nil ? [StudyResults.round] : ["oblast", StudyResults.round]
        return surveyIndicators.compactMap { indicator -> Line? in
            let scale = labels.isProportion(indicator) ? 100.0 : 1
            let rounds = results.results.estimates
                .filter { $0.variable == indicator && $0.domainNames == names && (oblast == nil || $0.domainValues.first == oblast) && $0.estimate.isFinite }
                .sorted { ($0.domainValues.last ?? "") < ($1.domainValues.last ?? "") }
            guard let last = rounds.last else { return nil }
            let period = last.domainValues.last ?? ""
            return Line(kind: .survey, indicator: indicator, series: indicator, area: area, age: "", title: "\(words["catalogue.s4.survey"]): \(labels.indicator(indicator))",
                        unit: scale == 100 ? "PT" : "", source: words["catalogue.s4.surveySource"],
                        points: rounds.map { ($0.domainValues.last ?? "", $0.estimate * scale) }, target: nil,
                        survey: (period, last.estimate * scale, last.ciLow * scale, last.ciHigh * scale))
        }
    }

    /// The audit's index by round in `area` (0–100: the whole audit for the country, else the oblast's municipalities).
    static func auditLine(_ rounds: [AuditRound], area: String, words: CatalogueWording) -> Line? {
        let points = rounds.sorted { $0.period < $1.period }.compactMap { round -> (period: String, value: Double)? in
            let row = round.comparison.first { row in area == country ? row.label == "all" : Self.area(ofFrameOblast: row.label) == area }
            return row.map { (round.period, $0.mean * 100) }
        }
        guard !points.isEmpty else { return nil }
        return Line(kind: .audit, indicator: auditSeries, series: auditSeries, area: area, age: "", title: words["catalogue.s4.auditIndex"], unit: "0–100",
                    source: words["catalogue.s4.auditSource"], points: points, target: nil, survey: nil)
    }

    /// A value as shown: percent units as they are written (e.g. 62.8), other units as numbers.
    static func axisMaximum(_ line: Line) -> Double {
        if line.unit == "PT" || line.unit == "0–100" { return 1 }
        let top = (line.points.map(\.value) + [line.target?.value].compactMap { $0 }).max() ?? 1
        let magnitude = pow(10, floor(log10(max(top, 1e-9))))
        return ([1, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= top }) ?? top
    }

    init(observations: [SeriesObservation], events: [MonitoringEvent], area requested: String?, survey: StudyResults?, labels: ResultsLabels?,
         audit: [AuditRound], entries: [CatalogueEntry], today: String, words: CatalogueWording) {
        let language = words.code
        var areas = observations.reduce(into: [String]()) { if !$0.contains($1.area) && !$1.area.isEmpty { $0.append($1.area) } }
        for area in [Self.country] + OfficialFigures.areas.values.sorted() where !areas.contains(area) && (survey != nil || !audit.isEmpty) { areas.append(area) }
        let area = requested.flatMap { areas.contains($0) ? $0 : nil } ?? (areas.contains(Self.country) ? Self.country : areas.first ?? Self.country)
        self.area = area
        self.areas = areas
        self.events = events
        let targets = Self.targets(observations)
        var surveyLines = Self.surveyLines(survey, labels: labels, area: area, words: words)
        var auditLines = Self.auditLine(audit, area: area, words: words).map { [$0] } ?? []
        for index in surveyLines.indices { surveyLines[index].target = targets[surveyLines[index].series + "|" + area] }
        for index in auditLines.indices { auditLines[index].target = targets[Self.auditSeries + "|" + area] }
        let surveyByIndicator = Dictionary(surveyLines.map { ($0.indicator, $0) }) { first, _ in first }
        // Targets of the survey's indicators and of the audit's index belong to their lines, not to lines of their own.
        var officialLines = Self.officialLines(observations, area: area)
            .filter { !($0.points.isEmpty && (surveyByIndicator[$0.series] != nil || $0.series == Self.auditSeries)) }
        // An official series the survey measures too gets the survey's latest round beside it.
        for index in officialLines.indices {
            let line = officialLines[index]
            guard line.unit == "PT", line.age.isEmpty || line.age == "Y_GE15" || line.age == "_T",
                  let mapping = OfficialFigures.mappings.first(where: { $0.series == line.series }) else { continue }
            officialLines[index].survey = surveyByIndicator[mapping.indicator]?.survey
        }
        let lines = surveyLines + auditLines + officialLines
        self.lines = lines

        let marks = events.compactMap { event in event.year.map { (year: $0, label: "\(event.date) \(event.title(language))") } }
        var charts: [(svg: String, caption: String)] = []
        var changes: [[ResultsGrid.Cell]] = []
        for line in lines {
            let percent = line.unit == "PT" || line.unit == "0–100"
            let scale = percent ? 0.01 : 1
            let points = line.points.compactMap { point in Int(point.period.prefix(4)).map { TrendChart.Point(year: $0, value: point.value * scale) } }
            let surveyPoint = line.kind == .official ? line.survey.flatMap { survey in
                Int(survey.period.prefix(4)).map { (year: $0, value: survey.value * scale, low: survey.low * scale, high: survey.high * scale) }
            } : nil
            let years = points.map(\.year) + (surveyPoint.map { [$0.year] } ?? [])
            let shown = marks.filter { mark in (years.min() ?? 0) <= mark.year && mark.year <= (years.max() ?? 0) + 1 }
            let legend = surveyPoint == nil ? ("", "") : (words["catalogue.s4.officialLine"], words["catalogue.s4.surveyPoint"])
            charts.append((TrendChart(title: line.title, official: points, survey: surveyPoint, maximum: Self.axisMaximum(line),
                                      target: line.target.map { $0.value * scale }, events: shown, language: language, legend: legend).svg, line.source))
            let last = line.points.last, previous = line.points.dropLast().last
            changes.append([.text(line.title), .text(last?.period ?? ""), .number(last?.value ?? .nan, digits: 1), .text(previous?.period ?? ""),
                            .number(previous?.value ?? .nan, digits: 1), .number((last?.value ?? .nan) - (previous?.value ?? .nan), digits: 1),
                            .number(line.target?.value ?? .nan, digits: 1), .text(line.target?.period ?? "")])
        }
        self.charts = charts
        self.changes = ResultsGrid(title: words["catalogue.changes"],
                                   columns: [words["catalogue.series"], words["catalogue.period"], words["catalogue.value"], words["catalogue.previous"],
                                             words["catalogue.value"], words["catalogue.change"], words["catalogue.target"], words["catalogue.period"]],
                                   rows: changes, note: words["catalogue.s4.changesNote"])

        let counted: [(String, Int)] = [
            ("catalogue.count.courses", entries.filter { $0.kind == .courses }.count),
            ("catalogue.count.coursesOnline", entries.filter { $0.kind == .courses && ($0["mode"] == "online" || $0.list("places").contains("online")) }.count),
            ("catalogue.count.eservicesOnline", entries.filter { $0.kind == .eservices && $0["online_level"] == "full_transaction" }.count),
            ("catalogue.count.initiativesActive", entries.filter { $0.kind == .initiatives && $0["status"] == "active" }.count),
            ("catalogue.count.lawsInForce", entries.filter { $0.kind == .laws && $0["status"] == "in_force" }.count),
        ]
        counts = ResultsGrid(title: "\(words["catalogue.counts"]) (\(today))", columns: ["", "n"], rows: counted.map { [.text(words[$0.0]), .count($0.1)] })
        eventGrid = ResultsGrid(title: words["catalogue.events"], columns: [words["catalogue.period"], words["catalogue.s4.event"], words["catalogue.s4.eventType"], words["catalogue.source"]],
                                rows: events.map { [.text($0.date), .text($0.title(language)), .text(words["catalogue.s4.eventType.\($0.type)"]), .text($0.sourceURL)] })

        // Every line of every imported table, breakdowns included.
        var latest: [String: (first: SeriesObservation, last: SeriesObservation, previous: SeriesObservation?)] = [:]
        var order: [String] = []
        for observation in observations.sorted(by: { $0.period < $1.period }) where observation.value != nil {
            let key = observation.line
            if let found = latest[key] {
                latest[key] = (found.first, observation, found.last)
            } else {
                order.append(key)
                latest[key] = (observation, observation, nil)
            }
        }
        seriesGrid = ResultsGrid(
            title: words["catalogue.s4.allSeries"],
            columns: [words["catalogue.series"], words["catalogue.area"], words["catalogue.s4.breakdown"], words["catalogue.s4.periods"], words["catalogue.period"],
                      words["catalogue.value"], words["catalogue.previous"], words["catalogue.change"], words["catalogue.s4.unit"], words["catalogue.source"]],
            rows: order.compactMap { latest[$0] }.map { line in
                let breakdown = [("sex", line.last.sex), ("age", line.last.age), ("urbanisation", line.last.urbanisation), ("sector", line.last.sector)]
                    .filter { !$0.1.isEmpty && $0.1 != "_T" }.map { "\($0.0)=\($0.1)" }.joined(separator: ", ")
                return [.text("\(line.last.indicator) \(line.last.series)"), .text(line.last.area), .text(breakdown), .text("\(line.first.period)–\(line.last.period)"),
                        .text(line.last.period), .number(line.last.value ?? .nan, digits: 1), .number(line.previous?.value ?? .nan, digits: 1),
                        .number((line.last.value ?? .nan) - (line.previous?.value ?? .nan), digits: 1), .text(line.last.unit), .text(line.last.source)]
            })
    }

    /// The lines as rows of a data file: kind, indicator, series, area, age, period, value, target, unit, source.
    var records: [[String]] {
        [["kind", "indicator", "series", "area", "age", "period", "value", "target", "unit", "source"]]
            + lines.flatMap { line in
                line.points.map { [line.kind.rawValue, line.indicator, line.series, line.area, line.age, $0.period, String($0.value), "", line.unit, line.source] }
                    + (line.target.map { [[line.kind.rawValue, line.indicator, line.series, line.area, line.age, $0.period, "", String($0.value), line.unit, line.source]] } ?? [])
            }
    }
}
