import Foundation
import Hummingbird
import SanaripStorage

/// Adds the OpenRosa API for ODK Collect (see ``OpenRosaController/routes``) under `/key/TOKEN/`.
///
/// The routes authenticate by the collector's token themselves and sit outside the session and CSRF middleware.
func addOpenRosaRoutes(to router: Router<SanaripRequestContext>, stores: Stores, configuration: ServerConfiguration) {
    OpenRosaController(stores: stores, dataDirectory: configuration.dataDirectory, sizeLimit: configuration.submissionSizeLimit)
        .addRoutes(to: router)
}
