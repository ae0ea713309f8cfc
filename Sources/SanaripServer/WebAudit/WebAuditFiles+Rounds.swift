import Foundation
import SanaripAudit
import SanaripStorage

extension WebAuditFiles {
    /// A round's audits scored with the study's index and its reviewers' answers, with those answers and the index:
    /// what the round's pages show and what monitoring follows from round to round.
    func scoredAudits(roundID: Int64, store: any WebAuditStore) async throws -> (audits: [SiteAudit], answers: [WebAuditAnswer], index: AuditIndex) {
        let index = try index()
        let answers = try await store.answers(roundID: roundID, municipality: nil)
        let reviewed = AuditAgreement.reviewedValues(answers)
        let audits = try await store.results(roundID: roundID).map { result in
            var audit = try JSONDecoder().decode(SiteAudit.self, from: result.audit)
            audit.score(with: index, reviewed: reviewed[audit.municipality] ?? [:])
            return audit
        }
        return (audits, answers, index)
    }

    /// Every finished round's index overall and per oblast (mean of the municipalities' scores), oldest first.
    func roundIndexes(store: any WebAuditStore) async throws -> [MonitoringView.AuditRound] {
        let frame = frame()
        var rounds: [MonitoringView.AuditRound] = []
        for round in try await store.rounds().reversed() where round.finishedAt != nil {
            let audits = try await scoredAudits(roundID: round.id, store: store).audits
            let day = ISO8601DateFormatter.string(from: round.startedAt, timeZone: .gmt, formatOptions: .withFullDate)
            rounds.append(MonitoringView.AuditRound(name: round.name, period: day, comparison: AuditComparison.rows(audits, frame: frame)))
        }
        return rounds.sorted { $0.period < $1.period }
    }
}
