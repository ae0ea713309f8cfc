import Foundation
import HTTPTypes
import Hummingbird

/// Finds out where a request really came from when the workbench runs behind a TLS proxy.
///
/// Only when the peer is one of the configured trusted proxies does it believe `X-Forwarded-For` (the client
/// address in the audit log: the right-most address that is not itself a trusted proxy) and
/// `X-Forwarded-Proto: https` (the browser used TLS). Over TLS every cookie gets `Secure` and the response
/// gets `Strict-Transport-Security`. From any other peer these headers are ignored, so they cannot be forged.
struct ClientOriginMiddleware: RouterMiddleware {
    typealias Context = SanaripRequestContext

    let trustedProxies: Set<String>
    /// Always mark cookies `Secure` (`--secure-cookies`), for a TLS proxy whose address is not configured.
    let alwaysSecure: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let peer = context.clientAddress, trustedProxies.contains(peer) {
            context.clientAddress = Self.forwardedClient(request.headers[values: .xForwardedFor], trusted: trustedProxies) ?? peer
            context.overTLS = request.headers[.xForwardedProto].map { $0.lowercased() == "https" } ?? false
        }
        var response = try await next(request, context)
        if context.overTLS || alwaysSecure {
            Self.secureCookies(&response)
        }
        if context.overTLS {
            response.headers[.strictTransportSecurity] = "max-age=31536000"
        }
        return response
    }

    /// The right-most forwarded address that is not a trusted proxy: the one the nearest untrusted hop gave.
    static func forwardedClient(_ values: [String], trusted: Set<String>) -> String? {
        let hops = values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return hops.last { !trusted.contains($0) } ?? hops.first
    }

    /// Adds `Secure` to every `Set-Cookie` that lacks it.
    static func secureCookies(_ response: inout Response) {
        let cookies = response.headers[values: .setCookie]
        guard !cookies.isEmpty else { return }
        response.headers[.setCookie] = nil
        for cookie in cookies {
            let secure = cookie.split(separator: ";").contains { $0.trimmingCharacters(in: .whitespaces).lowercased() == "secure" }
            response.headers.append(HTTPField(name: .setCookie, value: secure ? cookie : cookie + "; Secure"))
        }
    }
}

extension HTTPField.Name {
    static let xForwardedFor = Self("X-Forwarded-For")!
    static let xForwardedProto = Self("X-Forwarded-Proto")!
    static let strictTransportSecurity = Self("Strict-Transport-Security")!
}
