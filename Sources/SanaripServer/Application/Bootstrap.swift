import Foundation
import Logging
import SanaripCore
import SanaripStorage

/// First-start work: the built-in study, the instruments on disk and, when there are no users, the first admin.
struct Bootstrap: Sendable {
    let stores: Stores
    let accounts: Accounts
    let configuration: ServerConfiguration
    let logger: Logger

    static let firstAdmin = "admin"

    func run() async throws {
        if try await stores.studies.study(id: BuiltInStudy.id) == nil {
            try await stores.studies.save(BuiltInStudy.study, by: AuditEntry.system)
            logger.info("created the study \(BuiltInStudy.id)")
        }
        if let directory = configuration.instrumentsDirectory {
            let importer = InstrumentImporter(instruments: stores.instruments, studyID: BuiltInStudy.id, logger: logger)
            try await importer.importAll(from: directory)
        }
        try await createFirstAdmin()
    }

    private func createFirstAdmin() async throws {
        guard try await stores.users.userCount() == 0 else { return }
        if let password = configuration.adminPassword {
            try await accounts.create(username: Self.firstAdmin, password: password, role: .admin, by: AuditEntry.system)
            logger.info("created the user \(Self.firstAdmin) with the given password")
            return
        }
        // Shown once on the console, which service logs may keep: it only opens the page that replaces it.
        let password = Accounts.generatePassword()
        try await accounts.create(username: Self.firstAdmin, password: password, role: .admin, mustChangePassword: true, by: AuditEntry.system)
        configuration.console(
            """
            Created the first user "\(Self.firstAdmin)" with the one-time password: \(password)
            Sign in with it and choose a new password on the page that opens (or: sanarip user password \(Self.firstAdmin)).
            To avoid this, start with --admin-password-file FILE.
            """
        )
    }
}
