import Foundation

/// The municipal web audit: the sites list, rounds, each municipality's result, the pages as fetched, and the
/// reviewers' checklist answers.
public protocol WebAuditStore: Sendable {
    /// The sites list in its order.
    func sites() async throws -> [WebAuditSite]
    /// Replaces the sites list and logs it as `actor`.
    func replaceSites(_ sites: [WebAuditSite], by actor: String) async throws

    /// Every round, newest first, with how many municipalities are done.
    func rounds() async throws -> [WebAuditRound]
    func round(named name: String) async throws -> WebAuditRound?
    func round(id: Int64) async throws -> WebAuditRound?
    /// The round called `name`: a new one, or the unfinished one of that name (to resume).
    ///
    /// - Throws: ``StorageError/conflict(_:)`` when a finished round already has that name.
    func startRound(named name: String, total: Int, settings: Data, by actor: String) async throws -> WebAuditRound
    func finishRound(id: Int64) async throws

    /// Saves one municipality's result with its snapshots, replacing any earlier result in the same round.
    func save(_ result: WebAuditResult, snapshots: [WebAuditSnapshot]) async throws
    func results(roundID: Int64) async throws -> [WebAuditResult]
    func result(roundID: Int64, municipality: String) async throws -> WebAuditResult?
    /// The snapshots of a municipality in a round, without their bodies.
    func snapshots(roundID: Int64, municipality: String) async throws -> [WebAuditSnapshot]
    /// One snapshot with its body.
    func snapshot(id: Int64) async throws -> WebAuditSnapshot?

    /// Saves (or replaces) a reviewer's answer.
    func saveAnswer(_ answer: WebAuditAnswer) async throws
    /// The answers of a round, of one municipality when given.
    func answers(roundID: Int64, municipality: String?) async throws -> [WebAuditAnswer]
}
