import HTTPTypes
import Hummingbird

/// Adds the headers every response needs: a script-free Content Security Policy, no framing, no MIME sniffing,
/// no referrer to other sites, no cross-origin use, no device features.
///
/// A route that needs another policy (such as the interviewer manual with its own inline styles) sets
/// `Content-Security-Policy` itself and keeps it.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var pagePolicy: String {
        "default-src 'self'; script-src 'none'; object-src 'none'; style-src 'self'; img-src 'self' data:; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        let defaults: [(HTTPField.Name, String)] = [
            (.contentSecurityPolicy, Self.pagePolicy),
            (.xContentTypeOptions, "nosniff"),
            (.xFrameOptions, "DENY"),
            (.referrerPolicy, "same-origin"),
            (.crossOriginOpenerPolicy, "same-origin"),
            (.crossOriginResourcePolicy, "same-origin"),
            (.permissionsPolicy, "camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
        ]
        for (name, value) in defaults where response.headers[name] == nil {
            response.headers[name] = value
        }
        return response
    }
}

extension HTTPField.Name {
    static let xFrameOptions = Self("X-Frame-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
    static let crossOriginOpenerPolicy = Self("Cross-Origin-Opener-Policy")!
    static let crossOriginResourcePolicy = Self("Cross-Origin-Resource-Policy")!
    static let permissionsPolicy = Self("Permissions-Policy")!
    static let retryAfter = Self("Retry-After")!
}
