import SanaripAnalysis
import SanaripCatalogue
import SanaripReports
import SanaripStatistics

/// Each e-service of the catalogue beside the survey's estimated use of its matching item, overall and by sex,
/// youth/adults and rural/urban, then e-government use and the reasons for not using it. The e-services page and
/// the report's section are written from this.
struct EServiceUseView {
    /// E-government use, per service, and reasons for non-use: overall and by sex, age band and urban/rural.
    static let request = ResultsRequest(
        breakdowns: [[], ["sex"], ["age_group"], [StudyResults.ageBand], ["settlement_type"]], gaps: [], rankGroups: [], rankWithin: [],
        groups: ["egov", "egov_barrier", "egov_service"])

    /// The domains of each row: everyone, women, men, youth, adults, rural, urban.
    static let domains: [(names: [String], values: [String])] = [
        ([], []), (["sex"], ["female"]), (["sex"], ["male"]), ([StudyResults.ageBand], ["youth"]), ([StudyResults.ageBand], ["adult"]),
        (["settlement_type"], ["rural"]), (["settlement_type"], ["urban"]),
    ]

    struct Service {
        let entry: CatalogueEntry
        /// Agency · how far online · Tunduk.
        let facts: String
        /// The survey's use of its matching items; nil when it names none the survey measures.
        let use: ResultsGrid?
    }

    let services: [Service]
    /// Every service in one table: agency, how far online, Tunduk, and the survey's estimated use overall.
    let list: ResultsGrid
    let channels: ResultsGrid
    let reasons: ResultsGrid

    init(results: StudyResults, labels: ResultsLabels, services: [CatalogueEntry], words: CatalogueWording) {
        let headings = Self.domains.map { labels.domain(names: $0.names, values: $0.values, short: true) }
        func row(_ variable: String) -> [ResultsGrid.Cell] {
            [.text(labels.indicator(variable))] + Self.domains.map { domain in
                .number((SupplyView.estimate(results, variable, names: domain.names, values: domain.values)?.estimate ?? .nan) * 100, digits: 1)
            }
        }
        self.services = services.map { service in
            let items = service.list("survey_items").filter { results.set["egov_used_\($0)"] != nil }
            let facts = [service["agency"], words["catalogue.s4.value.online_level.\(service["online_level"])"],
                         "Tunduk: " + words[service.flag("tunduk") ? "catalogue.s4.yes" : "catalogue.s4.no"]].filter { !$0.isEmpty }.joined(separator: " · ")
            return Service(entry: service, facts: facts,
                           use: items.isEmpty ? nil : ResultsGrid(title: words["catalogue.surveyUse"], columns: [""] + headings, rows: items.map { row("egov_used_\($0)") }))
        }
        list = ResultsGrid(
            title: words["catalogue.kind.eservices"],
            columns: [words["catalogue.name"], words.field("agency"), words.field("online_level"), words.field("tunduk"), words.field("survey_items"), words["catalogue.surveyUse"]],
            rows: self.services.map { service in
                let items = service.entry.list("survey_items").filter { results.set["egov_used_\($0)"] != nil }
                return [.text(service.entry.name(words.code)), .text(service.entry["agency"]), .text(words["catalogue.s4.value.online_level.\(service.entry["online_level"])"]),
                        .text(words[service.entry.flag("tunduk") ? "catalogue.s4.yes" : "catalogue.s4.no"]),
                        .text(items.map { labels.indicator("egov_used_\($0)") }.joined(separator: "; ")),
                        .text(items.map { item in
                            LocalizedNumber.text((SupplyView.estimate(results, "egov_used_\(item)", names: [], values: [])?.estimate ?? .nan) * 100, digits: 1, language: words.code)
                        }.joined(separator: "; "))]
            })
        let channelNames = ["egov_any_service", "egov_online_self", "egov_online_any", "egov_aware_any"].filter { results.set[$0] != nil }
        channels = ResultsGrid(title: labels.group("egov"), columns: [""] + headings, rows: channelNames.map(row))
        reasons = ResultsGrid(title: labels.group("egov_barrier"), columns: [""] + headings,
                              rows: results.set.indicators.filter { $0.group == "egov_barrier" }.map(\.name).map(row))
    }
}
