/// What a person does in the programme, which decides what they may do in the workbench (see ``AccessPolicy``).
///
/// Roles are rows of the database's `role` table, not a fixed list: a role the code does not know is allowed nothing.
public struct Role: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    /// Everything, in every study: users, studies, data.
    public static let admin = Role(rawValue: "admin")
    /// Designs instruments and samples and analyses the data of the studies they belong to.
    public static let researcher = Role(rawValue: "researcher")
    /// Runs fieldwork: field team, assignments, review of submissions.
    public static let coordinator = Role(rawValue: "coordinator")
    /// Checks interviewers' work in the field and reviews their submissions.
    public static let supervisor = Role(rawValue: "supervisor")
    /// Collects interviews with ODK Collect; sees forms, not results.
    public static let interviewer = Role(rawValue: "interviewer")
    /// Reads a study's pages and results; downloads nothing.
    public static let viewer = Role(rawValue: "viewer")

    /// The roles this version knows, in the order forms list them.
    public static let known: [Role] = [.admin, .researcher, .coordinator, .supervisor, .interviewer, .viewer]
}
