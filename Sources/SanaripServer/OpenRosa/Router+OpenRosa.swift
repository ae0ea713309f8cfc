import Foundation
import Hummingbird
import SanaripStorage

/// Adds the OpenRosa API for ODK Collect (``OpenRosaController/routes``) twice: under `/key/TOKEN/` for
/// collectors' keys, and at the root for users signing in with HTTP Digest or Basic.
///
/// Leftover uploads and orphaned attachment files of a server that was stopped while receiving are removed first.
///
/// These routes sit outside the session and CSRF middleware and authenticate every request themselves.
func addOpenRosaRoutes(
    to router: Router<SanaripRequestContext>, stores: Stores, accounts: Accounts, throttle: SignInThrottle, configuration: ServerConfiguration
) async throws {
    let controller = OpenRosaController(stores: stores, dataDirectory: configuration.dataDirectory, sizeLimit: configuration.submissionSizeLimit)
    controller.intake.removeLeftoverUploads()
    let orphans = try await controller.intake.removeOrphanedAttachments()
    if orphans > 0 { configuration.console("removed \(orphans) attachment file\(orphans == 1 ? "" : "s") of submissions that were never stored (the server had stopped while receiving them)") }
    controller.addRoutes(to: router.group("key/:token"))
    let authenticator = OpenRosaAuthenticator(
        accounts: accounts, throttle: throttle, nonces: DigestNonces(now: configuration.now), auditLog: stores.auditLog,
        sizeLimit: configuration.submissionSizeLimit
    )
    controller.addRoutes(to: router.group().add(middleware: authenticator))
}
