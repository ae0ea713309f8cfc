import Foundation
import Hummingbird
import Logging
import SanaripCore
import SanaripStorage

/// The one authorisation check of every route: finds the route's ``RouteRule`` and asks ``AccessPolicy``.
///
/// - Public routes pass, and so do routes whose callers authenticate per request (``RouteRule/Authentication``):
///   their own authenticator checks the permission.
/// - Visitors who are not signed in go to the sign-in page, remembering where they were going.
/// - A user whose password must change may only change it (or sign out) until they do.
/// - A role without the permission, or a user outside the object's study, gets 403.
/// - A route without a rule gets 403 and an error in the log: access fails closed.
struct AccessGuardMiddleware: RouterMiddleware {
    typealias Context = SanaripRequestContext

    static let policy = AccessPolicy.standard

    let stores: Stores

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // Unmatched paths (404) and files carry no route.
        guard let path = context.endpointPath, path != "NotFound", path != "FileMiddleware" else {
            return try await next(request, context)
        }
        guard let rule = RouteRule.rule(method: request.method.rawValue, path: path) else {
            context.logger.error("route without an access rule refused", metadata: ["route": .string("\(request.method) \(path)")])
            throw HTTPError(.forbidden)
        }
        guard rule.usesSession, let permission = rule.permission else { return try await next(request, context) }
        guard let user = context.identity, let userID = user.id else { return Self.redirectToSignIn(request) }
        if user.mustChangePassword, permission != .ownAccount {
            return .redirect(to: AccountController.passwordPath, type: .normal)
        }
        var context = context
        context.memberships = try await stores.users.memberships(userID: userID)
        let study = try await rule.study?.study(of: context, in: stores)
        guard Self.policy.allows(user.role, permission, inStudy: study, memberOf: context.memberships) else {
            context.logger.notice(
                "access refused",
                metadata: ["user": .string(user.username), "role": .string(user.role.rawValue), "permission": .string(permission.rawValue)]
            )
            throw HTTPError(.forbidden)
        }
        return try await next(request, context)
    }

    /// `303 /login?next=…` back to where the visitor was going.
    static func redirectToSignIn(_ request: Request) -> Response {
        let target = request.uri.path + (request.uri.query.map { "?\($0)" } ?? "")
        let encoded = target.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(.init(charactersIn: "&=?+"))) ?? "/"
        return .redirect(to: "/login?next=\(encoded)", type: .normal)
    }
}
