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
    let accounts = Accounts(users: stores.users, sessions: stores.sessions, hasher: PasswordHasher(cost: configuration.bcryptCost))
    try await Bootstrap(stores: stores, accounts: accounts, configuration: configuration, logger: logger).run()
    let sessions = SessionStorePersistDriver(store: stores.sessions)
    let analysis = StudyAnalysisService(stores: stores, dataDirectory: configuration.dataDirectory, instrumentsDirectory: configuration.instrumentsDirectory)
    let router = try await buildRouter(stores: stores, accounts: accounts, sessions: sessions, configuration: configuration, analysis: analysis)
    let host = configuration.host
    let console = configuration.console
    return Application(
        router: router,
        configuration: .init(address: .hostname(host, port: configuration.port), serverName: "Sanarip"),
        services: [sessions, AnalysisWarmUp(analysis: analysis, studies: stores.studies, logger: logger)],
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? configuration.port
            console("Sanarip is running at http://\(host):\(port)")
        },
        logger: logger
    )
}

/// Middleware and routes. Every route has its rule in ``RouteRule/table``, checked by ``AccessGuardMiddleware``.
func buildRouter(
    stores: Stores,
    accounts: Accounts,
    sessions: some PersistDriver,
    configuration: ServerConfiguration,
    analysis: StudyAnalysisService? = nil
) async throws -> Router<SanaripRequestContext> {
    let pages = try await PageRenderer.bundled()
    let formTokens = FormTokenSigner()
    let router = Router(context: SanaripRequestContext.self)
    let sessionCookie = SessionCookieParameters(name: "sanarip_session", secure: configuration.secureCookies, sameSite: .lax)
    router.addMiddleware {
        LogRequestsMiddleware(.debug)
        ClientOriginMiddleware(trustedProxies: configuration.trustedProxies, alwaysSecure: configuration.secureCookies)
        SecurityHeadersMiddleware()
        LanguageMiddleware()
        ErrorPageMiddleware(pages: pages)
        FileMiddleware(Bundle.module.resourcePath.map { $0 + "/static" } ?? "static", urlBasePath: "/static")
        SessionMiddleware(storage: sessions, configuration: .init(sessionCookieParameters: sessionCookie))
        SessionAuthenticator(context: SanaripRequestContext.self) { (session: WebSession, _) in
            guard let id = session.userID, let user = try await stores.users.user(id: id), !user.disabled else { return nil }
            return user
        }
        AccessGuardMiddleware(stores: stores)
        CSRFMiddleware(formTokens: formTokens)
    }
    HealthController(health: stores.health).addRoutes(to: router)
    let throttle = SignInThrottle(policy: configuration.signInThrottle, now: configuration.now)
    try await addOpenRosaRoutes(to: router, stores: stores, accounts: accounts, throttle: throttle, configuration: configuration)
    AuthController(accounts: accounts, auditLog: stores.auditLog, throttle: throttle, formTokens: formTokens, pages: pages).addRoutes(to: router)
    AccountController(accounts: accounts, pages: pages).addRoutes(to: router)
    StudyController(studies: stores.studies, instruments: stores.instruments, pages: pages).addRoutes(to: router)
    InstrumentController(studies: stores.studies, instruments: stores.instruments, pages: pages).addRoutes(to: router)
    PlanController(plans: stores.samplingPlans, pages: pages).addRoutes(to: router)
    ReviewController(stores: stores, dataDirectory: configuration.dataDirectory, pages: pages).addRoutes(to: router)
    FieldworkController(stores: stores, pages: pages).addRoutes(to: router)
    EntryController(stores: stores, dataDirectory: configuration.dataDirectory, pages: pages, now: configuration.now).addRoutes(to: router)
    UserController(accounts: accounts, users: stores.users, studies: stores.studies, pages: pages).addRoutes(to: router)
    WebAuditController(stores: stores, pages: pages, files: WebAuditFiles(instrumentsDirectory: configuration.instrumentsDirectory)).addRoutes(to: router)
    MediaController(stores: stores, pages: pages, files: WebAuditFiles(instrumentsDirectory: configuration.instrumentsDirectory)).addRoutes(to: router)
    ExportController(jobs: ExportJobs(stores: stores, dataDirectory: configuration.dataDirectory), stores: stores, pages: pages).addRoutes(to: router)
    // workspace
    let analysis = analysis ?? StudyAnalysisService(stores: stores, dataDirectory: configuration.dataDirectory, instrumentsDirectory: configuration.instrumentsDirectory)
    WorkspaceController(analysis: analysis, studies: stores.studies, pages: pages).addRoutes(to: router)
    // catalogue
    let catalogue = CatalogueController(catalogue: CatalogueService(stores: stores, instrumentsDirectory: configuration.instrumentsDirectory),
                                        studies: stores.studies, auditLog: stores.auditLog, pages: pages)
    catalogue.addRoutes(to: router)
    CatalogueMatchController(analysis: analysis, catalogue: catalogue).addRoutes(to: router)
    MonitoringController(analysis: analysis, catalogue: catalogue).addRoutes(to: router)
    // focus groups
    QualitativeController(stores: stores, pages: pages).addRoutes(to: router)
    return router
}

/// Builds the application and runs it until the process is interrupted (SIGINT or SIGTERM end it gracefully).
public func runServer(configuration: ServerConfiguration, logger: Logger) async throws {
    try await buildApplication(configuration: configuration, logger: logger).runService()
}
