import Logging
import ServiceLifecycle
import SanaripStorage

/// Computes every study's workspace results, design check and response rates once the server starts, in the background, so the
/// first visitor of a workspace page finds them cached (or being computed, then waits only for the rest).
///
/// Studies without a dataset are skipped; a failure is logged and left for the page to explain.
struct AnalysisWarmUp: Service {
    let analysis: StudyAnalysisService
    let studies: any StudyStore
    let logger: Logger

    func run() async throws {
        let warming = Task {
            for study in (try? await studies.studies()) ?? [] {
                guard (try? await analysis.stores.analysis.analysis(studyID: study.id)) != nil else { continue }
                do {
                    // The rates read the submissions while the results are computed: neither waits for the other.
                    async let rates = analysis.responseRates(studyID: study.id)
                    let outcome = try await analysis.results(studyID: study.id)
                    _ = try await analysis.designCheck(studyID: study.id)
                    _ = try await rates
                    logger.info("workspace results of \(study.id) ready: \(outcome.results.timingSummary)")
                } catch {
                    logger.warning("workspace results of \(study.id) not computed at start: \(error)")
                }
            }
        }
        // A service that returns ends the server; this one waits for the shutdown, and stops warming then.
        try? await gracefulShutdown()
        warming.cancel()
    }
}
