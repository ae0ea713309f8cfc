import SanaripCore

/// Studies: read by every page, changed rarely and always on someone's behalf.
public protocol StudyStore: Sendable {
    /// Every study, ordered by identifier.
    func studies() async throws -> [Study]
    func study(id: String) async throws -> Study?
    /// Inserts the study or replaces the one with its identifier, and logs the change as `actor`.
    func save(_ study: Study, by actor: String) async throws
}
