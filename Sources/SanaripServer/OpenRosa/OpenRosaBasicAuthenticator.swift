import Foundation
import HTTPTypes
import Hummingbird
import SanaripCore
import SanaripStorage

/// HTTP Basic authentication for the OpenRosa routes at the server root, as ODK Collect sends it over HTTPS:
/// a valid user name and password of a role that may collect data (``Permission/collectData``) set the request's
/// user; a role without it gets 403; failures are throttled and audited like web sign-ins; anything else gets 401 with an OpenRosa message
/// and a `WWW-Authenticate: Basic` challenge.
struct OpenRosaBasicAuthenticator: RouterMiddleware {
    typealias Context = SanaripRequestContext

    let accounts: Accounts
    /// The sign-in throttle the web sign-in uses too, so guesses count alike whichever door they knock on.
    let throttle: SignInThrottle
    let auditLog: any AuditLogStore
    /// Announced as `X-OpenRosa-Accept-Content-Length` on the challenge.
    let sizeLimit: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let (username, password) = Self.credentials(request.headers[.authorization]) {
            var detail = AuthController.client(context)
            detail["via"] = "openrosa"
            let attempt = try await throttle.attempt(
                username: username, password: password, address: context.clientAddress, accounts: accounts, auditLog: auditLog, detail: detail
            )
            switch attempt {
            case .throttled(let wait):
                return Self.throttled(wait: wait, sizeLimit: sizeLimit)
            case .accepted(let user):
                guard AccessPolicy.standard.grants(user.role, .collectData), !user.mustChangePassword else {
                    let problem = OpenRosaProblem(.forbidden, "This account may not send data. Ask a coordinator for an interviewer account.")
                    return OpenRosaResponse.problem(problem, acceptContentLength: sizeLimit)
                }
                var context = context
                context.identity = user
                return try await next(request, context)
            case .refused:
                break
            }
        }
        let problem = OpenRosaProblem(.unauthorized, "Sign in with your user name and password (Settings → Project → Server in ODK Collect).")
        return OpenRosaResponse.problem(problem, acceptContentLength: sizeLimit)
    }

    /// 429 with `Retry-After`, without checking the password.
    static func throttled(wait: TimeInterval, sizeLimit: Int) -> Response {
        let seconds = Int(wait.rounded(.up))
        let problem = OpenRosaProblem(.tooManyRequests, "Too many failed sign-ins: try again in \(seconds) seconds.")
        var response = OpenRosaResponse.problem(problem, acceptContentLength: sizeLimit)
        response.headers[.retryAfter] = String(seconds)
        return response
    }

    /// The user name and password of an `Authorization: Basic …` header.
    static func credentials(_ header: String?) -> (String, String)? {
        guard let header, header.count <= 1024, header.lowercased().hasPrefix("basic "),
            let decoded = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let text = String(data: decoded, encoding: .utf8), let colon = text.firstIndex(of: ":")
        else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }
}
