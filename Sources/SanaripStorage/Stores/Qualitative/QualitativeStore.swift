import SanaripQualitative

/// A study's focus-group projects. A project is saved whole, in one transaction, so an import that fails leaves
/// the stored project as it was.
public protocol QualitativeStore: Sendable {
    /// The names of the study's projects, sorted.
    func projectNames(study: String) async throws -> [String]
    /// The project with all its sessions, participants (with their names), transcripts, codes and codings.
    func project(study: String, name: String) async throws -> QualitativeProject?
    /// Creates or replaces the project named `project.name` in `study`.
    func save(_ project: QualitativeProject, study: String) async throws
}
