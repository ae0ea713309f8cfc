import ArgumentParser
import SanaripAudit
import SanaripStorage

/// `sanarip audit …`: the municipal web audit.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit municipalities' websites: crawl, read LOSI indicators, score.",
        subcommands: [AuditRunCommand.self, AuditSitesCommand.self]
    )
}

extension AuditCommand {
    /// Runs `body`; a bad file or a store that refuses is one line on standard error and exit status 1.
    static func reportingErrors(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as AuditError {
            Terminal.error("error: \(error)")
            throw ExitCode.failure
        } catch let error as StorageError {
            Terminal.error("error: \(error)")
            throw ExitCode.failure
        }
    }
}
