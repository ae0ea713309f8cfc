import Foundation
import Hummingbird
import SanaripStorage

/// Signing in and out. Sign-ins, failed and throttled ones included, go to the audit log with the client's address.
struct AuthController: Sendable {
    let accounts: Accounts
    let auditLog: any AuditLogStore
    let throttle: SignInThrottle
    let formTokens: FormTokenSigner
    let pages: PageRenderer

    /// How long a signed-in session lasts without a new sign-in.
    static let sessionLifetime = Duration.seconds(12 * 60 * 60)
    /// How long the sign-in form's token cookie lasts, in seconds.
    static let formLifetime = 60 * 60

    func addRoutes(to router: Router<SanaripRequestContext>) {
        router.get("/login", use: loginPage)
        router.post("/login", use: login)
        router.post("/logout", use: logout)
    }

    struct LoginForm: Decodable {
        var username: String
        var password: String
        var next: String?
    }

    /// The sign-in form. Its CSRF token comes from a signed cookie, so showing it writes nothing to the database.
    @Sendable func loginPage(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let next = LocalRedirect.path(request.uri.queryParameters["next"].map(String.init))
        if context.identity != nil { return .redirect(to: next) }
        return try form(request: request, context: context, page: ["next": next])
    }

    @Sendable func login(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let form = try await request.form(LoginForm.self, context: context)
        let next = LocalRedirect.path(form.next)
        let username = String(form.username.prefix(64))
        let attempt = try await throttle.attempt(
            username: form.username, proof: .password(form.password), address: context.clientAddress, accounts: accounts, auditLog: auditLog,
            detail: Self.client(context)
        )
        let user: User
        switch attempt {
        case .throttled(let wait):
            context.logger.notice("sign-in refused while throttled", metadata: ["user": .string(username)])
            return try throttled(wait: wait, username: username, next: next, request: request, context: context)
        case .refused:
            let page: [String: Any] = ["next": next, "username": form.username, "error": pages.string("login.failed", context)]
            return try self.form(request: request, context: context, page: page, status: .unauthorized)
        case .accepted(let accepted):
            user = accepted
        }
        // A fresh session (new identifier and token) on every sign-in, so a planted identifier is worthless.
        context.sessions.createSession(WebSession(userID: user.id), expiresIn: Self.sessionLifetime)
        try await auditLog.record(AuditEntry(user: user.username, action: .login, objectType: "user", objectID: user.username, detail: Self.client(context)))
        return .redirect(to: user.mustChangePassword ? AccountController.passwordPath : next)
    }

    @Sendable func logout(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        if let user = context.identity {
            try await auditLog.record(AuditEntry(user: user.username, action: .logout, objectType: "user", objectID: user.username, detail: Self.client(context)))
        }
        context.sessions.clearSession()
        return .redirect(to: "/login")
    }

    /// 429 with `Retry-After`, without checking the password.
    private func throttled(wait: TimeInterval, username: String, next: String, request: Request, context: SanaripRequestContext) throws -> Response {
        let seconds = Int(wait.rounded(.up))
        let message = pages.string("login.throttled", context).replacingOccurrences(of: "%d", with: context.language.format(seconds))
        var response = try form(request: request, context: context, page: ["next": next, "username": username, "error": message], status: .tooManyRequests)
        response.headers[.retryAfter] = String(seconds)
        return response
    }

    /// The sign-in page, with the form token of the request's nonce cookie (a new cookie when it has none).
    private func form(
        request: Request,
        context: SanaripRequestContext,
        page: [String: Any],
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let existing = FormTokenSigner.nonce(in: request)
        let nonce = existing ?? WebSession.makeToken()
        var page = page
        page["csrf"] = formTokens.token(for: nonce)
        var response = try pages.render("login", page, request: request, context: context, status: status)
        if existing == nil {
            response.setCookie(FormTokenSigner.cookie(nonce: nonce, lifetime: Self.formLifetime))
        }
        return response
    }

    /// The client's address for the audit log.
    static func client(_ context: SanaripRequestContext) -> [String: String] {
        guard let address = context.clientAddress else { return [:] }
        return ["address": address]
    }
}
