import Hummingbird
import HummingbirdAuth
import NIOCore
import SanaripStorage

/// What every request carries through the middleware: the signed-in user, the session, the interface language,
/// where the request came from and the studies its user belongs to.
struct SanaripRequestContext: AuthRequestContext, SessionRequestContext, RequestContext {
    var coreContext: CoreRequestContextStorage
    var identity: User?
    let sessions: SessionContext<WebSession>
    /// Chosen by ``LanguageMiddleware``.
    var language: InterfaceLanguage = .fallback
    /// The client's IP address for the audit log: the peer's, or the one a trusted proxy forwarded
    /// (set by ``ClientOriginMiddleware``).
    var clientAddress: String?
    /// Whether the browser reached the workbench over TLS (directly or through a trusted proxy).
    var overTLS = false
    /// The studies the signed-in user belongs to, filled in by ``AccessGuardMiddleware``.
    var memberships: Set<String> = []

    init(source: Source) {
        self.coreContext = .init(source: source)
        self.clientAddress = source.channel.remoteAddress?.ipAddress
        self.identity = nil
        self.sessions = .init()
    }

    /// Whether the signed-in user sees `study` in lists (admins see every study).
    func sees(study: String) -> Bool {
        guard let user = identity else { return false }
        return AccessGuardMiddleware.policy.seesStudy(user.role, study, memberOf: memberships)
    }
}
