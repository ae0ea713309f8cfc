import Foundation
import Hummingbird
import SanaripAnalysis
import SanaripCore
import SanaripInstrument
import SanaripReports
import SanaripStatistics
import SanaripStorage

/// The analysis workspace of a study: the indicator explorer, the gaps, the ranked barriers and needs (each
/// chart as SVG and its numbers as CSV), the design page with its check, and the study report.
///
/// Every number comes from ``StudyAnalysisService`` (the engine of `sanarip indicators table`), cached per data version.
struct WorkspaceController: Sendable {
    let analysis: StudyAnalysisService
    let studies: any StudyStore
    let pages: PageRenderer

    /// The workspace's views, in the order of its menu.
    enum View: String, CaseIterable {
        case explorer, gaps, barriers, official, map, drivers, response
    }

    func addRoutes(to router: Router<SanaripRequestContext>) {
        router.get("/studies/{study}/workspace/{view}", use: page)
        router.get("/studies/{study}/workspace/{view}/chart.svg", use: chart)
        router.get("/studies/{study}/workspace/{view}/table.csv", use: table)
        router.get("/studies/{study}/workspace/{view}/table.xlsx", use: workbook)
        router.get("/studies/{study}/design", use: design)
        router.post("/studies/{study}/design", use: saveDesign)
        router.get("/studies/{study}/report.html", use: report)
        router.get("/studies/{study}/report.pdf", use: reportPDF)
        router.get("/studies/{study}/report.xlsx", use: reportWorkbook)
    }

    /// A view's table and chart for the request's query, in its language.
    private func content(_ request: Request, context: SanaripRequestContext) async throws -> (StudyAnalysisService.Outcome, View, ResultsGrid, [String], String) {
        let studyID = try context.parameters.require("study")
        guard let view = View(rawValue: try context.parameters.require("view")) else { throw HTTPError(.notFound) }
        let outcome = try await Self.explained { try await analysis.results(studyID: studyID) }
        let results = outcome.results
        let labels = ResultsLabels(set: results.set, instrument: results.instrument, language: context.language.rawValue)
        let query = request.uri.queryParameters
        let words = WorkspaceWording.strings(context.language.rawValue)
        func option(_ value: String, _ label: String, _ selected: Bool) -> String {
            "<option value=\"\(value.htmlEscaped)\"\(selected ? " selected" : "")>\(label.htmlEscaped)</option>"
        }
        switch view {
        case .explorer:
            let names = results.results.estimates.reduce(into: [String]()) { if !$0.contains($1.variable) { $0.append($1.variable) } }
            let indicator = query.get("indicator").flatMap { names.contains($0) ? $0 : nil } ?? names.first ?? ""
            let breakdowns = results.request.breakdowns.filter { !$0.isEmpty }
            let byText = query.get("by") ?? "oblast"
            let breakdown = breakdowns.first { $0.joined(separator: "*") == byText } ?? breakdowns.first ?? []
            let shown = ExplorerView(results: results, labels: labels, indicator: indicator, breakdown: breakdown)
            let form = "<form class=\"workspace-form\" method=\"get\"><label>\(words["indicator"].htmlEscaped) <select name=\"indicator\">"
                + names.map { option($0, labels.indicator($0), $0 == indicator) }.joined()
                + "</select></label> <label>\(words["breakdown"].htmlEscaped) <select name=\"by\">"
                + breakdowns.map { option($0.joined(separator: "*"), $0.map { labels.set[$0].map { labels.set.label(of: $0, code: labels.language) } ?? $0 }.joined(separator: " × "), $0 == breakdown) }.joined()
                + "</select></label> <button type=\"submit\">\(words["show"].htmlEscaped)</button></form>"
            return (outcome, view, shown.grid, [shown.chart.svg], form)
        case .gaps:
            let gaps = results.gaps
            let gapIndex = Int(query.get("gap") ?? "") ?? 0
            let gap = gaps.indices.contains(gapIndex) ? gaps[gapIndex] : gaps.first ?? ResultsTable.Gap(column: "", a: "", b: "")
            let oblasts = (results.results.gaps.filter { $0.estimate.domainNames == ["oblast"] }.map { $0.estimate.domainValues[0] }).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            let within = query.get("within").flatMap { oblasts.contains($0) ? $0 : nil }
            let shown = GapView(results: results, labels: labels, gap: gap, within: within == nil ? [] : ["oblast"], values: within.map { [$0] } ?? [])
            let form = "<form class=\"workspace-form\" method=\"get\"><label>\(words["gaps"].htmlEscaped) <select name=\"gap\">"
                + gaps.enumerated().map { option(String($0.offset), labels.value($0.element.a, of: $0.element.column) + " − " + labels.value($0.element.b, of: $0.element.column), $0.offset == gapIndex) }.joined()
                + "</select></label> <label>\(words["within"].htmlEscaped) <select name=\"within\">" + option("", words["all"], within == nil)
                + oblasts.map { option($0, labels.value($0, of: "oblast"), $0 == within) }.joined()
                + "</select></label> <button type=\"submit\">\(words["show"].htmlEscaped)</button></form>"
            return (outcome, view, shown.grid, [shown.chart.svg], form)
        case .barriers:
            let all = BarrierView.all(results)
            let index = Int(query.get("item") ?? "") ?? 0
            guard let chosen = all.indices.contains(index) ? all[index] : all.first else { throw HTTPError(.notFound) }
            let shown = BarrierView(chosen, labels: labels)
            let form = "<form class=\"workspace-form\" method=\"get\"><label>\(words["barriers"].htmlEscaped) <select name=\"item\">"
                + all.enumerated().map { option(String($0.offset), labels.group($0.element.group) + " — " + labels.domain(names: $0.element.names, values: $0.element.values), $0.offset == index) }.joined()
                + "</select></label> <button type=\"submit\">\(words["show"].htmlEscaped)</button></form>"
            return (outcome, view, shown.grid, [shown.chart.svg], form)
        case .official:
            let figures = try await Self.explained { try await analysis.officialFigures(studyID: studyID) }
            let shown = OfficialComparisonView(results: results, labels: labels, official: figures)
            return (outcome, view, shown.grid, shown.charts.map(\.svg), "")
        case .map:
            let boundaries = try await Self.explained { try analysis.oblastBoundaries() }
            let names = results.results.estimates.filter { $0.domainNames == ["oblast"] }
                .reduce(into: [String]()) { if !$0.contains($1.variable) { $0.append($1.variable) } }
            let indicator = query.get("indicator").flatMap { names.contains($0) ? $0 : nil } ?? (names.contains("internet_use") ? "internet_use" : names.first ?? "")
            let shown = MapView(results: results, labels: labels, boundaries: boundaries, official: try? await analysis.officialFigures(studyID: studyID), indicator: indicator)
            let form = "<form class=\"workspace-form\" method=\"get\"><label>\(words["indicator"].htmlEscaped) <select name=\"indicator\">"
                + names.map { option($0, labels.indicator($0), $0 == indicator) }.joined()
                + "</select></label> <button type=\"submit\">\(words["show"].htmlEscaped)</button></form>"
            let byDistrict = await districtMap(studyID: studyID, indicator: indicator, labels: labels, context: context)
            return (outcome, view, shown.grid, shown.maps.map(\.svg) + byDistrict, form)
        case .drivers:
            let drivers = results.drivers
            guard let chosen = drivers.first(where: { $0.model.name == query.get("model") }) ?? drivers.first else {
                throw HTTPError(.conflict, message: "no driver models are computed for this study")
            }
            let shown = DriverView(chosen, labels: labels)
            let form = "<form class=\"workspace-form\" method=\"get\"><label>\(words["indicator"].htmlEscaped) <select name=\"model\">"
                + drivers.map { option($0.model.name, labels.indicator($0.model.response), $0.model.name == chosen.model.name) }.joined()
                + "</select></label> <button type=\"submit\">\(words["show"].htmlEscaped)</button></form>"
                + "<ul class=\"findings\">" + shown.sentences.map { "<li>\($0.htmlEscaped)</li>" }.joined() + "</ul>"
            return (outcome, view, shown.grid, shown.chart.map { [$0.svg] } ?? [], form)
        case .response:
            guard let rates = try await Self.explained({ try await analysis.responseRates(studyID: studyID) }) else {
                throw HTTPError(.conflict, message: "Response rates come from the study's sampling plan and its stored submissions; this study's dataset is an imported file or has no plan.")
            }
            let shown = ResponseRateView(rates, labels: labels)
            return (outcome, view, shown.grid, [shown.chart.svg], "")
        }
    }

    /// `body`'s value; an ``AnalysisError`` (no dataset yet, a file missing) becomes a 409 that explains it.
    static func explained<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as AnalysisError {
            throw HTTPError(.conflict, message: error.description)
        }
    }

    /// The links of the workspace menu.
    private func menu(_ studyID: String, _ language: String, current: String) -> [[String: Any]] {
        let words = WorkspaceWording.strings(language)
        return View.allCases.map { ["href": "/studies/\(studyID)/workspace/\($0.rawValue)", "name": words[$0.rawValue], "current": $0.rawValue == current] }
            + [["href": "/studies/\(studyID)/design", "name": words["design"], "current": current == "design"],
               ["href": "/studies/\(studyID)/report.html", "name": words["report"], "current": false],
               ["href": "/studies/\(studyID)/report.pdf", "name": words["report"] + " (PDF)", "current": false],
               ["href": "/studies/\(studyID)/report.xlsx", "name": words["report"] + " (XLSX)", "current": false]]
    }

    @Sendable func page(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let (outcome, view, grid, svgs, form) = try await content(request, context: context)
        let language = context.language.rawValue
        let words = WorkspaceWording.strings(language)
        let query = request.uri.query.map { "?" + $0 } ?? ""
        let studyID = outcome.analysis.studyID
        let base = "/studies/\(studyID)/workspace/\(view.rawValue)"
        let separator = query.isEmpty ? "?" : "&"
        let charts = svgs.enumerated().map { index, svg in
            "<figure class=\"workspace-chart\">" + svg + "<figcaption class=\"downloads\"><a href=\"\((base + "/chart.svg" + query + separator + "chart=\(index)").htmlEscaped)\" download>\(words["downloadSVG"].htmlEscaped)</a></figcaption></figure>"
        }
        let body = form + "<div class=\"workspace-charts\">" + charts.joined() + "</div>"
            + "<p class=\"downloads\"><a href=\"\((base + "/table.csv" + query).htmlEscaped)\" download>\(words["downloadCSV"].htmlEscaped)</a> · "
            + "<a href=\"\((base + "/table.xlsx" + query).htmlEscaped)\" download>\(words["downloadXLSX"].htmlEscaped)</a></p>"
            + grid.html(language: language)
        return try pages.render("workspace", [
            "title": words[view.rawValue], "menu": menu(studyID, language, current: view.rawValue), "synthetic": outcome.analysis.synthetic,
            "syntheticText": words["synthetic"], "body": body, "respondents": outcome.results.design.rowCount,
        ], request: request, context: context)
    }

    @Sendable func chart(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let (outcome, view, _, svgs, _) = try await content(request, context: context)
        let index = Int(request.uri.queryParameters.get("chart") ?? "") ?? 0
        guard svgs.indices.contains(index) else { throw HTTPError(.notFound) }
        let svg = svgs[index]
        let note = outcome.analysis.synthetic ? "<!-- \(WorkspaceWording.strings(context.language.rawValue)["synthetic"]) -->\n" : ""
        return Self.download(note + svg, type: "image/svg+xml", name: "\(outcome.analysis.studyID)-\(view.rawValue).svg")
    }

    @Sendable func table(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let (outcome, view, grid, _, _) = try await content(request, context: context)
        let note = outcome.analysis.synthetic ? "# \(WorkspaceWording.strings(context.language.rawValue)["synthetic"])\n" : ""
        return Self.download(note + grid.csv, type: "text/csv; charset=utf-8", name: "\(outcome.analysis.studyID)-\(view.rawValue).csv")
    }

    @Sendable func workbook(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let (outcome, view, grid, _, _) = try await content(request, context: context)
        var sheets = [Sheet(name: view.rawValue, cells: grid.records)]
        if outcome.analysis.synthetic { sheets.append(Sheet(name: "synthetic", cells: [[WorkspaceWording.strings(context.language.rawValue)["synthetic"]]])) }
        return Self.download(try XLSXWriter().data(for: Workbook(sheets: sheets)), type: Self.xlsxType, name: "\(outcome.analysis.studyID)-\(view.rawValue).xlsx")
    }

    static let xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    static func download(_ text: String, type: String, name: String) -> Response {
        download(Data(text.utf8), type: type, name: name)
    }

    static func download(_ data: Data, type: String, name: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(name)\"", .cacheControl: "no-store"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    // MARK: Design

    struct DesignForm: Decodable {
        var ids: String?
        var strata: String?
        var weights: String?
        var fpc: String?
        var lonelyPSU: String?
        var reviewFilter: String?
    }

    @Sendable func design(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        try await designPage(request, context: context)
    }

    /// The design page; `problem` (a refused upload) is shown above the forms with `status`.
    func designPage(_ request: Request, context: SanaripRequestContext, problem: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let studyID = try context.parameters.require("study")
        guard try await studies.study(id: studyID) != nil else { throw HTTPError(.notFound) }
        let language = context.language.rawValue
        let words = WorkspaceWording.strings(language)
        var page: [String: Any] = ["title": words["design"], "menu": menu(studyID, language, current: "design"), "syntheticText": words["synthetic"]]
        let settings: StudyAnalysis
        do {
            settings = try await analysis.settings(studyID: studyID)
        } catch let error as AnalysisError {
            page["body"] = (problem.map { "<p class=\"problem\" role=\"alert\">\($0.htmlEscaped)</p>" } ?? "")
                + "<p class=\"problem\">\(error.description.htmlEscaped)</p>" + uploadForm(AnalysisDesign(), context: context)
            return try pages.render("workspace", page, request: request, context: context, status: status)
        }
        page["synthetic"] = settings.synthetic
        let stored = try StudyAnalysisService.design(of: settings)
        var body = "<dl class=\"design\"><dt>\(DesignText.source[language] ?? "Data")</dt><dd>"
            + (settings.source == .submissions ? "\(DesignText.submissions[language] ?? "Submissions of") \(settings.formID ?? "?") (\(settings.reviewFilter.rawValue))" : (settings.importName ?? "")).htmlEscaped
            + "</dd><dt>\(DesignText.calibration[language] ?? "Calibration")</dt><dd>"
            + (stored.calibration.map { "\($0.method.rawValue): \($0.variables.joined(separator: ", ")) (\($0.base))" } ?? "—").htmlEscaped + "</dd></dl>"
        do {
            let check = try await analysis.designCheck(studyID: studyID)
            let problems = check.problems
            body += "<p>n = \(check.respondents)</p>"
            body += problems.isEmpty ? "<p class=\"ok\">\((DesignText.noProblems[language] ?? "No problems found.").htmlEscaped)</p>"
                : "<ul class=\"problems\">" + problems.map { "<li>\($0.message.htmlEscaped)</li>" }.joined() + "</ul>"
        } catch {
            body += "<p class=\"problem\">\(String(describing: error).htmlEscaped)</p>"
        }
        body += "<form method=\"post\" class=\"design-form\"><input type=\"hidden\" name=\"_csrf\" value=\"\((context.sessions.session?.csrfToken ?? "").htmlEscaped)\">"
            + Self.designFields(stored.specification)
            + "<label>review <select name=\"reviewFilter\"><option\(settings.reviewFilter == .all ? " selected" : "")>all</option><option\(settings.reviewFilter == .approved ? " selected" : "")>approved</option></select></label>"
            + "<button type=\"submit\">\((DesignText.save[language] ?? "Save").htmlEscaped)</button></form>"
        body += uploadForm(stored, context: context)
        if let problem { body = "<p class=\"problem\" role=\"alert\">\(problem.htmlEscaped)</p>" + body }
        page["body"] = body
        return try pages.render("workspace", page, request: request, context: context, status: status)
    }

    /// The form that uploads a CSV/XLSX export as the study's dataset, with the design columns it holds.
    private func uploadForm(_ stored: AnalysisDesign, context: SanaripRequestContext) -> String {
        let words = TrilingualStrings(code: context.language.rawValue, table: DesignText.upload)
        return "<h2>\(words["title"].htmlEscaped)</h2><p>\(words["help"].htmlEscaped)</p>"
            + "<form method=\"post\" enctype=\"multipart/form-data\" class=\"design-form dataset-upload\"><input type=\"hidden\" name=\"_csrf\" value=\"\((context.sessions.session?.csrfToken ?? "").htmlEscaped)\">"
            + "<label>\(words["file"].htmlEscaped) <input type=\"file\" name=\"file\" accept=\".csv,.xlsx,text/csv\" required></label>"
            + Self.designFields(stored.specification)
            + "<button type=\"submit\">\(words["send"].htmlEscaped)</button></form>"
    }

    /// The design columns' inputs (ids, strata, weights, fpc, lonely PSUs) of the design and upload forms.
    static func designFields(_ design: SurveyDesignSpecification) -> String {
        func field(_ name: String, _ label: String, _ value: String) -> String {
            "<label>\(label.htmlEscaped) <input name=\"\(name)\" value=\"\(value.htmlEscaped)\"></label>"
        }
        return field("ids", "ids (PSU)", design.ids.joined(separator: ",")) + field("strata", "strata", design.strata ?? "")
            + field("weights", "weights", design.weights ?? "") + field("fpc", "fpc", design.fpc.joined(separator: ","))
            + "<label>lonely PSU <select name=\"lonelyPSU\">" + LonelyPSUPolicy.allCases.map { "<option\($0 == design.lonelyPSU ? " selected" : "")>\($0.rawValue)</option>" }.joined() + "</select></label>"
    }

    /// A CSV/XLSX export uploaded as the study's dataset (the code path of `sanarip dataset`): stored with the
    /// posted design columns; a file that cannot be read is refused with its row and column, nothing stored.
    func uploadDataset(_ request: Request, context: SanaripRequestContext, studyID: String, user: String) async throws -> Response {
        let form = try await UploadForm.read(request)
        guard let file = form.file, !file.bytes.isEmpty, let name = file.filename, !name.isEmpty else {
            return try await designPage(request, context: context, problem: "Choose a CSV or XLSX file (one row per respondent) to upload.", status: .badRequest)
        }
        func list(_ text: String?) -> [String] { (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        func single(_ text: String?) -> String? { list(text).first }
        let design = AnalysisDesign(SurveyDesignSpecification(ids: list(form["ids"]), strata: single(form["strata"]), weights: single(form["weights"]),
                                                              fpc: list(form["fpc"]), lonelyPSU: LonelyPSUPolicy(rawValue: form["lonelyPSU"] ?? "") ?? .fail))
        do {
            _ = try await analysis.importDataset(Data(file.bytes), name: name, design: design, studyID: studyID, by: user)
        } catch let error as AnalysisError {
            return try await designPage(request, context: context, problem: error.description, status: .unprocessableContent)
        }
        return Response(status: .seeOther, headers: [.location: "/studies/\(studyID)/design"])
    }

    @Sendable func saveDesign(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let studyID = try context.parameters.require("study")
        guard let user = context.identity else { throw HTTPError(.unauthorized) }
        if UploadForm.isUpload(request) { return try await uploadDataset(request, context: context, studyID: studyID, user: user.username) }
        var settings = try await Self.explained { try await analysis.settings(studyID: studyID) }
        let form = try await request.form(DesignForm.self, context: context)
        var design = try StudyAnalysisService.design(of: settings)
        func list(_ text: String?) -> [String] { (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        let weights = form.weights.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0.trimmingCharacters(in: .whitespaces) }
        if weights != design.specification.weights { design.calibration = nil }
        design.specification.ids = list(form.ids)
        design.specification.strata = form.strata.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0.trimmingCharacters(in: .whitespaces) }
        design.specification.weights = weights
        design.specification.fpc = list(form.fpc)
        design.specification.lonelyPSU = LonelyPSUPolicy(rawValue: form.lonelyPSU ?? "") ?? design.specification.lonelyPSU
        settings.reviewFilter = StudyAnalysis.ReviewFilter(rawValue: form.reviewFilter ?? "") ?? settings.reviewFilter
        settings.design = try JSONEncoder().encode(design)
        try await analysis.stores.analysis.save(settings, by: user.username)
        return Response(status: .seeOther, headers: [.location: "/studies/\(studyID)/design"])
    }

    // MARK: Report

    /// The study report for the request's language, or the conflict that explains why there is none yet.
    private func studyReport(_ context: SanaripRequestContext) async throws -> (report: StudyReport, studyID: String) {
        let studyID = try context.parameters.require("study")
        return (try await Self.explained { try await analysis.report(studyID: studyID, language: context.language.rawValue).report }, studyID)
    }

    @Sendable func report(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let (report, studyID) = try await studyReport(context)
        var response = Self.download(report.html, type: "text/html; charset=utf-8", name: "\(studyID)-report-\(context.language.rawValue).html")
        response.headers[.contentSecurityPolicy] = InstrumentController.manualPolicy
        return response
    }

    @Sendable func reportPDF(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let (report, studyID) = try await studyReport(context)
        guard let printer = ChromiumPrinter() else {
            throw HTTPError(.serviceUnavailable, message: "PDF reports are printed by chromium, which is not installed on the server; download the HTML report and print it")
        }
        let pdf: Data
        do {
            pdf = try await printer.pdf(html: report.html)
        } catch let error as ChromiumPrinter.Failure {
            throw HTTPError(.internalServerError, message: error.description)
        }
        return Self.download(pdf, type: "application/pdf", name: "\(studyID)-report-\(context.language.rawValue).pdf")
    }

    @Sendable func reportWorkbook(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let (report, studyID) = try await studyReport(context)
        return Self.download(try XLSXWriter().data(for: report.workbook), type: Self.xlsxType, name: "\(studyID)-report-\(context.language.rawValue).xlsx")
    }
}

/// Words of the design page.
enum DesignText {
    static let source = ["ky": "Маалыматтар", "ru": "Данные", "en": "Data"]
    static let submissions = ["ky": "Форманын жооптору:", "ru": "Анкеты формы", "en": "Submissions of"]
    static let calibration = ["ky": "Калибрлөө", "ru": "Калибровка", "en": "Calibration"]
    static let noProblems = ["ky": "Көйгөй табылган жок.", "ru": "Проблем не найдено.", "en": "No problems found."]
    static let save = ["ky": "Сактоо", "ru": "Сохранить", "en": "Save"]
    static let upload: [String: TrilingualStrings.Entry] = [
        "title": ("Маалымат файлын жүктөө", "Загрузить файл данных", "Upload a data file"),
        "help": ("CSV же XLSX экспорт (бир сап — бир респондент) изилдөөнүн маалыматтары болот (sanarip dataset сыяктуу); дизайндын мамычалары төмөндө.",
                 "Экспорт CSV или XLSX (одна строка — один респондент) станет данными исследования (как sanarip dataset); столбцы дизайна ниже.",
                 "A CSV or XLSX export (one row per respondent) becomes the study's dataset (as sanarip dataset does); its design columns below."),
        "file": ("Файл", "Файл", "File"),
        "send": ("Жүктөө", "Загрузить", "Upload"),
    ]
}
