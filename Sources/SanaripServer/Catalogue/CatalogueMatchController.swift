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
/// Every estimate comes from ``StudyAnalysisService`` (the workspace's engine and cache), with the requests below.
struct CatalogueMatchController: Sendable {
    let analysis: StudyAnalysisService
    let catalogue: CatalogueController

    func addRoutes(to router: Router<SanaripRequestContext>) {
        router.get("/studies/{study}/supply", use: supply)
        router.get("/studies/{study}/eservices", use: eservices)
    }

    /// A target group and the survey domain that measures it (nil: the whole district).
    static let groupDomains: [String: (column: String, value: String)] = [
        "women": ("sex", "female"), "youth": (StudyResults.ageBand, "youth"), "rural": ("settlement_type", "rural"),
    ]

    /// Learning needs and barriers by district, and within it by sex, age band and urban/rural (the age band is
    /// derived from the age groups, which are tabulated for that).
    static let supplyRequest = ResultsRequest(
        breakdowns: [["age_group"], ["district"]] + ["sex", StudyResults.ageBand, "settlement_type"].map { ["district", $0] },
        gaps: [], rankGroups: [], rankWithin: [], groups: ["need", "learning_barrier"])

    /// E-government use, per service, and reasons for non-use: overall and by sex, age band and urban/rural.
    static let eservicesRequest = ResultsRequest(
        breakdowns: [[], ["sex"], ["age_group"], [StudyResults.ageBand], ["settlement_type"]], gaps: [], rankGroups: [], rankWithin: [], groups: ["egov", "egov_barrier", "egov_service"])

    func outcome(_ studyID: String, _ request: ResultsRequest) async throws -> StudyAnalysisService.Outcome {
        do {
            return try await analysis.results(studyID: studyID, request: request)
        } catch let error as AnalysisError {
            throw HTTPError(.conflict, message: error.description)
        }
    }

    static func estimate(_ results: StudyResults, _ variable: String, names: [String], values: [String]) -> DomainEstimate? {
        results.results.estimates.first { $0.variable == variable && $0.domainNames == names && $0.domainValues == values }
    }

    private func option(_ value: String, _ label: String, _ selected: Bool) -> String {
        "<option value=\"\(value.htmlEscaped)\"\(selected ? " selected" : "")>\(label.htmlEscaped)</option>"
    }

    // MARK: Supply and need

    @Sendable func supply(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let studyID = try await catalogue.study(context)
        let pages = catalogue.pages
        let language = context.language.rawValue
        let districts = catalogue.catalogue.districts(studyID: studyID) ?? []
        let query = request.uri.queryParameters
        let district = query.get("district").flatMap { code in districts.contains { $0.code == code } ? code : nil } ?? districts.first?.code ?? ""
        let group = query.get("group").flatMap { Self.groupDomains[$0] == nil ? nil : $0 }
        let courses = try await catalogue.catalogue.entries(studyID: studyID, kind: .courses)
        let outcome = try await outcome(studyID, Self.supplyRequest)
        let results = outcome.results
        let labels = ResultsLabels(set: results.set, instrument: results.instrument, language: language)
        let domain = group.flatMap { Self.groupDomains[$0] }
        let names = ["district"] + (domain.map { [$0.column] } ?? [])
        func values(_ code: String) -> [String] { [code] + (domain.map { [$0.value] } ?? []) }
        func needs(_ code: String) -> [String: DomainEstimate] {
            var found: [String: DomainEstimate] = [:]
            for topic in CatalogueTaxonomy.surveyTopics { found[topic] = Self.estimate(results, "need_\(topic)", names: names, values: values(code)) }
            return found
        }
        let estimates = needs(district)
        let reach = CourseReach(district: district, group: group)
        let coverage = SupplyCoverage(reach: reach, courses: courses, needs: estimates.mapValues(\.estimate))

        var body = "<form class=\"workspace-form\" method=\"get\"><label>\(pages.string("catalogue.district", context).htmlEscaped) <select name=\"district\">"
            + districts.map { option($0.code, catalogue.label(of: $0, context), $0.code == district) }.joined() + "</select></label> "
            + "<label>\(pages.string("catalogue.group", context).htmlEscaped) <select name=\"group\">" + option("", pages.string("catalogue.all", context), group == nil)
            + Self.groupDomains.keys.sorted().map { option($0, pages.string("catalogue.group.\($0)", context), $0 == group) }.joined()
            + "</select></label> <button type=\"submit\">\(pages.string("catalogue.show", context).htmlEscaped)</button></form>"
        body += "<p class=\"note\">\(pages.string("catalogue.supplyRule", context).htmlEscaped)</p>"

        let bars = coverage.topics.compactMap { topic in
            estimates[topic.topic].map { IntervalBarChart.Bar(label: labels.indicator("need_\(topic.topic)"), value: $0.estimate, low: $0.ciLow, high: $0.ciHigh) }
        }
        if !bars.isEmpty {
            body += "<figure class=\"workspace-chart\">" + IntervalBarChart(title: pages.string("catalogue.needChart", context), bars: bars, percent: true).svg + "</figure>"
        }
        let gap = pages.string("catalogue.gap", context)
        let topicGrid = ResultsGrid(
            title: pages.string("catalogue.coverage", context),
            columns: [pages.string("catalogue.topic", context), "%", pages.string("catalogue.ciLow", context), pages.string("catalogue.ciHigh", context), "n",
                      pages.string("catalogue.reachable", context), pages.string("catalogue.kind.courses", context), gap],
            rows: coverage.topics.map { topic in
                let estimate = estimates[topic.topic]
                return [.text(labels.indicator("need_\(topic.topic)")), .number((estimate?.estimate ?? .nan) * 100, digits: 1),
                        .number((estimate?.ciLow ?? .nan) * 100, digits: 1), .number((estimate?.ciHigh ?? .nan) * 100, digits: 1), .count(estimate?.n ?? 0),
                        .count(topic.courses.count), .text(topic.courses.map { $0.name(language) }.joined(separator: "; ")), .text(topic.isGap ? gap : "")]
            },
            marked: Set(coverage.topics.indices.filter { coverage.topics[$0].isGap }), note: pages.string("catalogue.gapNote", context))
        body += topicGrid.html(language: language)

        let barrierCodes = ["cost", "distance", "language", "no_time", "childcare"]
        let barrierGrid = ResultsGrid(
            title: pages.string("catalogue.barriers", context),
            columns: [pages.string("catalogue.barrier", context), "%", "n", pages.string("catalogue.meeting", context)],
            rows: barrierCodes.map { code in
                let estimate = Self.estimate(results, "learn_barrier_\(code)", names: names, values: values(district))
                return [.text(labels.indicator("learn_barrier_\(code)")), .number((estimate?.estimate ?? .nan) * 100, digits: 1), .count(estimate?.n ?? 0),
                        .count(coverage.barriersMet[code] ?? 0)]
            })
        body += barrierGrid.html(language: language)

        let missing = SupplyCoverage.groupsWithoutOffer(district: district, courses: courses)
        body += "<h2>\(pages.string("catalogue.noOffer", context).htmlEscaped)</h2><p>"
            + (missing.isEmpty ? "—" : missing.map { pages.string("catalogue.group.\($0)", context) }.joined(separator: ", ")).htmlEscaped + "</p>"

        // Every district at a glance (in place of a map): reachable courses, and gaps.
        let overview = ResultsGrid(
            title: pages.string("catalogue.byDistrict", context),
            columns: [pages.string("catalogue.district", context), pages.string("catalogue.reachable", context), pages.string("catalogue.gaps", context)],
            rows: districts.map { row in
                let shown = SupplyCoverage(reach: CourseReach(district: row.code, group: group), courses: courses, needs: needs(row.code).mapValues(\.estimate))
                return [.text(catalogue.label(of: row, context)), .count(shown.reachable.count),
                        .text(shown.topics.filter(\.isGap).map { labels.indicator("need_\($0.topic)") }.joined(separator: "; "))]
            })
        body += overview.html(language: language)
        body += districtMaps(districts: districts, courses: courses, group: group, needs: needs, labels: labels, context: context)
        return try catalogue.render(studyID, title: pages.string("catalogue.supply", context), current: "supply", body: body,
                                    synthetic: outcome.analysis.synthetic || courses.contains(where: \.demo), request: request, context: context)
    }

    // MARK: E-services and their use

    @Sendable func eservices(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let studyID = try await catalogue.study(context)
        let pages = catalogue.pages
        let language = context.language.rawValue
        let services = try await catalogue.catalogue.entries(studyID: studyID, kind: .eservices)
        let outcome = try await outcome(studyID, Self.eservicesRequest)
        let results = outcome.results
        let labels = ResultsLabels(set: results.set, instrument: results.instrument, language: language)
        let domains: [(names: [String], values: [String])] = [([], []), (["sex"], ["female"]), (["sex"], ["male"]), ([StudyResults.ageBand], ["youth"]),
                                                              ([StudyResults.ageBand], ["adult"]), (["settlement_type"], ["rural"]), (["settlement_type"], ["urban"])]
        let headings = domains.map { labels.domain(names: $0.names, values: $0.values, short: true) }
        func row(_ variable: String, label: String? = nil) -> [ResultsGrid.Cell] {
            [.text(label ?? labels.indicator(variable))] + domains.map { domain in
                .number((Self.estimate(results, variable, names: domain.names, values: domain.values)?.estimate ?? .nan) * 100, digits: 1)
            }
        }
        var body = "<p class=\"note\">\(pages.string("catalogue.eservicesNote", context).htmlEscaped)</p>"
        if services.isEmpty { body += "<p class=\"empty\">\(pages.string("catalogue.empty", context).htmlEscaped)</p>" }
        for service in services {
            body += "<section class=\"eservice\"><h2><a href=\"/studies/\(studyID.htmlEscaped)/catalogue/eservices/entries/\(service.id.htmlEscaped)\">\(service.name(language).htmlEscaped)</a>"
                + (service.demo ? " <span class=\"demo\">\(pages.string("catalogue.demo", context).htmlEscaped)</span>" : "") + "</h2>"
                + "<p>\(service["agency"].htmlEscaped) · \(service["online_level"].htmlEscaped) · Tunduk: \(service["tunduk"].htmlEscaped)</p>"
            let items = service.list("survey_items").filter { results.set["egov_used_\($0)"] != nil }
            if items.isEmpty {
                body += "<p>\(pages.string("catalogue.noSurveyItem", context).htmlEscaped)</p>"
            } else {
                body += ResultsGrid(title: pages.string("catalogue.surveyUse", context), columns: [""] + headings, rows: items.map { row("egov_used_\($0)") }).html(language: language)
            }
            body += "</section>"
        }
        let channels = ["egov_any_service", "egov_online_self", "egov_online_any", "egov_aware_any"].filter { results.set[$0] != nil }
        body += ResultsGrid(title: labels.group("egov"), columns: [""] + headings, rows: channels.map { row($0) }).html(language: language)
        let reasons = results.set.indicators.filter { $0.group == "egov_barrier" }.map(\.name)
        body += ResultsGrid(title: labels.group("egov_barrier"), columns: [""] + headings, rows: reasons.map { row($0) }).html(language: language)
        return try catalogue.render(studyID, title: pages.string("catalogue.eservicesUse", context), current: "eservices-use", body: body,
                                    synthetic: outcome.analysis.synthetic || services.contains(where: \.demo), request: request, context: context)
    }
}
