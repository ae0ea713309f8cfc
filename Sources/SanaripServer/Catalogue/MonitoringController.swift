import Foundation
import Hummingbird
import SanaripCatalogue
import SanaripCore
import SanaripInstrument
import SanaripReports

/// The monitoring page: each series' trend (official tables and manual entries) with its target and the event log
/// drawn on the chart, what changed since the last period, the catalogues' counts today; imports of series and
/// events; the series shown as CSV or XLSX.
struct MonitoringController: Sendable {
    let catalogue: CatalogueController

    func addRoutes(to router: Router<SanaripRequestContext>) {
        router.get("/studies/{study}/monitoring", use: page)
        router.get("/studies/{study}/monitoring/export", use: export)
        router.post("/studies/{study}/monitoring/series", use: uploadSeries)
        router.post("/studies/{study}/monitoring/events", use: uploadEvents)
    }

    /// One line of a chart: a series in an area and age group, totals of the other breakdowns.
    struct Line {
        var key: String
        var indicator: String
        var series: String
        var age: String
        var unit: String
        var source: String
        var values: [SeriesObservation]
        var target: SeriesObservation?
    }

    /// The lines of `area`, each a series and age group with every other breakdown a total.
    static func lines(_ observations: [SeriesObservation], area: String) -> [Line] {
        var lines: [String: Line] = [:]
        var order: [String] = []
        for observation in observations where observation.isTotal && (area.isEmpty || observation.area == area || observation.area.isEmpty) {
            let key = observation.line
            if lines[key] == nil {
                order.append(key)
                lines[key] = Line(key: key, indicator: observation.indicator, series: observation.series, age: observation.age, unit: observation.unit,
                                  source: observation.source, values: [], target: nil)
            }
            if observation.value != nil { lines[key]?.values.append(observation) }
            if observation.target != nil, (lines[key]?.target?.period ?? "") <= observation.period { lines[key]?.target = observation }
        }
        return order.compactMap { lines[$0] }.map { line in
            var line = line
            line.values.sort { $0.period < $1.period }
            return line
        }
    }

    /// A value as shown: percent units as they are written (e.g. 62.8), other units as numbers.
    static func axisMaximum(_ line: Line) -> Double {
        if line.unit == "PT" { return 1 }
        let top = (line.values.compactMap(\.value) + [line.target?.target].compactMap { $0 }).max() ?? 1
        let magnitude = pow(10, floor(log10(max(top, 1e-9))))
        return ([1, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= top }) ?? top
    }

    @Sendable func page(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let studyID = try await catalogue.study(context)
        let pages = catalogue.pages
        let language = context.language.rawValue
        let observations = try await catalogue.catalogue.series(studyID: studyID)
        let events = try await catalogue.catalogue.events(studyID: studyID)
        let areas = observations.reduce(into: [String]()) { if !$0.contains($1.area) { $0.append($1.area) } }
        let area = request.uri.queryParameters.get("area").flatMap { areas.contains($0) ? $0 : nil } ?? (areas.contains("KG") ? "KG" : areas.first ?? "")
        let lines = Self.lines(observations, area: area)
        var body = "<form class=\"workspace-form\" method=\"get\"><label>\(pages.string("catalogue.area", context).htmlEscaped) <select name=\"area\">"
            + areas.map { "<option\($0 == area ? " selected" : "")>\($0.htmlEscaped)</option>" }.joined()
            + "</select></label> <button type=\"submit\">\(pages.string("catalogue.show", context).htmlEscaped)</button></form>"
        if lines.isEmpty { body += "<p class=\"empty\">\(pages.string("catalogue.noSeries", context).htmlEscaped)</p>" }
        let marks = events.compactMap { event in event.year.map { (year: $0, label: "\(event.date) \(event.title(language))") } }
        var changes: [[ResultsGrid.Cell]] = []
        body += "<div class=\"workspace-charts\">"
        for line in lines {
            let scale = line.unit == "PT" ? 0.01 : 1
            let points = line.values.compactMap { value in value.year.map { TrendChart.Point(year: $0, value: (value.value ?? 0) * scale) } }
            let years = points.map(\.year)
            let shown = marks.filter { mark in (years.min() ?? 0) <= mark.year && mark.year <= (years.max() ?? 0) + 1 }
            let title = "\(line.indicator) \(line.series)\(line.age.isEmpty || line.age == "_T" ? "" : " \(line.age)") (\(line.unit))"
            body += "<figure class=\"workspace-chart\">" + TrendChart(title: title, official: points, survey: nil, maximum: Self.axisMaximum(line) * (line.unit == "PT" ? 1 : 1),
                                                                      target: line.target?.target.map { $0 * scale }, events: shown).svg
                + "<figcaption>\(line.source.htmlEscaped)</figcaption></figure>"
            let last = line.values.last, previous = line.values.dropLast().last
            changes.append([.text(title), .text(last?.period ?? ""), .number(last?.value ?? .nan, digits: 1), .text(previous?.period ?? ""),
                            .number(previous?.value ?? .nan, digits: 1), .number((last?.value ?? .nan) - (previous?.value ?? .nan), digits: 1),
                            .number(line.target?.target ?? .nan, digits: 1), .text(line.target?.period ?? "")])
        }
        body += "</div>"
        body += ResultsGrid(title: pages.string("catalogue.changes", context),
                            columns: [pages.string("catalogue.series", context), pages.string("catalogue.period", context), pages.string("catalogue.value", context),
                                      pages.string("catalogue.previous", context), pages.string("catalogue.value", context), pages.string("catalogue.change", context),
                                      pages.string("catalogue.target", context), pages.string("catalogue.period", context)], rows: changes).html(language: language)
        body += "<p class=\"downloads\"><a href=\"/studies/\(studyID.htmlEscaped)/monitoring/export?format=csv&amp;area=\(area.htmlEscaped)\" download>CSV</a> · "
            + "<a href=\"/studies/\(studyID.htmlEscaped)/monitoring/export?format=xlsx&amp;area=\(area.htmlEscaped)\" download>XLSX</a></p>"

        body += "<h2>\(pages.string("catalogue.events", context).htmlEscaped)</h2><ul class=\"events\">"
            + events.map { event in
                "<li>\(event.date.htmlEscaped) — \(event.title(language).htmlEscaped) (\(event.type.htmlEscaped))"
                    + (event.sourceURL.isEmpty ? "" : " <a href=\"\(event.sourceURL.htmlEscaped)\" rel=\"noreferrer\">\(pages.string("catalogue.source", context).htmlEscaped)</a>") + "</li>"
            }.joined() + "</ul>"

        let entries = try await catalogue.catalogue.entries(studyID: studyID, kind: nil)
        let today = ISO8601DateFormatter.string(from: Date(), timeZone: .gmt, formatOptions: .withFullDate)
        let counts: [(String, Int)] = [
            ("catalogue.count.courses", entries.filter { $0.kind == .courses }.count),
            ("catalogue.count.coursesOnline", entries.filter { $0.kind == .courses && ($0["mode"] == "online" || $0.list("places").contains("online")) }.count),
            ("catalogue.count.eservicesOnline", entries.filter { $0.kind == .eservices && $0["online_level"] == "full_transaction" }.count),
            ("catalogue.count.initiativesActive", entries.filter { $0.kind == .initiatives && $0["status"] == "active" }.count),
            ("catalogue.count.lawsInForce", entries.filter { $0.kind == .laws && $0["status"] == "in_force" }.count),
        ]
        body += ResultsGrid(title: "\(pages.string("catalogue.counts", context)) (\(today))", columns: ["", "n"],
                            rows: counts.map { [.text(pages.string($0.0, context)), .count($0.1)] }).html(language: language)

        let csrf = (context.sessions.session?.csrfToken ?? "").htmlEscaped
        for (path, label) in [("series", "catalogue.importSeries"), ("events", "catalogue.importEvents")] {
            body += "<form class=\"catalogue-import\" method=\"post\" enctype=\"multipart/form-data\" action=\"/studies/\(studyID.htmlEscaped)/monitoring/\(path)\">"
                + "<input type=\"hidden\" name=\"_csrf\" value=\"\(csrf)\"><label>\(pages.string(label, context).htmlEscaped) <input type=\"file\" name=\"file\" accept=\".csv,.xlsx\" required></label> "
                + "<button type=\"submit\">\(pages.string("catalogue.import", context).htmlEscaped)</button></form>"
        }
        return try catalogue.render(studyID, title: pages.string("catalogue.monitoring", context), current: "monitoring", body: body, request: request, context: context)
    }

    @Sendable func export(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let studyID = try await catalogue.study(context)
        let area = request.uri.queryParameters.get("area") ?? ""
        let rows = [["indicator", "series", "area", "age", "period", "value", "target", "unit", "source"]]
            + Self.lines(try await catalogue.catalogue.series(studyID: studyID), area: area).flatMap { line in
                (line.values + (line.target.map { [$0] } ?? [])).map { (value: SeriesObservation) -> [String] in
                    let number = value.value.map { String($0) } ?? ""
                    let target = value.target.map { String($0) } ?? ""
                    return [line.indicator, line.series, value.area, line.age, value.period, number, target, line.unit, line.source]
                }
            }
        if request.uri.queryParameters.get("format") == "xlsx" {
            return CatalogueController.file(try XLSXWriter().data(for: Workbook(sheets: [Sheet(name: "monitoring", cells: rows)])), name: "\(studyID)-monitoring.xlsx")
        }
        return CatalogueController.file(Data(CSVCodec().text(for: rows).utf8), name: "\(studyID)-monitoring.csv")
    }

    private func upload(_ request: Request, context: SanaripRequestContext, _ store: (Data, String, String, String) async throws -> Int) async throws -> Response {
        let studyID = try await catalogue.study(context)
        guard let user = context.identity else { throw HTTPError(.unauthorized) }
        let form = try await UploadForm.read(request)
        guard let file = form.file, !file.bytes.isEmpty, let name = file.filename else { throw HTTPError(.badRequest, message: "choose a CSV or XLSX file") }
        do {
            _ = try await store(Data(file.bytes), name, studyID, user.username)
            return Response(status: .seeOther, headers: [.location: "/studies/\(studyID)/monitoring"])
        } catch let error as CatalogueImportError {
            let pages = catalogue.pages
            let body = "<section class=\"problems\" role=\"alert\"><h2>\(pages.string("catalogue.importFailed", context).htmlEscaped) \(error.file.htmlEscaped)</h2><ul>"
                + error.problems.map { "<li>\($0.description.htmlEscaped)</li>" }.joined() + "</ul></section>"
            return try catalogue.render(studyID, title: pages.string("catalogue.monitoring", context), current: "monitoring", body: body,
                                        request: request, context: context, status: .unprocessableContent)
        }
    }

    @Sendable func uploadSeries(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        try await upload(request, context: context) { data, name, studyID, actor in
            try await catalogue.catalogue.importSeries(data, fileName: name, name: name, studyID: studyID, by: actor)
        }
    }

    @Sendable func uploadEvents(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        try await upload(request, context: context) { data, name, studyID, actor in
            try await catalogue.catalogue.importEvents(data, fileName: name, studyID: studyID, by: actor)
        }
    }
}
