import Foundation
import HTTPTypes
import Hummingbird
import SanaripCore
import SanaripStorage

/// HTTP authentication for the OpenRosa routes at the server root, as ODK Collect answers it: Digest (RFC 7616,
/// MD5, `qop=auth`) over plain HTTP, Basic over HTTPS. A valid answer from a role that may collect data
/// (``Permission/collectData``) sets the request's user; a role without it gets 403; every password or Digest
/// answer goes through ``SignInThrottle/attempt(username:proof:address:accounts:auditLog:detail:)``, so failures
/// are throttled and audited like web sign-ins; anything else gets 401 with an OpenRosa message and both
/// challenges (a fresh nonce, `stale=true` when the client's nonce had expired).
struct OpenRosaAuthenticator: RouterMiddleware {
    typealias Context = SanaripRequestContext

    let accounts: Accounts
    /// The sign-in throttle the web sign-in uses too, so guesses count alike whichever door they knock on.
    let throttle: SignInThrottle
    let nonces: DigestNonces
    let auditLog: any AuditLogStore
    /// Announced as `X-OpenRosa-Accept-Content-Length` on the challenge.
    let sizeLimit: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let header = request.headers[.authorization]
        var stale = false
        let attempt: (username: String, proof: SignInThrottle.Proof)?
        if let digest = DigestCredentials(header: header) {
            switch await nonces.check(nonce: digest.nonce, nc: digest.nc) {
            case .fresh where digest.realm == OpenRosaResponse.realm && digest.uri == request.uri.description:
                attempt = (digest.username, .digest(digest, method: request.method.rawValue))
            case .fresh, .replayed:
                attempt = nil
            case .stale:
                (attempt, stale) = (nil, true)
            }
        } else if let (username, password) = Self.credentials(header) {
            attempt = (username, .password(password))
        } else {
            attempt = nil
        }
        if let attempt {
            var detail = AuthController.client(context)
            detail["via"] = "openrosa"
            let outcome = try await throttle.attempt(
                username: attempt.username, proof: attempt.proof, address: context.clientAddress, accounts: accounts, auditLog: auditLog,
                detail: detail
            )
            switch outcome {
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
        let challenges = [OpenRosaResponse.digestChallenge(nonce: nonces.issue(), stale: stale), OpenRosaResponse.basicChallenge]
        return OpenRosaResponse.problem(problem, acceptContentLength: sizeLimit, challenges: challenges)
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
