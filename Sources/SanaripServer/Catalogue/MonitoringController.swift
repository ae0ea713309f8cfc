import Foundation
import Hummingbird
import SanaripAnalysis
import SanaripCatalogue
import SanaripCore
import SanaripInstrument
import SanaripReports

/// The monitoring page: the survey's key indicators and the web audit's index by round, each series' trend
/// (official tables and manual entries) with its target and the event log drawn on the chart, what changed since
/// the last period, every imported series, the catalogues' counts today; imports of series and events; the lines
/// shown as CSV or XLSX. The tables and charts are ``MonitoringView``'s, which the study report also shows.
struct MonitoringController: Sendable {
    let analysis: StudyAnalysisService
    let catalogue: CatalogueController

    func addRoutes(to router: Router<SanaripRequestContext>) {
        router.get("/studies/{study}/monitoring", use: page)
        router.get("/studies/{study}/monitoring/export", use: export)
        router.post("/studies/{study}/monitoring/series", use: uploadSeries)
        router.post("/studies/{study}/monitoring/events", use: uploadEvents)
    }

    @Sendable func page(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let studyID = try await catalogue.study(context)
        let words = catalogue.words(context)
        let language = words.code
        let (view, problem) = try await MonitoringView.load(studyID: studyID, area: request.uri.queryParameters.get("area"), analysis: analysis, words: words)
        let area = view.area
        var body = "<form class=\"workspace-form\" method=\"get\"><label>\(words["catalogue.area"].htmlEscaped) <select name=\"area\">"
            + view.areas.map { "<option\($0 == area ? " selected" : "")>\($0.htmlEscaped)</option>" }.joined()
            + "</select></label> <button type=\"submit\">\(words["catalogue.show"].htmlEscaped)</button></form>"
        if let problem { body += "<p class=\"note\">\(words["catalogue.s4.noSurvey"].htmlEscaped) \(problem.htmlEscaped)</p>" }
        if view.lines.isEmpty { body += "<p class=\"empty\">\(words["catalogue.noSeries"].htmlEscaped)</p>" }
        body += "<div class=\"workspace-charts\">"
            + view.charts.map { "<figure class=\"workspace-chart\">\($0.svg)<figcaption>\($0.caption.htmlEscaped)</figcaption></figure>" }.joined() + "</div>"
        body += view.changes.html(language: language)
        body += "<p class=\"downloads\"><a href=\"/studies/\(studyID.htmlEscaped)/monitoring/export?format=csv&amp;area=\(area.htmlEscaped)\" download>CSV</a> · "
            + "<a href=\"/studies/\(studyID.htmlEscaped)/monitoring/export?format=xlsx&amp;area=\(area.htmlEscaped)\" download>XLSX</a></p>"

        body += "<h2>\(words["catalogue.events"].htmlEscaped)</h2><ul class=\"events\">"
            + view.events.map { event in
                "<li>\(event.date.htmlEscaped) — \(event.title(language).htmlEscaped) (\(words["catalogue.s4.eventType.\(event.type)"].htmlEscaped))"
                    + (event.sourceURL.isEmpty ? "" : " <a href=\"\(event.sourceURL.htmlEscaped)\" rel=\"noreferrer\">\(words["catalogue.source"].htmlEscaped)</a>") + "</li>"
            }.joined() + "</ul>"
        body += view.counts.html(language: language)
        if !view.seriesGrid.rows.isEmpty { body += "<h2>\(words["catalogue.s4.officialSeries"].htmlEscaped)</h2>" + view.seriesGrid.html(language: language) }

        let csrf = (context.sessions.session?.csrfToken ?? "").htmlEscaped
        for (path, label) in [("series", "catalogue.importSeries"), ("events", "catalogue.importEvents")] {
            body += "<form class=\"catalogue-import\" method=\"post\" enctype=\"multipart/form-data\" action=\"/studies/\(studyID.htmlEscaped)/monitoring/\(path)\">"
                + "<input type=\"hidden\" name=\"_csrf\" value=\"\(csrf)\"><label>\(words[label].htmlEscaped) <input type=\"file\" name=\"file\" accept=\".csv,.xlsx\" required></label> "
                + "<button type=\"submit\">\(words["catalogue.import"].htmlEscaped)</button></form>"
        }
        return try catalogue.render(studyID, title: words["catalogue.monitoring"], current: "monitoring", body: body, request: request, context: context)
    }

    @Sendable func export(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let studyID = try await catalogue.study(context)
        let (view, _) = try await MonitoringView.load(studyID: studyID, area: request.uri.queryParameters.get("area"), analysis: analysis, words: catalogue.words(context))
        if request.uri.queryParameters.get("format") == "xlsx" {
            return CatalogueController.file(try XLSXWriter().data(for: Workbook(sheets: [Sheet(name: "monitoring", cells: view.records)])), name: "\(studyID)-monitoring.xlsx")
        }
        return CatalogueController.file(Data(CSVCodec().text(for: view.records).utf8), name: "\(studyID)-monitoring.csv")
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
