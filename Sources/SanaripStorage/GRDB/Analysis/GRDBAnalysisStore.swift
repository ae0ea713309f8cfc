import Foundation
import GRDB

/// ``AnalysisStore`` on SQLite.
public struct GRDBAnalysisStore: AnalysisStore {
    let writer: any DatabaseWriter

    public init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    public func analysis(studyID: String) async throws -> StudyAnalysis? {
        try await writer.read { db in try StudyAnalysis.fetchOne(db, key: studyID) }
    }

    @discardableResult
    public func save(_ analysis: StudyAnalysis, by actor: String) async throws -> StudyAnalysis {
        try await writer.write { db in
            var saved = analysis
            let previous = try StudyAnalysis.fetchOne(db, key: analysis.studyID)
            saved.revision = (previous?.revision ?? 0) + 1
            saved.updatedAt = Date()
            saved.updatedBy = actor
            try saved.save(db)
            try db.audit(previous == nil ? .create : .update, by: actor, objectType: "study_analysis", objectID: analysis.studyID, detail: [
                "source": analysis.source.rawValue, "form_id": analysis.formID ?? "", "import_name": analysis.importName ?? "",
                "design": String(decoding: analysis.design, as: UTF8.self),
            ])
            return saved
        }
    }

    public func replaceWeights(studyID: String, _ weights: [AnalysisWeight], by actor: String) async throws {
        try await writer.write { db in
            guard try StudyAnalysis.fetchOne(db, key: studyID) != nil else { throw StorageError.notFound("analysis settings of study \(studyID)") }
            try db.execute(sql: "DELETE FROM analysis_weight WHERE study_id = ?", arguments: [studyID])
            let statement = try db.makeStatement(sql: "INSERT INTO analysis_weight (study_id, instance_id, base_weight, weight) VALUES (?, ?, ?, ?)")
            for weight in weights {
                try statement.execute(arguments: [studyID, weight.instanceID, weight.baseWeight, weight.weight])
            }
            try db.execute(sql: "UPDATE study_analysis SET revision = revision + 1 WHERE study_id = ?", arguments: [studyID])
            try db.audit(.update, by: actor, objectType: "study_analysis", objectID: studyID, detail: ["weights": String(weights.count)])
        }
    }

    public func weights(studyID: String) async throws -> [String: AnalysisWeight] {
        try await writer.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT instance_id, base_weight, weight FROM analysis_weight WHERE study_id = ?", arguments: [studyID])
            var result: [String: AnalysisWeight] = [:]
            for row in rows {
                let id: String = row["instance_id"]
                result[id] = AnalysisWeight(instanceID: id, baseWeight: row["base_weight"], weight: row["weight"])
            }
            return result
        }
    }

    public func dataVersion(studyID: String) async throws -> String? {
        try await writer.read { db in
            guard let analysis = try StudyAnalysis.fetchOne(db, key: studyID) else { return nil }
            guard analysis.source == .submissions, let formID = analysis.formID else { return "r\(analysis.revision)" }
            let row = try Row.fetchOne(db, sql: """
                SELECT count(*) AS n, max(id) AS last, sum(review_state = 'approved') AS approved, sum(length(review_state)) AS states
                FROM submission WHERE form_id = ? AND is_current = 1
                """, arguments: [formID])
            let n: Int = row?["n"] ?? 0
            let last: Int64 = row?["last"] ?? 0
            let approved: Int = row?["approved"] ?? 0
            let states: Int = row?["states"] ?? 0
            return "r\(analysis.revision)-n\(n)-l\(last)-a\(approved)-s\(states)"
        }
    }
}

extension StudyAnalysis: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "study_analysis"
}
