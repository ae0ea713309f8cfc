import Hummingbird
import Logging

/// Turns every error into a localized HTML page with the right status and no internals:
/// unexpected errors are logged and shown as a plain 500.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = SanaripRequestContext

    let pages: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError {
            return page(for: error.status, request: request, context: context)
        } catch {
            context.logger.error("request failed", metadata: ["path": .string(request.uri.path), "error": .string("\(error)")])
            return page(for: .internalServerError, request: request, context: context)
        }
    }

    private func page(for status: HTTPResponse.Status, request: Request, context: Context) -> Response {
        let known: Set<Int> = [400, 403, 404, 405, 413, 500]
        let key = known.contains(status.code) ? "error.\(status.code)" : (status.code >= 500 ? "error.500" : "error.400")
        return pages.render(
            "error",
            ["status": status.code, "heading": pages.string("\(key).title", context), "message": pages.string("\(key).message", context)],
            request: request,
            context: context,
            status: status
        )
    }
}
