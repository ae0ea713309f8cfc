import Foundation
import Hummingbird
import HummingbirdTesting
import SanaripStorage
import Testing

@testable import SanaripServer

@Suite("Health, sign-in and sessions")
struct AuthTests {
    let app: TestApp

    init() throws {
        app = try TestApp()
    }

    @Test("/health answers without signing in and checks the database")
    func health() async throws {
        try await app.test { client in
            let response = try await client.execute(uri: "/health", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(response.text == #"{"status":"ok"}"#)
        }
    }

    @Test("pages and downloads send visitors who are not signed in to /login")
    func redirectsToLogin() async throws {
        try await app.test { client in
            let home = try await client.execute(uri: "/", method: .get)
            #expect(home.status == .seeOther)
            #expect(home.headers[.location] == "/login?next=/")

            let download = try await client.execute(uri: "/instruments/\(InstrumentFixture.id)/xform.xml", method: .get)
            #expect(download.status == .seeOther)
            #expect(download.headers[.location] == "/login?next=/instruments/\(InstrumentFixture.id)/xform.xml")
            #expect(download.text.isEmpty)
        }
    }

    @Test("the stylesheet is served without signing in")
    func staticAssets() async throws {
        try await app.test { client in
            let response = try await client.execute(uri: "/static/sanarip.css", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/css") == true)
            #expect(response.text.contains(".language-switch"))
        }
    }

    @Test("a wrong password is refused, shown in the page's language and logged")
    func wrongPassword() async throws {
        try await app.test { client in
            let browser = Browser(client, cookies: ["lang": "en"])
            let response = try await browser.logIn(password: "not-the-password")
            #expect(response.status == .unauthorized)
            #expect(response.text.contains("The username or password is wrong."))
            #expect(response.text.contains(#"value="admin""#))
            #expect(try await browser.get("/").status == .seeOther)
        }
        let entries = try await app.stores.auditLog.entries(limit: 5)
        #expect(entries.first?.action == .loginFailed)
        #expect(entries.first?.user == "admin")
    }

    @Test("an unknown user is refused like a wrong password")
    func unknownUser() async throws {
        try await app.test { client in
            let response = try await Browser(client).logIn(username: "nobody", password: "whatever-it-is")
            #expect(response.status == .unauthorized)
            #expect(response.text.contains("Колдонуучунун аты же сырсөз туура эмес."))
        }
    }

    @Test("the right password signs in with a session, goes where the visitor was headed and is logged")
    func rightPassword() async throws {
        try await app.test { client in
            let browser = Browser(client)
            _ = try await browser.get("/login")
            #expect(browser.cookies["sanarip_session"] == nil)
            #expect(browser.cookies[FormTokenSigner.cookieName] != nil)

            let response = try await browser.logIn(next: "/instruments")
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/instruments")
            #expect(browser.cookies["sanarip_session"] != nil)

            let page = try await browser.get("/instruments")
            #expect(page.status == .ok)
            #expect(page.text.contains("Household survey"))
            #expect(page.text.contains("admin · Администратор"))
        }
        let entries = try await app.stores.auditLog.entries(limit: 5)
        #expect(entries.first?.action == .login)
        #expect(entries.first?.user == "admin")
    }

    @Test("signing out ends the session")
    func logout() async throws {
        try await app.test { client in
            let browser = Browser(client)
            try await browser.logIn()
            let home = try await browser.get("/")
            let token = try #require(Browser.csrfToken(in: home.text))
            let response = try await browser.post("/logout", form: [("_csrf", token)])
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/login")
            #expect(try await browser.get("/").status == .seeOther)
        }
        #expect(try await app.stores.auditLog.entries(limit: 1).first?.action == .logout)
    }

    @Test("without a given password the first admin gets a one-time password, shown once, that must be changed first")
    func generatedAdminPassword() async throws {
        try await app.test(adminPassword: nil) { _ in }
        let text = app.console.text
        #expect(text.contains(#"Created the first user "admin" with the one-time password: "#))
        #expect(text.contains("--admin-password-file"))
        let generated = try #require(text.split(separator: "\n").first?.split(separator: " ").last.map(String.init))
        #expect(generated.count == 20)

        try await app.test(adminPassword: nil) { client in
            let browser = Browser(client, cookies: ["lang": "en"])
            let response = try await browser.logIn(password: generated)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/account/password")
            // Every other page, and the users page, sends the admin back to the password form.
            for path in ["/", "/users", "/instruments/\(InstrumentFixture.id)/xform.xml"] {
                let page = try await browser.get(path)
                #expect(page.status == .seeOther, "\(path)")
                #expect(page.headers[.location] == "/account/password", "\(path)")
            }
            let form = try await browser.get("/account/password")
            #expect(form.text.contains("Choose your own password before you go on"))
            let token = try #require(Browser.csrfToken(in: form.text))
            let changed = try await browser.post(
                "/account/password", form: [("_csrf", token), ("current", generated), ("password", "my-own-secret-1"), ("repeated", "my-own-secret-1")]
            )
            #expect(changed.status == .seeOther)
            #expect(try await browser.get("/").status == .ok)
        }
        #expect(app.console.text.components(separatedBy: "Created the first user").count == 2)
        #expect(try await app.stores.users.user(username: "admin")?.mustChangePassword == false)
    }
}
