import Foundation
import Hummingbird

/// Sends visitors who are not signed in to the sign-in page, remembering where they were going.
struct RequireSignInMiddleware: RouterMiddleware {
    typealias Context = SanaripRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard context.identity != nil else {
            let target = request.uri.path + (request.uri.query.map { "?\($0)" } ?? "")
            let encoded = target.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(.init(charactersIn: "&=?+"))) ?? "/"
            return .redirect(to: "/login?next=\(encoded)", type: .normal)
        }
        return try await next(request, context)
    }
}
