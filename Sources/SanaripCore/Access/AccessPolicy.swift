/// The one authorisation table of the workbench: which role may do what, and where study membership is required.
///
/// Every route names a ``Permission`` (or is public); one guard asks ``allows(_:_:inStudy:memberOf:)``.
/// Admins may do everything in every study; everyone else needs the permission for their role and, for a
/// study-scoped permission, to belong to the study.
public struct AccessPolicy: Sendable, Hashable {
    /// The roles holding each permission, admins aside.
    public let table: [Permission: Set<Role>]

    public init(table: [Permission: Set<Role>]) {
        self.table = table
    }

    /// The workbench's policy.
    public static let standard = AccessPolicy(table: [
        .ownAccount: [.researcher, .coordinator, .supervisor, .interviewer, .viewer],
        .browse: [.researcher, .coordinator, .supervisor, .interviewer, .viewer],
        .viewInstruments: [.researcher, .coordinator, .supervisor, .interviewer, .viewer],
        .downloadInstruments: [.researcher, .coordinator, .supervisor, .interviewer],
        .viewPlans: [.researcher, .coordinator, .supervisor, .viewer],
        .downloadPlans: [.researcher, .coordinator, .supervisor],
        .editStudies: [.researcher],
        .collectData: [.coordinator, .supervisor, .interviewer],
        .reviewSubmissions: [.researcher, .coordinator, .supervisor],
        .exportData: [.researcher],
        .viewSensitive: [.coordinator, .supervisor],
        .manageUsers: [],
        .viewResults: [.researcher, .coordinator, .supervisor, .viewer],
        .downloadResults: [.researcher, .coordinator, .supervisor],
        // Focus groups (issue 12): transcripts and participants are sensitive, researchers only.
        .viewTranscripts: [.researcher],
        .codeTranscripts: [.researcher],
    ])

    /// Whether `role` has `permission` at all (in some study, for a study-scoped one).
    public func grants(_ role: Role, _ permission: Permission) -> Bool {
        role == .admin || table[permission]?.contains(role) == true
    }

    /// Whether a person with `role`, belonging to the studies `memberships`, may use `permission` on an object of
    /// `study` (nil when the object has no study or the route is not about one object).
    public func allows(_ role: Role, _ permission: Permission, inStudy study: String?, memberOf memberships: Set<String>) -> Bool {
        guard grants(role, permission) else { return false }
        guard role != .admin, permission.isStudyScoped, let study else { return true }
        return memberships.contains(study)
    }

    /// Whether `role` sees `study` in lists at all.
    public func seesStudy(_ role: Role, _ study: String, memberOf memberships: Set<String>) -> Bool {
        role == .admin || memberships.contains(study)
    }

    /// Whether a person with `role` may give an account `newRole`: only admins manage users, and making an admin
    /// also needs the acting admin to confirm with their own password (checked by the caller).
    public func mayAssign(_ newRole: Role, by role: Role) -> Bool {
        grants(role, .manageUsers) && Role.known.contains(newRole)
    }
}
