import Foundation
import Hummingbird
import HummingbirdTLS
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A fixture answer: status, headers and body; `streamedBytes` sends that many bytes of HTML instead, in chunks.
struct FixtureResponse: Sendable {
    var status: HTTPResponse.Status = .ok
    var headers: [(String, String)] = [("Content-Type", "text/html; charset=utf-8")]
    var body: [UInt8] = []
    var streamedBytes = 0

    static func html(_ text: String, contentType: String = "text/html; charset=utf-8") -> FixtureResponse {
        FixtureResponse(headers: [("Content-Type", contentType)], body: Array(text.utf8))
    }

    static func redirect(_ status: HTTPResponse.Status, to location: String) -> FixtureResponse {
        FixtureResponse(status: status, headers: [("Location", location)])
    }
}

/// A local website for the tests: fixed answers by path (404 otherwise, or `fallback`), on 127.0.0.1 at a port
/// the system picks. It records every request's path and User-Agent.
final class FixtureServer: Sendable {
    let pages: [String: FixtureResponse]
    let fallback: FixtureResponse?
    /// Served over TLS with this configuration when set (`https://`).
    let tls: TLSConfiguration?
    let requests = Mutex<[(path: String, userAgent: String, at: ContinuousClock.Instant)]>([])
    private let task = Mutex<Task<Void, any Error>?>(nil)

    init(pages: [String: FixtureResponse], fallback: FixtureResponse? = nil, tls: TLSConfiguration? = nil) {
        self.pages = pages
        self.fallback = fallback
        self.tls = tls
    }

    /// Starts serving; returns the base URL (`http://127.0.0.1:PORT`, or `https://` with TLS).
    func start() async throws -> String {
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        let responder = CallbackResponder<BasicRequestContext> { [self] request, _ in
            let path = request.uri.path + (request.uri.query.map { "?\($0)" } ?? "")
            requests.withLock { $0.append((path: path, userAgent: request.headers[.userAgent] ?? "", at: .now)) }
            guard let fixture = pages[path] ?? pages[request.uri.path] ?? fallback else {
                return Response(status: .notFound, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "not found")))
            }
            var headers = HTTPFields()
            for (name, value) in fixture.headers { headers[HTTPFields.Element.Name(name)!] = value }
            if fixture.streamedBytes > 0 {
                let total = fixture.streamedBytes
                return Response(status: fixture.status, headers: headers, body: ResponseBody { writer in
                    try await writer.write(ByteBuffer(string: "<html><head><title>Huge</title></head><body>"))
                    let chunk = ByteBuffer(string: String(repeating: "<p>Жаңылыктар жана кабарлар</p>\n", count: 1000))
                    var sent = 0
                    while sent < total {
                        try await writer.write(chunk)
                        sent += chunk.readableBytes
                    }
                    try await writer.finish(nil)
                })
            }
            return Response(status: fixture.status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: fixture.body)))
        }
        let app = Application(
            responder: responder,
            server: try tls.map { try .tls(.http1(), tlsConfiguration: $0) } ?? .http1(),
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "fixture"),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }
        )
        task.withLock { $0 = Task { try await app.runService(gracefulShutdownSignals: []) } }
        var iterator = stream.makeAsyncIterator()
        let port = await iterator.next() ?? 0
        return "\(tls == nil ? "http" : "https")://127.0.0.1:\(port)"
    }

    func stop() {
        task.withLock { $0?.cancel() }
    }

    var paths: [String] { requests.withLock { $0.map(\.path) } }
}

/// A port that accepts connections (the kernel completes them) but never answers: a hanging server.
final class SilentPort: Sendable {
    let descriptor: Int32
    let port: Int

    init() throws {
        (descriptor, port) = try Self.bind(listen: true)
    }

    deinit { close(descriptor) }

    /// A port nothing listens on (bound, then closed).
    static func deadPort() throws -> Int {
        let (descriptor, port) = try bind(listen: false)
        close(descriptor)
        return port
    }

    private static func bind(listen shouldListen: Bool) throws -> (Int32, Int) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw POSIXError(.EADDRINUSE) }
        if shouldListen { Glibc.listen(descriptor, 16) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }
}
