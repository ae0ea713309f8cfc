import Foundation
import SanaripAnalysis
import SanaripReports

extension MonitoringView {
    /// What monitoring shows for `studyID`, read now: the imported series and events, the survey's key indicators
    /// by round (from the analysis layer; with the reason when the study has no results yet), the audit's finished
    /// rounds and the catalogues' entries.
    static func load(studyID: String, area: String?, analysis: StudyAnalysisService, words: CatalogueWording) async throws -> (view: MonitoringView, surveyProblem: String?) {
        let catalogue = CatalogueService(stores: analysis.stores, instrumentsDirectory: analysis.instrumentsDirectory)
        var survey: StudyResults?
        var problem: String?
        do {
            survey = try await analysis.results(studyID: studyID, request: surveyRequest).results
        } catch {
            problem = String(describing: error)
        }
        let labels = survey.map { ResultsLabels(set: $0.set, instrument: $0.instrument, language: words.code) }
        let audit = (try? await WebAuditFiles(instrumentsDirectory: analysis.instrumentsDirectory).roundIndexes(store: analysis.stores.webAudits)) ?? []
        let today = ISO8601DateFormatter.string(from: Date(), timeZone: .gmt, formatOptions: .withFullDate)
        let view = MonitoringView(observations: try await catalogue.series(studyID: studyID), events: try await catalogue.events(studyID: studyID), area: area,
                                  survey: survey, labels: labels, audit: audit, entries: try await catalogue.entries(studyID: studyID, kind: nil),
                                  today: today, words: words)
        return (view, problem)
    }
}
