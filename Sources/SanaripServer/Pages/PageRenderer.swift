import Foundation
import Hummingbird
import Mustache

/// Renders Mustache pages inside the shared layout, in the request's language.
///
/// Every page gets `t` (the interface strings, `{{t.nav.home}}`), `lang`, the language switch,
/// the signed-in user and the session's CSRF token; page data is merged on top.
struct PageRenderer: Sendable {
    let library: MustacheLibrary
    let localizer: Localizer

    /// Loads the templates and strings shipped in the server's resources.
    static func bundled() async throws -> PageRenderer {
        guard let templates = Bundle.module.url(forResource: "templates", withExtension: nil) else {
            throw LocalizerError(message: "templates folder missing from the server's resources")
        }
        return PageRenderer(
            library: try await MustacheLibrary(directory: templates.path),
            localizer: try Localizer(bundle: .module)
        )
    }

    func render(
        _ template: String,
        _ page: [String: Any] = [:],
        request: Request,
        context: SanaripRequestContext,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let language = context.language
        var data: [String: Any] = [
            "t": localizer.templateStrings(for: language),
            "lang": language.rawValue,
            "languages": InterfaceLanguage.allCases.map { option in
                [
                    "code": option.rawValue,
                    "name": option.nativeName,
                    "href": "\(request.uri.path)?lang=\(option.rawValue)",
                    "current": option == language,
                ] as [String: Any]
            },
        ]
        if let user = context.identity {
            data["user"] = [
                "username": user.username,
                "role": localizer.string("role.\(user.role.rawValue)", in: language),
                "isAdmin": user.role.canManageUsers,
            ] as [String: Any]
        }
        if let token = context.sessions.session?.csrfToken {
            data["csrf"] = token
        }
        data.merge(page) { _, new in new }
        let html = library.render(data, withTemplate: template) ?? ""
        return Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: html))
        )
    }

    /// The string for `key` in the request's language.
    func string(_ key: String, _ context: SanaripRequestContext) -> String {
        localizer.string(key, in: context.language)
    }
}
