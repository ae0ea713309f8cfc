import Hummingbird
import SanaripStorage

/// The users page: admins see every account and add new ones; other roles get 403.
struct UserController: Sendable {
    let accounts: Accounts
    let users: any UserStore
    let pages: PageRenderer

    func addRoutes(to group: RouterGroup<SanaripRequestContext>) {
        group.get("/users", use: list)
        group.post("/users", use: create)
    }

    struct NewUserForm: Decodable {
        var username: String
        var password: String
        var role: String
    }

    @Sendable func list(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        try requireAdmin(context)
        return try await render(request: request, context: context)
    }

    @Sendable func create(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let admin = try requireAdmin(context)
        let form = try await request.form(NewUserForm.self, context: context)
        guard let role = UserRole(rawValue: form.role) else { throw HTTPError(.badRequest) }
        do {
            try await accounts.create(username: form.username, password: form.password, role: role, by: admin.username)
        } catch let error as AccountError {
            let key = switch error {
            case .invalidUsername: "users.error.username"
            case .weakPassword: "users.error.password"
            }
            return try await render(request: request, context: context, error: pages.string(key, context), status: .badRequest)
        } catch StorageError.conflict {
            return try await render(request: request, context: context, error: pages.string("users.error.taken", context), status: .conflict)
        }
        return .redirect(to: "/users")
    }

    @discardableResult
    private func requireAdmin(_ context: SanaripRequestContext) throws -> User {
        guard let user = context.identity, user.role.canManageUsers else { throw HTTPError(.forbidden) }
        return user
    }

    private func render(
        request: Request,
        context: SanaripRequestContext,
        error: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let language = context.language
        var page: [String: Any] = [
            "users": try await users.users().map { user in
                [
                    "username": user.username,
                    "role": pages.string("role.\(user.role.rawValue)", context),
                    "createdAt": language.format(user.createdAt),
                    "disabled": user.disabled,
                ] as [String: Any]
            },
            "roles": UserRole.allCases.map { ["value": $0.rawValue, "name": pages.string("role.\($0.rawValue)", context)] },
        ]
        if let error { page["error"] = error }
        return pages.render("users", page, request: request, context: context, status: status)
    }
}
