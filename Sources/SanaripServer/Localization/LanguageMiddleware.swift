import Hummingbird

/// Chooses the interface language: `?lang=` (remembered in a `lang` cookie), then the cookie,
/// then `Accept-Language`, then Kyrgyz.
struct LanguageMiddleware: RouterMiddleware {
    typealias Context = SanaripRequestContext

    static let cookieName = "lang"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let chosen = request.uri.queryParameters["lang"].flatMap { InterfaceLanguage(rawValue: String($0)) }
        context.language = chosen
            ?? request.cookies[Self.cookieName].flatMap { InterfaceLanguage(rawValue: $0.value) }
            ?? request.headers[.acceptLanguage].flatMap(InterfaceLanguage.preferred(byAcceptLanguage:))
            ?? .fallback
        var response = try await next(request, context)
        if let chosen {
            let cookie = Cookie(name: Self.cookieName, value: chosen.rawValue, maxAge: 60 * 60 * 24 * 365, path: "/", httpOnly: true, sameSite: .lax)
            response.setCookie(cookie)
        }
        return response
    }
}
