import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A small W3C WebDriver client for Debian's `chromium` through `chromedriver` on loopback: starts the driver,
/// opens a headless session, and speaks WebDriver's HTTP JSON. Waits are explicit (a condition polled until a
/// deadline), never fixed sleeps.
///
/// ```swift
/// try await WebDriver.withSession { browser in
///     try await browser.open("http://127.0.0.1:\(port)/login")
///     try await browser.element("input[name=username]").type("admin")
/// }
/// ```
///
/// Tests that need it are enabled only when ``isInstalled``, with the message ``notInstalled``; `scripts/setup.sh`
/// installs both packages, so they run in CI.
final class WebDriver: @unchecked Sendable {
    static let chromium = ["/usr/bin/chromium", "/usr/lib/chromium/chromium"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let chromedriver = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"].first { FileManager.default.isExecutableFile(atPath: $0) }
    /// Whether Debian's chromium and chromium-driver are installed.
    static var isInstalled: Bool { chromium != nil && chromedriver != nil }
    static let notInstalled: Comment = "chromium and chromium-driver are not installed: run scripts/setup.sh (it installs them)"
    /// The ports this harness may give chromedriver.
    static let ports = 18_400...18_499

    /// Where screenshots go: `.build/browser-screenshots/` in the package.
    static let screenshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(".build/browser-screenshots")

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let driver: Process
    let port: Int
    let sessionID: String

    private init(driver: Process, port: Int, sessionID: String) {
        self.driver = driver
        self.port = port
        self.sessionID = sessionID
    }

    /// One browser at a time in the test process: two chromiums on a 2-core machine make timings loose.
    actor Turn {
        private var busy = false
        private var waiting: [CheckedContinuation<Void, Never>] = []

        func take() async {
            if busy {
                await withCheckedContinuation { waiting.append($0) }
            } else {
                busy = true
            }
        }

        func give() {
            if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
        }
    }

    static let turn = Turn()

    /// Starts chromedriver and a headless chromium session, runs `body`, then ends both. Sessions take turns.
    static func withSession<Value>(width: Int = 1280, height: Int = 900, _ body: (WebDriver) async throws -> Value) async throws -> Value {
        await turn.take()
        do {
            let value = try await session(width: width, height: height, body)
            await turn.give()
            return value
        } catch {
            await turn.give()
            throw error
        }
    }

    private static func session<Value>(width: Int, height: Int, _ body: (WebDriver) async throws -> Value) async throws -> Value {
        let browser = try await start(width: width, height: height)
        do {
            let value = try await body(browser)
            await browser.quit()
            return value
        } catch {
            await browser.quit()
            throw error
        }
    }

    private static func start(width: Int, height: Int) async throws -> WebDriver {
        guard let chromium, let chromedriver else { throw Failure(description: notInstalled.rawValue) }
        // Each test process starts at its own offset, then tries the next ports while one is taken.
        let first = ports.lowerBound + Int(ProcessInfo.processInfo.processIdentifier) % ports.count
        for attempt in 0..<ports.count {
            let port = ports.lowerBound + (first - ports.lowerBound + attempt) % ports.count
            let process = Process()
            process.executableURL = URL(fileURLWithPath: chromedriver)
            process.arguments = ["--port=\(port)", "--allowed-ips=127.0.0.1"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let ready = try await waitUntil(timeout: 10) {
                guard process.isRunning else { return true }
                let status = try? await request("GET", "/status", nil, port: port)
                return (status?["value"] as? [String: Any])?["ready"] as? Bool == true
            }
            guard ready, process.isRunning else {
                stop(process)
                continue
            }
            let capabilities: [String: Any] = [
                "capabilities": [
                    "alwaysMatch": [
                        "browserName": "chrome",
                        "pageLoadStrategy": "normal",
                        "goog:chromeOptions": [
                            "binary": chromium,
                            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                                     "--disable-extensions", "--window-size=\(width),\(height)", "--lang=en"],
                        ] as [String: Any],
                        "goog:loggingPrefs": ["browser": "ALL"],
                    ] as [String: Any],
                ],
            ]
            do {
                let created = try await request("POST", "/session", capabilities, port: port)
                guard let id = (created["value"] as? [String: Any])?["sessionId"] as? String else { throw Failure(description: "chromedriver gave no session: \(created)") }
                let browser = WebDriver(driver: process, port: port, sessionID: id)
                _ = try await browser.command("POST", "timeouts", ["implicit": 0, "pageLoad": 30_000, "script": 10_000])
                return browser
            } catch {
                stop(process)
                throw error
            }
        }
        throw Failure(description: "no free port for chromedriver in \(ports)")
    }

    /// Ends the session (which closes chromium) and stops this harness's own chromedriver process.
    func quit() async {
        _ = try? await Self.request("DELETE", "/session/\(sessionID)", nil, port: port)
        Self.stop(driver)
    }

    /// Kills the chromedriver process this harness started (by its id; it does not always heed SIGTERM).
    static func stop(_ process: Process) {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    // MARK: Commands

    /// Loads `url` and returns when the page has loaded.
    func open(_ url: String) async throws {
        _ = try await command("POST", "url", ["url": url])
    }

    var currentURL: String {
        get async throws { try await command("GET", "url")["value"] as? String ?? "" }
    }

    /// The first element matching the CSS `selector`, waited for up to `timeout` seconds.
    func element(_ selector: String, timeout: TimeInterval = 5) async throws -> Element {
        var found: String?
        _ = try await Self.waitUntil(timeout: timeout) { [self] in
            let response = try? await command("POST", "element", ["using": "css selector", "value": selector])
            found = (response?["value"] as? [String: Any])?.values.first as? String
            return found != nil
        }
        guard let found else { throw Failure(description: "no element matches \(selector) on \(try await currentURL)") }
        return Element(browser: self, id: found)
    }

    /// How many elements match `selector` now.
    func count(_ selector: String) async throws -> Int {
        (try await command("POST", "elements", ["using": "css selector", "value": selector])["value"] as? [Any])?.count ?? 0
    }

    /// Runs `script` in the page and returns its result.
    func run(_ script: String, _ arguments: [Any] = []) async throws -> Any? {
        try await command("POST", "execute/sync", ["script": script, "args": arguments])["value"]
    }

    /// Sets the window's outer size.
    func resize(width: Int, height: Int) async throws {
        _ = try await command("POST", "window/rect", ["width": width, "height": height])
    }

    /// The document's scrolled and visible widths: the page overflows the window when the first is larger.
    func documentWidths() async throws -> (scroll: Int, client: Int) {
        let widths = try await run("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]") as? [Any] ?? []
        guard let scroll = widths.first as? Int, let client = widths.dropFirst().first as? Int else {
            throw Failure(description: "the page did not report its widths: \(widths)")
        }
        return (scroll, client)
    }

    /// The page as a PNG, written to ``screenshots``/`name`.png; returns the file.
    @discardableResult
    func screenshot(_ name: String) async throws -> URL {
        guard let encoded = try await command("GET", "screenshot")["value"] as? String, let png = Data(base64Encoded: encoded) else {
            throw Failure(description: "chromedriver returned no screenshot")
        }
        try FileManager.default.createDirectory(at: Self.screenshots, withIntermediateDirectories: true)
        let file = Self.screenshots.appendingPathComponent("\(name).png")
        try png.write(to: file)
        return file
    }

    /// Console messages of level SEVERE since the last call: script errors, CSP violations and failed requests
    /// (chromium logs every failed resource load there).
    func severeLogEntries() async throws -> [String] {
        let entries = try await command("POST", "se/log", ["type": "browser"])["value"] as? [[String: Any]] ?? []
        return entries.filter { ($0["level"] as? String) == "SEVERE" }.map { "\($0["message"] ?? "")" }
    }

    /// Waits until `condition` holds, polling; false when `timeout` seconds pass first.
    static func waitUntil(timeout: TimeInterval, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try await condition()
    }

    struct Element {
        let browser: WebDriver
        let id: String

        var text: String {
            get async throws { try await browser.command("GET", "element/\(id)/text")["value"] as? String ?? "" }
        }

        func attribute(_ name: String) async throws -> String? {
            try await browser.command("GET", "element/\(id)/attribute/\(name)")["value"] as? String
        }

        func click() async throws {
            _ = try await browser.command("POST", "element/\(id)/click", [:])
        }

        func clear() async throws {
            _ = try await browser.command("POST", "element/\(id)/clear", [:])
        }

        func type(_ text: String) async throws {
            _ = try await browser.command("POST", "element/\(id)/value", ["text": text])
        }
    }

    // MARK: HTTP

    func command(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> [String: Any] {
        let response = try await Self.request(method, "/session/\(sessionID)/\(path)", body ?? (method == "POST" ? [:] : nil), port: port)
        if let value = response["value"] as? [String: Any], let error = value["error"] as? String {
            throw Failure(description: "WebDriver \(method) \(path): \(error): \(value["message"] ?? "")")
        }
        return response
    }

    /// One WebDriver request on its own loopback connection (NIO's test client: Foundation's URLSession fails on
    /// this platform), with the JSON answer.
    static func request(_ method: String, _ path: String, _ body: [String: Any]?, port: Int) async throws -> [String: Any] {
        do {
            return try await send(method, path, body, port: port)
        } catch where method == "GET" || method == "DELETE" {
            // A read closed by the driver before it answered is asked again, once; commands are never repeated.
            return try await send(method, path, body, port: port)
        }
    }

    private static func send(_ method: String, _ path: String, _ body: [String: Any]?, port: Int) async throws -> [String: Any] {
        let client = TestClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(60)))
        client.connect()
        var headers: HTTPFields = [:]
        var buffer: ByteBuffer?
        if let body {
            buffer = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body))
            headers[.contentType] = "application/json; charset=utf-8"
        }
        let response: TestClient.Response
        do {
            response = try await client.execute(
                TestClient.Request(path, method: HTTPRequest.Method(rawValue: method) ?? .get, authority: "127.0.0.1:\(port)", headers: headers, body: buffer)
            )
            try? await client.shutdown()
        } catch {
            try? await client.shutdown()
            throw error
        }
        guard let data = response.body.map({ Data($0.readableBytesView) }), !data.isEmpty else { return [:] }
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }
}
