import Foundation
import Hummingbird
import SanaripAnalysis
import SanaripCatalogue
import SanaripCore
import SanaripReports
import SanaripStatistics

/// The catalogues joined to the survey: training supply against the estimated learning needs and barriers of a
/// district, and each e-service beside its estimated use and the reasons for not using e-services, by group.
///
/// Every estimate comes from ``StudyAnalysisService`` (the workspace's engine and cache); the tables and charts are
/// the views' (``SupplyView``, ``EServiceUseView``), which the study report's sections also show.
struct CatalogueMatchController: Sendable {
    let analysis: StudyAnalysisService
    let catalogue: CatalogueController

    func addRoutes(to router: Router<SanaripRequestContext>) {
        router.get("/studies/{study}/supply", use: supply)
        router.get("/studies/{study}/eservices", use: eservices)
    }

    func outcome(_ studyID: String, _ request: ResultsRequest) async throws -> StudyAnalysisService.Outcome {
        do {
            return try await analysis.results(studyID: studyID, request: request)
        } catch let error as AnalysisError {
            throw HTTPError(.conflict, message: error.description)
        }
    }

    private func option(_ value: String, _ label: String, _ selected: Bool) -> String {
        "<option value=\"\(value.htmlEscaped)\"\(selected ? " selected" : "")>\(label.htmlEscaped)</option>"
    }

    // MARK: Supply and need

    @Sendable func supply(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let studyID = try await catalogue.study(context)
        let words = catalogue.words(context)
        let language = words.code
        let districts = catalogue.catalogue.districts(studyID: studyID) ?? []
        let query = request.uri.queryParameters
        let district = query.get("district").flatMap { code in districts.contains { $0.code == code } ? code : nil } ?? districts.first?.code ?? ""
        let group = query.get("group").flatMap { SupplyView.groupDomains[$0] == nil ? nil : $0 }
        let courses = try await catalogue.catalogue.entries(studyID: studyID, kind: .courses)
        let outcome = try await outcome(studyID, SupplyView.request)
        let results = outcome.results
        let labels = ResultsLabels(set: results.set, instrument: results.instrument, language: language)
        let view = SupplyView(results: results, labels: labels, courses: courses, district: district, group: group, words: words)

        var body = "<form class=\"workspace-form\" method=\"get\"><label>\(words["catalogue.district"].htmlEscaped) <select name=\"district\">"
            + districts.map { option($0.code, words.label(of: $0), $0.code == district) }.joined() + "</select></label> "
            + "<label>\(words["catalogue.group"].htmlEscaped) <select name=\"group\">" + option("", words["catalogue.all"], group == nil)
            + SupplyView.groupDomains.keys.sorted().map { option($0, words["catalogue.group.\($0)"], $0 == group) }.joined()
            + "</select></label> <button type=\"submit\">\(words["catalogue.show"].htmlEscaped)</button></form>"
        body += "<p class=\"note\">\(words["catalogue.supplyRule"].htmlEscaped)</p>"
        if let chart = view.needChart { body += "<figure class=\"workspace-chart\">" + chart.svg + "</figure>" }
        body += view.topicGrid.html(language: language) + view.barrierGrid.html(language: language)
        body += "<h2>\(words["catalogue.noOffer"].htmlEscaped)</h2><p>" + (view.withoutOffer.isEmpty ? "—" : view.withoutOffer.joined(separator: ", ")).htmlEscaped + "</p>"

        // Every district at a glance: the table, then the district maps.
        let overview = SupplyView.Overview(results: results, labels: labels, courses: courses, districts: districts, group: group, words: words)
        body += overview.grid.html(language: language)
        body += districtMaps(districts: districts, courses: courses, group: group,
                             needs: { SupplyView.needs(results, district: $0, group: group) }, labels: labels, context: context)
        return try catalogue.render(studyID, title: words["catalogue.supply"], current: "supply", body: body,
                                    synthetic: outcome.analysis.synthetic || courses.contains(where: \.demo), request: request, context: context)
    }

    // MARK: E-services and their use

    @Sendable func eservices(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let studyID = try await catalogue.study(context)
        let words = catalogue.words(context)
        let language = words.code
        let services = try await catalogue.catalogue.entries(studyID: studyID, kind: .eservices)
        let outcome = try await outcome(studyID, EServiceUseView.request)
        let results = outcome.results
        let view = EServiceUseView(results: results, labels: ResultsLabels(set: results.set, instrument: results.instrument, language: language), services: services, words: words)
        var body = "<p class=\"note\">\(words["catalogue.eservicesNote"].htmlEscaped)</p>"
        if services.isEmpty { body += "<p class=\"empty\">\(words["catalogue.empty"].htmlEscaped)</p>" }
        for service in view.services {
            body += "<section class=\"eservice\"><h2><a href=\"/studies/\(studyID.htmlEscaped)/catalogue/eservices/entries/\(service.entry.id.htmlEscaped)\">\(service.entry.name(language).htmlEscaped)</a>"
                + (service.entry.demo ? " <span class=\"demo\">\(words["catalogue.demo"].htmlEscaped)</span>" : "") + "</h2>"
                + "<p>\(service.facts.htmlEscaped)</p>"
                + (service.use?.html(language: language) ?? "<p>\(words["catalogue.noSurveyItem"].htmlEscaped)</p>") + "</section>"
        }
        body += view.channels.html(language: language) + view.reasons.html(language: language)
        return try catalogue.render(studyID, title: words["catalogue.eservicesUse"], current: "eservices-use", body: body,
                                    synthetic: outcome.analysis.synthetic || services.contains(where: \.demo), request: request, context: context)
    }
}
