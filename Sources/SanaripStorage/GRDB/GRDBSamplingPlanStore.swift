import GRDB

/// ``SamplingPlanStore`` on SQLite. Units go in with their plan and leave with it.
public struct GRDBSamplingPlanStore: SamplingPlanStore {
    let writer: any DatabaseWriter

    public init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    public func plans(studyID: String?) async throws -> [SamplingPlan] {
        try await writer.read { db in
            var request = SamplingPlan.all()
            if let studyID { request = request.filter(SamplingPlan.Columns.studyID == studyID) }
            return try request.order(SamplingPlan.Columns.createdAt.desc, SamplingPlan.Columns.id.desc).fetchAll(db)
        }
    }

    public func plan(id: Int64) async throws -> SamplingPlan? {
        try await writer.read { db in try SamplingPlan.fetchOne(db, key: id) }
    }

    public func units(planID: Int64) async throws -> [SamplingPlanUnit] {
        try await writer.read { db in
            try SamplingPlanUnit
                .filter(SamplingPlanUnit.Columns.planID == planID)
                .order(SamplingPlanUnit.Columns.position)
                .fetchAll(db)
        }
    }

    @discardableResult
    public func insert(_ plan: SamplingPlan, units: [SamplingPlanUnit], by actor: String) async throws -> SamplingPlan {
        try await writer.write(conflict: "sampling plan \(plan.name) exists in study \(plan.studyID)") { db in
            var plan = plan
            plan.id = nil
            try plan.insert(db)
            for var unit in units {
                unit.planID = plan.id
                try unit.insert(db)
            }
            try db.audit(
                .create, by: actor, objectType: "sampling_plan", objectID: String(plan.id ?? 0),
                detail: ["name": plan.name, "study_id": plan.studyID, "units": String(units.count), "source_file": plan.sourceFile]
            )
            return plan
        }
    }

    public func delete(id: Int64, by actor: String) async throws {
        try await writer.write { db in
            guard let plan = try SamplingPlan.fetchOne(db, key: id) else {
                throw StorageError.notFound("sampling plan \(id)")
            }
            try SamplingPlan.deleteOne(db, key: id)
            try db.audit(.delete, by: actor, objectType: "sampling_plan", objectID: String(id), detail: ["name": plan.name])
        }
    }
}
