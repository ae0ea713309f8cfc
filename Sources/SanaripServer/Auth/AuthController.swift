import Hummingbird
import SanaripStorage

/// Signing in and out. Sign-ins, failed ones included, go to the audit log.
struct AuthController: Sendable {
    let accounts: Accounts
    let auditLog: any AuditLogStore
    let pages: PageRenderer

    /// How long a signed-in session lasts without a new sign-in.
    static let sessionLifetime = Duration.seconds(12 * 60 * 60)
    /// How long the sign-in form's anonymous session (it only carries the CSRF token) lasts.
    static let formLifetime = Duration.seconds(60 * 60)

    func addPublicRoutes(to group: RouterGroup<SanaripRequestContext>) {
        group.get("/login", use: loginPage)
        group.post("/login", use: login)
    }

    func addRoutes(to group: RouterGroup<SanaripRequestContext>) {
        group.post("/logout", use: logout)
    }

    struct LoginForm: Decodable {
        var username: String
        var password: String
        var next: String?
    }

    @Sendable func loginPage(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let next = Self.safeNext(request.uri.queryParameters["next"].map(String.init))
        if context.identity != nil { return .redirect(to: next) }
        if context.sessions.session == nil {
            context.sessions.createSession(WebSession(), expiresIn: Self.formLifetime)
        }
        return pages.render("login", ["next": next], request: request, context: context)
    }

    @Sendable func login(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let form = try await request.form(LoginForm.self, context: context)
        let next = Self.safeNext(form.next)
        guard let user = try await accounts.authenticate(username: form.username, password: form.password) else {
            try await auditLog.record(
                AuditEntry(user: String(form.username.prefix(64)), action: .loginFailed, detail: Self.client(context))
            )
            let page: [String: Any] = ["next": next, "username": form.username, "error": pages.string("login.failed", context)]
            return pages.render("login", page, request: request, context: context, status: .unauthorized)
        }
        // A fresh session (new identifier and token) on every sign-in, so a planted identifier is worthless.
        context.sessions.createSession(WebSession(userID: user.id), expiresIn: Self.sessionLifetime)
        try await auditLog.record(AuditEntry(user: user.username, action: .login, objectType: "user", objectID: user.username, detail: Self.client(context)))
        return .redirect(to: next)
    }

    @Sendable func logout(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        if let user = context.identity {
            try await auditLog.record(AuditEntry(user: user.username, action: .logout, objectType: "user", objectID: user.username))
        }
        context.sessions.clearSession()
        return .redirect(to: "/login")
    }

    /// Only paths on this site: never `//host` or `https://…`, which would make the form an open redirect.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return "/" }
        return next
    }

    private static func client(_ context: SanaripRequestContext) -> [String: String] {
        guard let address = context.clientAddress else { return [:] }
        return ["address": address]
    }
}
