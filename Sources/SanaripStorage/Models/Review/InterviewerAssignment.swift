import Foundation

/// An interviewer assigned to one unit (a municipality) of a sampling plan.
public struct InterviewerAssignment: Sendable, Hashable, Codable {
    public var planID: Int64
    /// The plan unit's ``SamplingPlanUnit/unitID``.
    public var unitID: String
    /// The interviewer as submissions name them (the collector, the account or the interviewer code).
    public var interviewer: String
    public var assignedBy: String
    public var assignedAt: Date

    public init(planID: Int64, unitID: String, interviewer: String, assignedBy: String, assignedAt: Date = Date()) {
        self.planID = planID
        self.unitID = unitID
        self.interviewer = interviewer
        self.assignedBy = assignedBy
        self.assignedAt = assignedAt
    }

    enum CodingKeys: String, CodingKey {
        case planID = "plan_id"
        case unitID = "unit_id"
        case interviewer
        case assignedBy = "assigned_by"
        case assignedAt = "assigned_at"
    }
}
