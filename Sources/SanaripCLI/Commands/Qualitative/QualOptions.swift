import ArgumentParser
import Foundation
import SanaripQualitative
import SanaripStorage

/// The study and focus-group project a `sanarip qual` command works on, in the store under `--data`.
struct QualProjectOptions: ParsableArguments {
    @OptionGroup var store: StoreOptions

    @Option(help: "The focus-group project.")
    var project = "focus-groups"

    @Option(help: "The study the project belongs to.")
    var study = "digital-divide-kg"

    /// The stored project, or a clear error naming what exists.
    func load(_ database: SanaripDatabase) async throws -> QualitativeProject {
        if let project = try await database.stores.qualitative.project(study: study, name: project) { return project }
        let names = try await database.stores.qualitative.projectNames(study: study)
        throw QualCommandError("study \(study) has no focus-group project \(project)" + (names.isEmpty ? "; import a transcript first (sanarip qual import FILE.txt)" : " (it has: \(names.joined(separator: ", ")))"))
    }

    /// Records a sensitive read or change in the audit log.
    func audit(_ database: SanaripDatabase, _ action: String, detail: [String: String] = [:]) async throws {
        try await database.stores.auditLog.record(AuditEntry(user: UserCommand.actor, action: AuditAction(rawValue: action), objectType: "qual_project", objectID: "\(study)/\(project)", detail: detail))
    }
}

/// Writes `text` to `path`, or to standard output when `path` is nil or `-`.
func writeOutput(_ text: String, to path: String?) throws {
    guard let path, path != "-" else {
        print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
        return
    }
    try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
}

/// A problem with the store's content or the files given (not with the command line itself): one line, exit status 1.
struct QualCommandError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
