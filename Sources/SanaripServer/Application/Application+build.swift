import Foundation
import Hummingbird
import HummingbirdAuth
import Logging
import SanaripStorage

/// Opens (and migrates) the database in the configured data folder, does the first-start work and
/// returns the web application, ready for `runService()`.
public func buildApplication(configuration: ServerConfiguration, logger: Logger) async throws -> some ApplicationProtocol {
    let database = try SanaripDatabase.open(directory: configuration.dataDirectory)
    logger.info("database at \(configuration.dataDirectory.appendingPathComponent(SanaripDatabase.fileName).path)")
    return try await buildApplication(stores: database.stores, configuration: configuration, logger: logger)
}

/// The web application on the given stores, for tests and other databases.
public func buildApplication(stores: Stores, configuration: ServerConfiguration, logger: Logger) async throws -> some ApplicationProtocol {
    let accounts = Accounts(users: stores.users, hasher: PasswordHasher(cost: configuration.bcryptCost))
    try await Bootstrap(stores: stores, accounts: accounts, configuration: configuration, logger: logger).run()
    let sessions = SessionStorePersistDriver(store: stores.sessions)
    let router = try await buildRouter(stores: stores, accounts: accounts, sessions: sessions, configuration: configuration)
    let host = configuration.host
    let console = configuration.console
    return Application(
        router: router,
        configuration: .init(address: .hostname(host, port: configuration.port), serverName: "Sanarip"),
        services: [sessions],
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? configuration.port
            console("Sanarip is running at http://\(host):\(port)")
        },
        logger: logger
    )
}

/// Middleware and routes. Everything but `/health`, `/login` and `/static` needs a signed-in user.
func buildRouter(
    stores: Stores,
    accounts: Accounts,
    sessions: some PersistDriver,
    configuration: ServerConfiguration
) async throws -> Router<SanaripRequestContext> {
    let pages = try await PageRenderer.bundled()
    let router = Router(context: SanaripRequestContext.self)
    router.addMiddleware {
        LogRequestsMiddleware(.debug)
        SecurityHeadersMiddleware()
        LanguageMiddleware()
        ErrorPageMiddleware(pages: pages)
        FileMiddleware(Bundle.module.resourcePath.map { $0 + "/static" } ?? "static", urlBasePath: "/static")
    }
    HealthController(health: stores.health).addRoutes(to: router.group())
    addOpenRosaRoutes(to: router, stores: stores, accounts: accounts, configuration: configuration)

    let sessionCookie = SessionCookieParameters(name: "sanarip_session", secure: configuration.secureCookies, sameSite: .lax)
    let web = router.group()
        .add(middleware: SessionMiddleware(storage: sessions, configuration: .init(sessionCookieParameters: sessionCookie)))
        .add(middleware: SessionAuthenticator(context: SanaripRequestContext.self) { (session: WebSession, _) in
            guard let id = session.userID, let user = try await stores.users.user(id: id), !user.disabled else { return nil }
            return user
        })
        .add(middleware: CSRFMiddleware())
    let auth = AuthController(accounts: accounts, auditLog: stores.auditLog, pages: pages)
    auth.addPublicRoutes(to: web)

    let signedIn = web.group().add(middleware: RequireSignInMiddleware())
    auth.addRoutes(to: signedIn)
    StudyController(studies: stores.studies, instruments: stores.instruments, pages: pages).addRoutes(to: signedIn)
    InstrumentController(studies: stores.studies, instruments: stores.instruments, pages: pages).addRoutes(to: signedIn)
    PlanController(plans: stores.samplingPlans, pages: pages).addRoutes(to: signedIn)
    UserController(accounts: accounts, users: stores.users, pages: pages).addRoutes(to: signedIn)
    return router
}

/// Builds the application and runs it until the process is interrupted (SIGINT or SIGTERM end it gracefully).
public func runServer(configuration: ServerConfiguration, logger: Logger) async throws {
    try await buildApplication(configuration: configuration, logger: logger).runService()
}
