import SanaripAnalysis
import SanaripCatalogue
import SanaripReports

/// The catalogues' sections of the study report: training supply and need by district, e-services beside their
/// use, the official series imported, and monitoring. Each is written from the view its page shows, and appears
/// when the study has something for it (courses, e-services, series, or rounds to follow).
struct CatalogueReportSections {
    let analysis: StudyAnalysisService

    /// The sections in `language`, given the report's own results (which hold the e-service breakdowns).
    func sections(studyID: String, results: StudyResults, language: String) async throws -> [StudyReport.Section] {
        let words = CatalogueWording(localizer: try Localizer(bundle: .module), language: InterfaceLanguage(rawValue: language) ?? .en)
        let catalogue = CatalogueService(stores: analysis.stores, instrumentsDirectory: analysis.instrumentsDirectory)
        var sections: [StudyReport.Section] = []
        func sheet(_ key: String) -> String { "C\(sections.count + 1) " + words[key] }

        let courses = try await catalogue.entries(studyID: studyID, kind: .courses)
        let districts = catalogue.districts(studyID: studyID) ?? []
        if !courses.isEmpty, !districts.isEmpty {
            let supply = try await analysis.results(studyID: studyID, request: SupplyView.request).results
            let labels = ResultsLabels(set: supply.set, instrument: supply.instrument, language: language)
            let overview = SupplyView.Overview(results: supply, labels: labels, courses: courses, districts: districts, group: nil, words: words)
            var subsections: [(heading: String, charts: [String], grids: [ResultsGrid])] = [("", [], [overview.grid])]
            for district in districts {
                let view = SupplyView(results: supply, labels: labels, courses: courses, district: district.code, group: nil, words: words)
                subsections.append((words.label(of: district), view.needChart.map { [$0.svg] } ?? [], [view.topicGrid, view.barrierGrid]))
            }
            sections.append(StudyReport.Section(title: words["catalogue.supply"], sheet: sheet("catalogue.supply"), introduction: [words["catalogue.supplyRule"], words["catalogue.gapNote"]],
                                                subsections: subsections))
        }

        let services = try await catalogue.entries(studyID: studyID, kind: .eservices)
        if !services.isEmpty {
            let labels = ResultsLabels(set: results.set, instrument: results.instrument, language: language)
            let view = EServiceUseView(results: results, labels: labels, services: services, words: words)
            var subsections: [(heading: String, charts: [String], grids: [ResultsGrid])] = [("", [], [view.list])]
            for service in view.services {
                if let use = service.use { subsections.append((service.entry.name(language), [], [use])) }
            }
            subsections.append(("", [], [view.channels, view.reasons]))
            sections.append(StudyReport.Section(title: words["catalogue.eservicesUse"], sheet: sheet("catalogue.eservicesUse"), introduction: [words["catalogue.eservicesNote"]],
                                                subsections: subsections))
        }

        let monitoring = try await MonitoringView.load(studyID: studyID, area: nil, analysis: analysis, words: words).view
        if !monitoring.seriesGrid.rows.isEmpty {
            sections.append(StudyReport.Section(title: words["catalogue.s4.officialSeries"], sheet: sheet("catalogue.s4.officialSeries"),
                                                introduction: [words["catalogue.s4.officialSeriesNote"]], subsections: [("", [], [monitoring.seriesGrid])]))
        }
        if !monitoring.lines.isEmpty {
            sections.append(StudyReport.Section(title: words["catalogue.monitoring"], sheet: sheet("catalogue.monitoring"), introduction: [words["catalogue.s4.monitoringNote"]],
                                                subsections: [("", monitoring.charts.map(\.svg), [monitoring.changes, monitoring.eventGrid, monitoring.counts])]))
        }
        return sections
    }
}
