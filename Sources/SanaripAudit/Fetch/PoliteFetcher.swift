import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import Synchronization

/// Fetches pages politely: `robots.txt` obeyed for every URL and redirect hop, one request per host at a time
/// with a delay between them, an identifying User-Agent, timeouts and a size cap; redirects followed by hand and
/// recorded. Never throws: a dead, slow or broken site comes back as a ``FetchedPage`` with its failure.
public final class PoliteFetcher: Sendable {
    private struct State {
        var robots: [String: RobotsTxt] = [:]
        var robotsStatus: [String: Int] = [:]
        /// Origins whose robots.txt could not be fetched at all (refused, timed out): not asked again this round.
        var unreachable: [String: (FetchedPage.Failure, String)] = [:]
        var nextSlot: [String: ContinuousClock.Instant] = [:]
    }

    public let settings: CrawlSettings
    private let client: HTTPClient
    private let state = Mutex(State())

    public init(settings: CrawlSettings) {
        self.settings = settings
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .milliseconds(Int64(settings.connectTimeout * 1000)),
                           read: .milliseconds(Int64(settings.readTimeout * 1000)))
        )
        if !settings.testTrustRootsPEM.isEmpty {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.additionalTrustRoots = [.certificates(settings.testTrustRootsPEM.flatMap {
                (try? NIOSSLCertificate.fromPEMBytes(Array($0.utf8))) ?? []
            })]
            configuration.tlsConfiguration = tls
        }
        configuration.decompression = .enabled(limit: .ratio(50))
        configuration.connectionPool = .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, settings.connectionsPerHost))
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Closes the connections. Call once, when the round is over.
    public func shutdown() async {
        try? await client.shutdown()
    }

    /// The page at `url`, following at most `settings.maxRedirects` redirects.
    public func fetch(_ url: String) async -> FetchedPage {
        var page = FetchedPage(url: url)
        let started = ContinuousClock.now
        var current = url
        while true {
            guard let parsed = URL(string: current), let scheme = parsed.scheme?.lowercased(), scheme == "http" || scheme == "https",
                  parsed.host != nil else {
                page.failure = .invalidURL
                page.failureDetail = current
                break
            }
            let robots = await robots(for: parsed)
            if let (failure, detail) = state.withLock({ $0.unreachable[Self.origin(parsed)] }) {
                page.failure = failure
                page.failureDetail = "\(detail) (on robots.txt)"
                break
            }
            if !robots.allows(Self.pathAndQuery(parsed)) {
                let robotsStatus = robotsStatus(for: parsed) ?? 0
                page.failure = robotsStatus >= 500 ? .robotsUnavailable : .disallowedByRobots
                page.failureDetail = current
                page.status = robotsStatus >= 500 ? robotsStatus : 0
                break
            }
            await waitForSlot(host: Self.hostKey(parsed))
            let answer = await request(current, bodyLimit: settings.maxPageBytes)
            page.finalURL = current
            page.status = answer.status
            page.headers = answer.headers
            page.body = answer.body
            page.bytes = answer.bytes
            page.truncated = answer.truncated
            page.failure = answer.failure
            page.failureDetail = answer.detail
            if answer.failure == nil, (300..<400).contains(answer.status), answer.status != 304,
               let location = page.header("location"), let next = URL(string: location, relativeTo: parsed)?.absoluteURL {
                page.redirects.append(.init(from: current, status: answer.status, to: next.absoluteString))
                if page.redirects.count > settings.maxRedirects {
                    page.failure = .tooManyRedirects
                    break
                }
                current = next.absoluteString
                continue
            }
            break
        }
        page.seconds = Double((ContinuousClock.now - started) / .milliseconds(1)) / 1000
        page.fetchedAt = Date()
        return page
    }

    /// The rules of the site of `url` for this crawler, fetched once per origin.
    public func robots(for url: URL) async -> RobotsTxt {
        let origin = Self.origin(url)
        if let known = state.withLock({ $0.robots[origin] }) { return known }
        var rules = RobotsTxt.allowAll
        var location = origin + "/robots.txt"
        var status = 0
        for _ in 0...settings.maxRedirects {
            guard let target = URL(string: location) else { break }
            await waitForSlot(host: Self.hostKey(target))
            let answer = await request(location, bodyLimit: 500_000)
            status = answer.status
            if let failure = answer.failure, answer.status == 0 {
                state.withLock { $0.unreachable[origin] = (failure, answer.detail ?? "") }
                break
            }
            if (300..<400).contains(answer.status), let next = answer.headers.first(where: { $0.first == "location" })?.last,
               let resolved = URL(string: next, relativeTo: target)?.absoluteURL {
                location = resolved.absoluteString
                continue
            }
            if (200..<300).contains(answer.status) {
                rules = RobotsTxt(parsing: String(decoding: answer.body, as: UTF8.self), userAgent: settings.robotsAgent)
            } else if answer.status >= 500 {
                rules = .disallowAll
            }
            break
        }
        state.withLock {
            $0.robots[origin] = rules
            $0.robotsStatus[origin] = status
        }
        return rules
    }

    /// The status `robots.txt` was answered with (0: no answer).
    public func robotsStatus(for url: URL) -> Int? {
        state.withLock { $0.robotsStatus[Self.origin(url)] }
    }

    /// Waits until this host may be asked again, and books the next slot.
    private func waitForSlot(host: String) async {
        guard settings.hostDelay > 0 else { return }
        let delay = Duration.milliseconds(Int64(settings.hostDelay * 1000))
        let now = ContinuousClock.now
        let slot = state.withLock { state -> ContinuousClock.Instant in
            let slot = max(now, state.nextSlot[host] ?? now)
            state.nextSlot[host] = slot + delay
            return slot
        }
        if slot > now { try? await Task.sleep(until: slot, clock: .continuous) }
    }

    private struct Answer {
        var status = 0
        var headers: [[String]] = []
        var body = Data()
        var bytes = 0
        var truncated = false
        var failure: FetchedPage.Failure?
        var detail: String?
    }

    private func request(_ url: String, bodyLimit: Int) async -> Answer {
        var answer = Answer()
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "User-Agent", value: settings.userAgent)
        request.headers.add(name: "Accept", value: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
        request.headers.add(name: "Accept-Language", value: "ky,ru;q=0.9,en;q=0.5")
        do {
            let response = try await client.execute(request, timeout: .milliseconds(Int64(settings.requestTimeout * 1000)))
            answer.status = Int(response.status.code)
            answer.headers = response.headers.map { [$0.name.lowercased(), $0.value] }
            var body = Data()
            for try await chunk in response.body {
                answer.bytes += chunk.readableBytes
                let room = bodyLimit - body.count
                if chunk.readableBytes > room {
                    body.append(contentsOf: chunk.readableBytesView.prefix(max(0, room)))
                    answer.truncated = true
                    break
                }
                body.append(contentsOf: chunk.readableBytesView)
            }
            answer.body = body
        } catch {
            let text = String(describing: error)
            let lower = text.lowercased()
            if error is NIOSSLError || error is NIOSSLExtraError || lower.contains("certificate") {
                answer.failure = .invalidCertificate
            } else {
                answer.failure = lower.contains("timeout") || lower.contains("deadline") || lower.contains("timedout") ? .timedOut : .connectionFailed
            }
            answer.detail = text
            if answer.status != 0, answer.failure == .connectionFailed, !answer.body.isEmpty { answer.failure = nil }
        }
        return answer
    }

    static func origin(_ url: URL) -> String {
        let scheme = url.scheme?.lowercased() ?? "http"
        let port = url.port.map { ":\($0)" } ?? ""
        return "\(scheme)://\(url.host?.lowercased() ?? "")\(port)"
    }

    static func hostKey(_ url: URL) -> String {
        "\(url.host?.lowercased() ?? ""):\(url.port ?? 0)"
    }

    static func pathAndQuery(_ url: URL) -> String {
        var path = url.path(percentEncoded: true)
        if path.isEmpty { path = "/" }
        if let query = url.query(percentEncoded: true) { path += "?" + query }
        return path
    }
}
