import Hummingbird
import HummingbirdAuth
import NIOCore
import SanaripStorage

/// What every request carries through the middleware: the signed-in user, the session and the interface language.
struct SanaripRequestContext: AuthRequestContext, SessionRequestContext, RequestContext {
    var coreContext: CoreRequestContextStorage
    var identity: User?
    let sessions: SessionContext<WebSession>
    /// Chosen by ``LanguageMiddleware``.
    var language: InterfaceLanguage = .fallback
    /// The peer's IP address, for the audit log.
    let clientAddress: String?

    init(source: Source) {
        self.coreContext = .init(source: source)
        self.clientAddress = source.channel.remoteAddress?.ipAddress
        self.identity = nil
        self.sessions = .init()
    }
}
