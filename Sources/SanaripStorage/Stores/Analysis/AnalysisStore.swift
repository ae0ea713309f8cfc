/// Each study's analysis settings, its per-submission weights and the version of its data.
public protocol AnalysisStore: Sendable {
    func analysis(studyID: String) async throws -> StudyAnalysis?
    /// Saves the settings (raising the revision) and logs it as `actor`.
    @discardableResult
    func save(_ analysis: StudyAnalysis, by actor: String) async throws -> StudyAnalysis
    /// Replaces the study's weights (the settings must exist) and raises its revision.
    func replaceWeights(studyID: String, _ weights: [AnalysisWeight], by actor: String) async throws
    /// The study's weights by instance id.
    func weights(studyID: String) async throws -> [String: AnalysisWeight]
    /// A text that changes whenever the analysed data can have changed: the settings' revision and, for
    /// submissions, their count, newest id and review states.
    func dataVersion(studyID: String) async throws -> String?
}
