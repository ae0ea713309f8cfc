import Hummingbird

/// Refuses form posts whose `_csrf` field does not match the token stored in the session, or, before anyone
/// signs in, the token signed for the browser's form cookie (``FormTokenSigner``).
///
/// The body is collected here (forms are small) and handed on, so handlers can still decode it.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = SanaripRequestContext

    let formTokens: FormTokenSigner

    static let fieldName = "_csrf"
    static let maximumFormSize = 64 * 1024

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // Only cookie-borne requests can be forged; OpenRosa requests carry their credentials themselves.
        guard [.post, .put, .patch, .delete].contains(request.method), RouteRule.rule(of: request, context: context)?.usesSession ?? true else {
            return try await next(request, context)
        }
        var request = request
        let form: [String: String]?
        if UploadForm.isUpload(request) {
            _ = try await request.collectBody(upTo: UploadForm.maximumSize)
            form = (try await UploadForm.read(request))[Self.fieldName].map { [Self.fieldName: $0] }
        } else {
            let body = try await request.collectBody(upTo: Self.maximumFormSize)
            form = try? URLEncodedFormDecoder().decode([String: String].self, from: String(buffer: body))
        }
        let expected = context.sessions.session?.csrfToken ?? FormTokenSigner.nonce(in: request).map(formTokens.token(for:))
        guard let expected,
            let sent = form?[Self.fieldName],
            Self.constantTimeEqual(sent, expected)
        else {
            context.logger.notice("form refused: missing or wrong CSRF token", metadata: ["path": .string(request.uri.path)])
            throw HTTPError(.forbidden)
        }
        return try await next(request, context)
    }

    static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let lhs = Array(lhs.utf8), rhs = Array(rhs.utf8)
        guard lhs.count == rhs.count else { return false }
        return zip(lhs, rhs).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

extension Request {
    /// The URL-encoded form in the body, which ``CSRFMiddleware`` has already collected.
    func form<Form: Decodable>(_ type: Form.Type, context: SanaripRequestContext) async throws -> Form {
        var request = self
        let body = try await request.collectBody(upTo: CSRFMiddleware.maximumFormSize)
        do {
            return try URLEncodedFormDecoder().decode(type, from: String(buffer: body))
        } catch {
            throw HTTPError(.badRequest)
        }
    }
}
