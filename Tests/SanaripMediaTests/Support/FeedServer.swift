import Foundation
import Hummingbird
import Synchronization

/// Fixture feeds on 127.0.0.1 (a port the system picks): fixed bodies and content types by path, 404 otherwise;
/// every request's path and User-Agent recorded.
final class FeedServer: Sendable {
    struct Page: Sendable {
        var contentType: String
        var body: [UInt8]
    }

    let pages: [String: Page]
    let seen = Mutex<[(path: String, agent: String)]>([])
    private let service = Mutex<Task<Void, any Error>?>(nil)

    init(pages: [String: Page]) {
        self.pages = pages
    }

    /// Serves until ``stop()``; returns `http://127.0.0.1:PORT`.
    func start() async throws -> String {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let responder = CallbackResponder<BasicRequestContext> { [self] request, _ in
            seen.withLock { $0.append((request.uri.path, request.headers[.userAgent] ?? "")) }
            guard let page = pages[request.uri.path] else {
                return Response(status: .notFound, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "no such page")))
            }
            return Response(status: .ok, headers: [.contentType: page.contentType], body: .init(byteBuffer: ByteBuffer(bytes: page.body)))
        }
        let app = Application(responder: responder, configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "feeds"),
                              onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) })
        service.withLock { $0 = Task { try await app.runService(gracefulShutdownSignals: []) } }
        var iterator = ports.makeAsyncIterator()
        return "http://127.0.0.1:\(await iterator.next() ?? 0)"
    }

    func stop() {
        service.withLock { $0?.cancel() }
    }
}
