import Hummingbird
import HummingbirdTesting
import SanaripCore
import SanaripStorage
import Testing

@testable import SanaripServer

@Suite("CSRF and roles")
struct CSRFTests {
    let app: TestApp

    init() throws {
        app = try TestApp()
    }

    @Test("a sign-in form without the session's token is refused")
    func loginWithoutToken() async throws {
        try await app.test { client in
            let browser = Browser(client, cookies: ["lang": "en"])
            _ = try await browser.get("/login")
            let response = try await browser.post("/login", form: [("username", "admin"), ("password", TestApp.adminPassword)])
            #expect(response.status == .forbidden)
            #expect(response.text.contains("Not allowed"))
            #expect(try await browser.get("/").status == .seeOther)
        }
        #expect(try await app.stores.auditLog.entries(limit: 10).allSatisfy { $0.action != .login })
    }

    @Test("signing out with a missing or wrong token is refused and the session stays")
    func logoutWithoutToken() async throws {
        try await app.test { client in
            let browser = Browser(client)
            try await browser.logIn()
            #expect(try await browser.post("/logout", form: []).status == .forbidden)
            #expect(try await browser.post("/logout", form: [("_csrf", String(repeating: "0", count: 64))]).status == .forbidden)
            #expect(try await browser.get("/").status == .ok)
        }
    }

    @Test("an admin adds a user with the form's token; the change is logged with who made it")
    func adminAddsUser() async throws {
        try await app.test { client in
            let browser = Browser(client, cookies: ["lang": "en"])
            try await browser.logIn()
            let page = try await browser.get("/users")
            #expect(page.status == .ok)
            #expect(page.text.contains("Add a user"))
            let token = try #require(Browser.csrfToken(in: page.text))

            let forged = try await browser.post("/users", form: [("username", "mallory"), ("password", "0123456789ab"), ("role", "admin")])
            #expect(forged.status == .forbidden)

            let form = [("_csrf", token), ("username", "aida"), ("password", "aida-strong-pass"), ("role", "viewer"), ("study", BuiltInStudy.id)]
            let created = try await browser.post("/users", form: form)
            #expect(created.status == .seeOther)
            #expect(try await browser.get("/users").text.contains("aida"))

            let duplicate = try await browser.post("/users", form: form)
            #expect(duplicate.status == .conflict)
            #expect(duplicate.text.contains("There is already a user with this name."))
        }
        #expect(try await app.stores.users.user(username: "mallory") == nil)
        let aida = try #require(try await app.stores.users.user(username: "aida"))
        #expect(aida.role == .viewer)
        #expect(try await app.stores.users.memberships(userID: try #require(aida.id)) == [BuiltInStudy.id])
        let log = try await app.stores.auditLog.entries(objectType: "user", objectID: "aida")
        #expect(log.map(\.user) == ["admin", "admin"])
        #expect(log.first?.detail == ["role": "viewer"])
    }

    @Test("making another admin needs the acting admin's own password")
    func adminNeedsConfirmation() async throws {
        try await app.test { client in
            let browser = Browser(client, cookies: ["lang": "en"])
            try await browser.logIn()
            let token = try #require(Browser.csrfToken(in: try await browser.get("/users").text))
            let base = [("_csrf", token), ("username", "root2"), ("password", "root2-strong-pass"), ("role", "admin")]
            let unconfirmed = try await browser.post("/users", form: base)
            #expect(unconfirmed.status == .forbidden)
            #expect(unconfirmed.text.contains("To add an administrator, enter your own password."))
            let wrong = try await browser.post("/users", form: base + [("confirm", "not-my-password")])
            #expect(wrong.status == .forbidden)
            #expect(try await app.stores.users.user(username: "root2") == nil)

            let confirmed = try await browser.post("/users", form: base + [("confirm", TestApp.adminPassword)])
            #expect(confirmed.status == .seeOther)
            let unknownRole = try await browser.post("/users", form: [("_csrf", token), ("username", "x1"), ("password", "x1-strong-pass"), ("role", "superuser")])
            #expect(unknownRole.status == .badRequest)
        }
        #expect(try await app.stores.users.user(username: "root2")?.role == .admin)
    }

    @Test("a viewer reads pages but may not manage users")
    func viewerCannotManageUsers() async throws {
        try await app.test { client in
            try await app.addUser("bakyt", role: .viewer)
            let browser = Browser(client, cookies: ["lang": "ru"])
            try await browser.logIn(username: "bakyt", password: TestApp.userPassword)
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            #expect(!home.text.contains(#"href="/users""#))
            let users = try await browser.get("/users")
            #expect(users.status == .forbidden)
            #expect(users.text.contains("Доступ запрещён"))
        }
    }
}
