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
    ) throws -> Response {
        let language = context.language
        // The language switch keeps the page's query (the workspace's chosen indicator, a list's filters).
        let kept = (request.uri.query ?? "").split(separator: "&").filter { !$0.isEmpty && !$0.hasPrefix("lang=") }.map(String.init)
        var data: [String: Any] = [
            "t": localizer.templateStrings(for: language),
            "lang": language.rawValue,
            "languages": InterfaceLanguage.allCases.map { option in
                [
                    "code": option.rawValue,
                    "name": option.nativeName,
                    "href": "\(request.uri.path)?" + (kept + ["lang=\(option.rawValue)"]).joined(separator: "&"),
                    "current": option == language,
                ] as [String: Any]
            },
        ]
        if let user = context.identity {
            data["user"] = [
                "username": user.username,
                "role": localizer.string("role.\(user.role.rawValue)", in: language),
                "isAdmin": AccessGuardMiddleware.policy.grants(user.role, .manageUsers),
                "mayReview": AccessGuardMiddleware.policy.grants(user.role, .reviewSubmissions),
                "mayEnter": AccessGuardMiddleware.policy.grants(user.role, .collectData),
            ] as [String: Any]
        }
        if let token = context.sessions.session?.csrfToken {
            data["csrf"] = token
        }
        data.merge(page) { _, new in new }
        let html = try html(template, data)
        return Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: html))
        )
    }

    /// `template` rendered with `data`; a missing template is an error, never an empty page.
    func html(_ template: String, _ data: [String: Any]) throws -> String {
        guard let html = library.render(data, withTemplate: template) else { throw PageError.missingTemplate(template) }
        return html
    }

    /// The string for `key` in the request's language.
    func string(_ key: String, _ context: SanaripRequestContext) -> String {
        localizer.string(key, in: context.language)
    }
}

/// A page that cannot be rendered: a programming or packaging error, shown as a 500 and logged.
enum PageError: Error, Equatable, CustomStringConvertible {
    case missingTemplate(String)

    var description: String {
        switch self {
        case .missingTemplate(let name): "the template \(name).mustache is missing from the server's resources"
        }
    }
}
