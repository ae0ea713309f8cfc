import Foundation
import Hummingbird
import HummingbirdTesting
import SanaripStorage
import Testing

@testable import SanaripServer

@Suite("Sign-in throttle")
struct SignInThrottleTests {
    let app: TestApp

    init() throws {
        app = try TestApp()
    }

    @Test("after the free failures each failure doubles the wait; meanwhile 429 with Retry-After; success after the wait")
    func perAccount() async throws {
        var policy = SignInThrottle.Policy()
        policy.accountFailures = 3
        policy.firstWait = 2
        try await app.test(configure: { $0.signInThrottle = policy }) { client in
            let browser = Browser(client, cookies: ["lang": "en"])
            for _ in 1...4 {
                #expect(try await browser.logIn(password: "wrong-password").status == .unauthorized)
            }
            // The fourth failure started a 2 s wait: even the right password is refused, without a bcrypt check.
            let refused = try await browser.logIn()
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers[.retryAfter] == "2")
            #expect(refused.text.contains("Too many failed sign-ins. Try again in 2 seconds."))
            #expect(try await browser.get("/").status == .seeOther)

            app.clock.advance(by: 2)
            #expect(try await browser.logIn(password: "wrong-again").status == .unauthorized)
            let longer = try await browser.logIn()
            #expect(longer.status == .tooManyRequests)
            #expect(longer.headers[.retryAfter] == "4")

            app.clock.advance(by: 4)
            let success = try await browser.logIn()
            #expect(success.status == .seeOther)
            #expect(try await browser.get("/").status == .ok)
        }
        let entries = try await app.signInEntries()
        #expect(entries.map(\.action) == [.loginFailed, .loginFailed, .loginFailed, .loginFailed, .loginFailed, .login])
        #expect(entries.map { $0.detail["throttledSeconds"] } == [nil, nil, nil, "2", "4", nil])
    }

    @Test("failures from one address are counted across accounts; the real client address behind a trusted proxy is logged")
    func perAddressBehindProxy() async throws {
        var policy = SignInThrottle.Policy()
        policy.addressFailures = 3
        policy.firstWait = 60
        let attacker: HTTPFields = [.xForwardedFor: "203.0.113.9", .xForwardedProto: "https"]
        let colleague: HTTPFields = [.xForwardedFor: "198.51.100.4", .xForwardedProto: "https"]
        try await app.test(.live, configure: { $0.signInThrottle = policy; $0.trustedProxies = ["127.0.0.1"] }) { client in
            let browser = Browser(client)
            for name in ["aida", "bakyt", "cholpon", "dinara"] {
                let response = try await browser.logIn(username: name, password: "guess-\(name)", headers: attacker)
                #expect(response.status == .unauthorized)
            }
            let blocked = try await browser.logIn(username: "admin", password: TestApp.adminPassword, headers: attacker)
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.headers[.retryAfter] == "60")
            let other = try await Browser(client).logIn(username: "admin", password: TestApp.adminPassword, headers: colleague)
            #expect(other.status == .seeOther)
        }
        let entries = try await app.signInEntries()
        #expect(entries.map { $0.detail["address"] } == ["203.0.113.9", "203.0.113.9", "203.0.113.9", "203.0.113.9", "198.51.100.4"])
        #expect(entries.map(\.user) == ["aida", "bakyt", "cholpon", "dinara", "admin"])
    }

    @Test("forwarded headers from an address that is not a trusted proxy are ignored")
    func untrustedForwarding() async throws {
        try await app.test(.live) { client in
            let browser = Browser(client)
            _ = try await browser.logIn(password: "wrong-password", headers: [.xForwardedFor: "203.0.113.9"])
        }
        #expect(try await app.stores.auditLog.entries(limit: 1).first?.detail["address"] == "127.0.0.1")
    }
}

extension TestApp {
    /// The audit log's sign-in entries, oldest first.
    func signInEntries() async throws -> [AuditEntry] {
        try await stores.auditLog.entries(limit: 1000).reversed().filter { [.login, .loginFailed].contains($0.action) }
    }
}
