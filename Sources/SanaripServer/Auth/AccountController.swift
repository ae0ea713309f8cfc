import Hummingbird
import SanaripStorage

/// The signed-in user's own account: changing their password, which ends their other sessions.
struct AccountController: Sendable {
    let accounts: Accounts
    let pages: PageRenderer

    static let passwordPath = "/account/password"

    func addRoutes(to router: Router<SanaripRequestContext>) {
        router.get("/account/password", use: passwordPage)
        router.post("/account/password", use: changePassword)
    }

    struct PasswordForm: Decodable {
        var current: String
        var password: String
        var repeated: String
    }

    @Sendable func passwordPage(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        try render(request: request, context: context)
    }

    @Sendable func changePassword(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let user = try context.requireIdentity()
        let form = try await request.form(PasswordForm.self, context: context)
        guard try await accounts.confirms(user, password: form.current) else {
            return try render(request: request, context: context, error: "account.error.current", status: .forbidden)
        }
        guard form.password == form.repeated else {
            return try render(request: request, context: context, error: "account.error.repeat", status: .badRequest)
        }
        guard form.password != form.current else {
            return try render(request: request, context: context, error: "account.error.same", status: .badRequest)
        }
        do {
            // Every session of the user ends, this one too; a new one replaces it below.
            try await accounts.setPassword(form.password, for: user.username, by: user.username)
        } catch is AccountError {
            return try render(request: request, context: context, error: "users.error.password", status: .badRequest)
        }
        context.sessions.createSession(WebSession(userID: user.id), expiresIn: AuthController.sessionLifetime)
        return .redirect(to: "/")
    }

    private func render(
        request: Request,
        context: SanaripRequestContext,
        error: String? = nil,
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        var page: [String: Any] = ["required": context.identity?.mustChangePassword == true]
        if let error { page["error"] = pages.string(error, context) }
        return try pages.render("password", page, request: request, context: context, status: status)
    }
}

extension SanaripRequestContext {
    /// The signed-in user; the access guard lets only signed-in users reach routes that ask.
    func requireIdentity() throws -> User {
        guard let user = identity else { throw HTTPError(.unauthorized) }
        return user
    }
}
