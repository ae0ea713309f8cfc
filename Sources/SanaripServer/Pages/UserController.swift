import Hummingbird
import SanaripCore
import SanaripStorage

/// The users page: admins see every account and add new ones, members of a study; making another admin needs
/// the acting admin's own password again. The access guard keeps other roles out.
struct UserController: Sendable {
    let accounts: Accounts
    let users: any UserStore
    let studies: any StudyStore
    let pages: PageRenderer

    func addRoutes(to router: Router<SanaripRequestContext>) {
        router.get("/users", use: list)
        router.post("/users", use: create)
    }

    struct NewUserForm: Decodable {
        var username: String
        var password: String
        var role: String
        var study: String?
        /// The acting admin's own password, needed to create an admin.
        var confirm: String?
    }

    @Sendable func list(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        try await render(request: request, context: context)
    }

    @Sendable func create(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let admin = try context.requireIdentity()
        let form = try await request.form(NewUserForm.self, context: context)
        let role = Role(rawValue: form.role)
        guard AccessGuardMiddleware.policy.mayAssign(role, by: admin.role) else { throw HTTPError(.badRequest) }
        if role == .admin {
            let confirmed = try await accounts.confirms(admin, password: form.confirm ?? "")
            guard confirmed else {
                return try await render(request: request, context: context, error: pages.string("users.error.confirm", context), status: .forbidden)
            }
        }
        let study = form.study.flatMap { $0.isEmpty ? nil : $0 }
        if let study, try await studies.study(id: study) == nil { throw HTTPError(.badRequest) }
        do {
            try await accounts.create(username: form.username, password: form.password, role: role, studies: study.map { [$0] } ?? [], by: admin.username)
        } catch let error as AccountError {
            let key = switch error {
            case .invalidUsername: "users.error.username"
            case .weakPassword: "users.error.password"
            case .unknownRole: "users.error.role"
            }
            return try await render(request: request, context: context, error: pages.string(key, context), status: .badRequest)
        } catch StorageError.conflict {
            return try await render(request: request, context: context, error: pages.string("users.error.taken", context), status: .conflict)
        }
        return .redirect(to: "/users")
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
            "roles": Role.known.map { ["value": $0.rawValue, "name": pages.string("role.\($0.rawValue)", context)] },
            "studies": try await studies.studies().map { study in
                ["id": study.id, "title": study.title.text(code: language.rawValue) ?? study.id]
            },
        ]
        if let error { page["error"] = error }
        return try pages.render("users", page, request: request, context: context, status: status)
    }
}
