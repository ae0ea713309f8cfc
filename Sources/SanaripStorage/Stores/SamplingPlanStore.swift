/// Sampling plans and their units: what the field team visits and the targets fieldwork is measured against.
public protocol SamplingPlanStore: Sendable {
    /// The plans of a study (of every study when nil), newest first.
    func plans(studyID: String?) async throws -> [SamplingPlan]
    func plan(id: Int64) async throws -> SamplingPlan?
    /// The plan's units in the order of its sample file.
    func units(planID: Int64) async throws -> [SamplingPlanUnit]
    /// Adds a plan with its units in one transaction, logs it as `actor` and returns it with its identifier.
    ///
    /// - Throws: ``StorageError/conflict(_:)`` when the study already has a plan of that name.
    @discardableResult
    func insert(_ plan: SamplingPlan, units: [SamplingPlanUnit], by actor: String) async throws -> SamplingPlan
    /// Removes a plan and its units and logs it as `actor`; throws ``StorageError/notFound(_:)`` when there is none.
    func delete(id: Int64, by actor: String) async throws
}
