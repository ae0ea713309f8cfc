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

    /// The error page, or plain text when even that cannot be rendered.
    private func page(for status: HTTPResponse.Status, request: Request, context: Context) -> Response {
        do {
            return try renderedPage(for: status, request: request, context: context)
        } catch {
            context.logger.error("error page failed", metadata: ["error": .string("\(error)")])
            return Response(
                status: status,
                headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: "\(status.code) \(status.reasonPhrase)\n"))
            )
        }
    }

    private func renderedPage(for status: HTTPResponse.Status, request: Request, context: Context) throws -> Response {
        let known: Set<Int> = [400, 403, 404, 405, 413, 429, 500]
        let key = known.contains(status.code) ? "error.\(status.code)" : (status.code >= 500 ? "error.500" : "error.400")
        return try pages.render(
            "error",
            ["status": status.code, "heading": pages.string("\(key).title", context), "message": pages.string("\(key).message", context)],
            request: request,
            context: context,
            status: status
        )
    }
}
