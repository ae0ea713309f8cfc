import Foundation
import Hummingbird
import SanaripStorage

/// Adds the OpenRosa API for ODK Collect (``OpenRosaController/routes``) twice: under `/key/TOKEN/` for
/// collectors' keys, and at the root for users signing in with HTTP Basic.
///
/// These routes sit outside the session and CSRF middleware and authenticate every request themselves.
func addOpenRosaRoutes(
    to router: Router<SanaripRequestContext>, stores: Stores, accounts: Accounts, throttle: SignInThrottle, configuration: ServerConfiguration
) {
    let controller = OpenRosaController(stores: stores, dataDirectory: configuration.dataDirectory, sizeLimit: configuration.submissionSizeLimit)
    controller.intake.removeLeftoverUploads()
    controller.addRoutes(to: router.group("key/:token"))
    controller.addRoutes(to: router.group().add(middleware: OpenRosaBasicAuthenticator(accounts: accounts, throttle: throttle, auditLog: stores.auditLog, sizeLimit: configuration.submissionSizeLimit)))
}
