import Foundation
import Hummingbird
import HummingbirdTesting
import SanaripStorage
import Testing

@testable import SanaripServer

@Suite("Sessions, cookies and security headers")
struct SessionSecurityTests {
    let app: TestApp

    init() throws {
        app = try TestApp()
    }

    @Test("an anonymous GET /login writes nothing to the database; its token is signed for its cookie only")
    func anonymousLoginPage() async throws {
        try await app.test { client in
            let before = try await app.databaseChanges()
            let first = Browser(client)
            let page = try await first.get("/login")
            #expect(page.status == .ok)
            #expect(try await app.databaseChanges() == before)
            let token = try #require(Browser.csrfToken(in: page.text))

            // Another browser's cookie does not match this token.
            let other = Browser(client)
            _ = try await other.get("/login")
            let forged = try await other.post("/login", form: [("_csrf", token), ("username", "admin"), ("password", TestApp.adminPassword)])
            #expect(forged.status == .forbidden)
            #expect(try await first.logIn().status == .seeOther)
        }
    }

    @Test("the database keeps a hash of the session identifier, with the session's user")
    func hashedSessionIDs() async throws {
        try await app.test { client in
            let browser = Browser(client)
            try await browser.logIn()
            let cookie = try #require(browser.cookies["sanarip_session"])
            // Hummingbird's key is its default prefix `hbs.` and the cookie's identifier; the database has neither, only the hash.
            let key = "hbs." + cookie
            #expect(try await app.stores.sessions.session(id: cookie, at: Date()) == nil)
            #expect(try await app.stores.sessions.session(id: key, at: Date()) == nil)
            let stored = try #require(try await app.stores.sessions.session(id: SessionKey.hashed(key), at: Date()))
            #expect(stored.userID == (try await app.stores.users.user(username: "admin"))?.id)
        }
    }

    @Test("changing one's password needs the current one and ends the user's other sessions")
    func passwordChangeEndsOtherSessions() async throws {
        try await app.addUser("aida", role: .researcher)
        try await app.test { client in
            let laptop = Browser(client, cookies: ["lang": "en"])
            let phone = Browser(client, cookies: ["lang": "en"])
            try await laptop.logIn(username: "aida", password: TestApp.userPassword)
            try await phone.logIn(username: "aida", password: TestApp.userPassword)
            #expect(try await phone.get("/").status == .ok)

            let token = try #require(Browser.csrfToken(in: try await laptop.get("/account/password").text))
            let wrong = try await laptop.post("/account/password", form: [("_csrf", token), ("current", "not-it-at-all"), ("password", "new-password-42"), ("repeated", "new-password-42")])
            #expect(wrong.status == .forbidden)
            #expect(wrong.text.contains("The current password is wrong."))
            let differ = try await laptop.post("/account/password", form: [("_csrf", token), ("current", TestApp.userPassword), ("password", "new-password-42"), ("repeated", "new-password-43")])
            #expect(differ.status == .badRequest)
            #expect(try await phone.get("/").status == .ok)

            let changed = try await laptop.post("/account/password", form: [("_csrf", token), ("current", TestApp.userPassword), ("password", "new-password-42"), ("repeated", "new-password-42")])
            #expect(changed.status == .seeOther)
            #expect(try await laptop.get("/").status == .ok)
            let ended = try await phone.get("/")
            #expect(ended.status == .seeOther)
            #expect(ended.headers[.location] == "/login?next=/")
            #expect(try await Browser(client).logIn(username: "aida", password: TestApp.userPassword).status == .unauthorized)
            #expect(try await Browser(client).logIn(username: "aida", password: "new-password-42").status == .seeOther)
        }
        let log = try await app.stores.auditLog.entries(objectType: "user", objectID: "aida")
        #expect(log.contains { $0.user == "aida" && $0.detail["password"] == "changed" })
    }

    /// The attributes of the `Set-Cookie` header for `name`, lowercased.
    static func attributes(of name: String, in response: TestResponse) throws -> Set<String> {
        let header = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("\(name)=") }, "no \(name) cookie")
        return Set(header.split(separator: ";").dropFirst().map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
    }

    @Test("cookies are HttpOnly and SameSite=Lax; Secure (with HSTS) only when a trusted proxy says the browser used TLS")
    func cookieAttributes() async throws {
        let tls: HTTPFields = [.xForwardedProto: "https", .xForwardedFor: "192.0.2.7"]
        for trusted in [false, true] {
            try await app.test(.live, configure: { $0.trustedProxies = trusted ? ["127.0.0.1"] : [] }) { client in
                for headers in [HTTPFields(), tls] {
                    let browser = Browser(client)
                    let page = try await browser.get("/login?lang=en", headers: headers)
                    let signedIn = try await browser.logIn(headers: headers)
                    let secure = trusted && headers == tls
                    for (name, response) in [(FormTokenSigner.cookieName, page), ("lang", page), ("sanarip_session", signedIn)] {
                        let attributes = try Self.attributes(of: name, in: response)
                        #expect(attributes.contains("httponly"), "\(name)")
                        #expect(attributes.contains("samesite=lax"), "\(name)")
                        #expect(attributes.contains("secure") == secure, "\(name), trusted \(trusted), forwarded \(headers)")
                    }
                    #expect((page.headers[.strictTransportSecurity] != nil) == secure)
                }
            }
        }
    }

    @Test("--secure-cookies marks every cookie Secure without a proxy")
    func alwaysSecure() async throws {
        try await app.test(configure: { $0.secureCookies = true }) { client in
            let browser = Browser(client)
            let page = try await browser.get("/login?lang=ru")
            #expect(try Self.attributes(of: FormTokenSigner.cookieName, in: page).contains("secure"))
            #expect(try Self.attributes(of: "lang", in: page).contains("secure"))
            #expect(try Self.attributes(of: "sanarip_session", in: try await browser.logIn()).contains("secure"))
        }
    }

    @Test("every route, the stylesheet, 404 and error pages carry CSP and the other security headers")
    func securityHeadersEverywhere() async throws {
        let plan = try await PlanPageTests.savePlan(in: app)
        let routes = try await AccessTests.registeredRoutes(app)
        try #require(!routes.isEmpty)
        let checked = try await app.test { client in
            var checked = 0
            for signedIn in [false, true] {
                let browser = Browser(client)
                if signedIn { try await browser.logIn() }
                var uris = ["/static/sanarip.css", "/no-such-page", "/instruments/nope"]
                uris += try routes.filter { $0.method == "GET" }.map { try AccessTests.concrete($0.path, plan: plan) }
                for uri in uris {
                    let response = try await browser.get(uri)
                    let csp = try #require(response.headers[.contentSecurityPolicy], "\(uri): no CSP")
                    #expect(csp.contains("frame-ancestors 'none'"), "\(uri)")
                    #expect(csp.contains("script-src 'none'") || csp.contains("default-src 'none'"), "\(uri)")
                    #expect(csp.contains("base-uri 'none'"), "\(uri)")
                    #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(uri)")
                    #expect(response.headers[.xFrameOptions] == "DENY", "\(uri)")
                    #expect(response.headers[.referrerPolicy] == "same-origin", "\(uri)")
                    #expect(response.headers[.crossOriginOpenerPolicy] == "same-origin", "\(uri)")
                    #expect(response.headers[.permissionsPolicy]?.contains("camera=()") == true, "\(uri)")
                    checked += 1
                }
                let post = try await browser.post("/logout", form: [])
                #expect(post.status == .forbidden || post.status == .seeOther)
                #expect(post.headers[.contentSecurityPolicy] != nil)
            }
            return checked
        }
        #expect(checked >= 2 * 15)
    }

    @Test("a missing template is an error, not an empty page")
    func missingTemplate() async throws {
        let pages = try await PageRenderer.bundled()
        #expect(throws: PageError.missingTemplate("no-such-template")) {
            _ = try pages.html("no-such-template", [:])
        }
        #expect(try pages.html("error", ["status": 500]).contains("500"))
    }
}
