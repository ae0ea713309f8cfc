import CryptoExtras
import Foundation
import Hummingbird
import HummingbirdTesting
import SanaripCore
import SanaripStorage
import Testing

@testable import SanaripServer

@Suite("Forms by study, and exports from the web app")
struct CollectScopeTests {
    static func basic(_ user: String, _ password: String) -> HTTPFields {
        [.openRosaVersion: "1.0", .authorization: "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()]
    }

    @Test("an interviewer sees, downloads and sends to the forms of the studies they belong to; a key bound to another study sees none")
    func formsFollowMembership() async throws {
        let fieldwork = try await Fieldwork()
        let accounts = Accounts(users: fieldwork.stores.users, sessions: fieldwork.stores.sessions, hasher: PasswordHasher(cost: 4))
        try await accounts.create(username: "inside", password: "kara-suu-2026", role: .interviewer, studies: [BuiltInStudy.id], by: "test")
        try await accounts.create(username: "outside", password: "kara-suu-2026", role: .interviewer, studies: [], by: "test")
        let otherKey = try await CollectorRegistry(collectors: fieldwork.stores.collectors).add(name: "Elsewhere", studyID: "another-study", by: "test").token
        let outsideSubmission = "uuid:6f0c5d7e-0000-4000-8000-0000000000e1"
        try await fieldwork.test { client in
            let inside = try await client.execute(uri: "/formList", method: .get, headers: Self.basic("inside", "kara-suu-2026"))
            #expect(inside.status == .ok && inside.text.contains("<formID>field_check</formID>"))
            let outside = try await client.execute(uri: "/formList", method: .get, headers: Self.basic("outside", "kara-suu-2026"))
            #expect(outside.status == .ok && !outside.text.contains("<xform>"), "\(outside.text)")
            let download = try await client.execute(uri: "/formVersions/1/form.xml", method: .get, headers: Self.basic("outside", "kara-suu-2026"))
            #expect(download.status == .notFound)
            var headers = Self.basic("outside", "kara-suu-2026")
            headers[.contentType] = "multipart/form-data; boundary=\(Fieldwork.boundary)"
            let body = ByteBuffer(bytes: Fieldwork.multipart([.xml(Fieldwork.xml(outsideSubmission))]))
            let refused = try await client.execute(uri: "/submission", method: .post, headers: headers, body: body)
            #expect(refused.status == .forbidden && refused.text.contains("belongs to a study"), "\(refused.text)")
            let keyList = try await client.execute(uri: "/key/\(otherKey)/formList", method: .get, headers: Fieldwork.openRosaHeaders)
            #expect(keyList.status == .ok && !keyList.text.contains("<xform>"))
            let ownKey = try await client.execute(uri: "/key/\(fieldwork.token)/formList", method: .get, headers: Fieldwork.openRosaHeaders)
            #expect(ownKey.text.contains("<formID>field_check</formID>"), "a key without a study sees every study's forms")
        }
        #expect(try await fieldwork.stores.submissions.submission(instanceID: outsideSubmission) == nil)
    }

    @Test("a researcher exports from the web app: progress page, then the download; sensitive questions only with viewSensitive; audited")
    func webExport() async throws {
        let fieldwork = try await Fieldwork()
        let accounts = Accounts(users: fieldwork.stores.users, sessions: fieldwork.stores.sessions, hasher: PasswordHasher(cost: 4))
        try await accounts.create(username: "researcher", password: "issyk-kul-2026", role: .researcher, studies: [BuiltInStudy.id], by: "test")
        try await accounts.create(username: "colleague", password: "issyk-kul-2026", role: .researcher, studies: [BuiltInStudy.id], by: "test")
        try await fieldwork.test { client in
            _ = try await fieldwork.submit(client, [.xml(Fieldwork.xml("uuid:6f0c5d7e-0000-4000-8000-0000000000f1"))])
            let browser = Browser(client, cookies: ["lang": "en"])
            #expect(try await browser.logIn(username: "researcher", password: "issyk-kul-2026").status == .seeOther)
            let page = try await browser.get("/forms/field_check/export")
            #expect(page.status == .ok && page.text.contains("Sensitive questions (names, phone numbers, exact GPS) are left out."))
            let token = try await browser.formToken()
            let sensitive = try await browser.post("/forms/field_check/export", form: [("_csrf", token), ("format", "csv"), ("sensitive", "on")])
            #expect(sensitive.status == .forbidden, "a researcher does not hold viewSensitive")
            let started = try await browser.post("/forms/field_check/export", form: [("_csrf", token), ("format", "csv")])
            #expect(started.status == .seeOther)
            let location = try #require(started.headers[.location])
            #expect(location.hasPrefix("/exports/"))
            var finished: TestResponse?
            for _ in 0..<100 {
                let progress = try await browser.get(location)
                if progress.text.contains("/download") { finished = progress; break }
                #expect(progress.headers[.refresh] == "2", "a running export's page reloads itself")
                try await Task.sleep(for: .milliseconds(50))
            }
            let done = try #require(finished, "the export finished")
            #expect(done.text.contains("field_check.zip"), "a form with a repeat downloads as a zip of its tables")
            let download = try await browser.get("\(location)/download")
            #expect(download.status == .ok && download.headers[.contentType] == "application/zip")
            #expect(download.body.readableBytes > 100 && download.body.getBytes(at: 0, length: 2) == [0x50, 0x4B], "a zip archive")
            let other = Browser(client, cookies: ["lang": "en"])
            #expect(try await other.logIn(username: "colleague", password: "issyk-kul-2026").status == .seeOther)
            #expect(try await other.get(location).status == .notFound, "only the user who started an export sees it")
        }
        let exports = try await fieldwork.stores.auditLog.entries(limit: 100).filter { $0.action == .export }
        #expect(exports.count == 1 && exports.first?.user == "researcher" && exports.first?.detail["sensitive"] == "false")
    }

    @Test("the web export takes an encrypted form's private key for that export only: a bad one is refused, none is stored")
    func webExportPrivateKey() async throws {
        let fieldwork = try await Fieldwork()
        let accounts = Accounts(users: fieldwork.stores.users, sessions: fieldwork.stores.sessions, hasher: PasswordHasher(cost: 4))
        try await accounts.create(username: "researcher", password: "issyk-kul-2026", role: .researcher, studies: [BuiltInStudy.id], by: "test")
        let pem = try _RSA.Encryption.PrivateKey(keySize: .bits2048).pemRepresentation
        try await fieldwork.test { client in
            _ = try await fieldwork.submit(client, [.xml(Fieldwork.xml("uuid:6f0c5d7e-0000-4000-8000-0000000000f2"))])
            let browser = Browser(client, cookies: ["lang": "en"])
            #expect(try await browser.logIn(username: "researcher", password: "issyk-kul-2026").status == .seeOther)
            let page = try await browser.get("/forms/field_check/export")
            #expect(page.text.contains("name=\"private_key\"") && page.text.contains("it is not stored"))
            let token = try await browser.formToken()
            let bad = try await browser.post("/forms/field_check/export", form: [("_csrf", token), ("format", "csv"), ("private_key", "-----BEGIN PRIVATE KEY-----\nnot a key\n")])
            #expect(bad.status == .badRequest && bad.text.contains("not an unencrypted RSA private key"))
            let started = try await browser.post("/forms/field_check/export", form: [("_csrf", token), ("format", "csv"), ("private_key", pem)])
            #expect(started.status == .seeOther)
            let location = try #require(started.headers[.location])
            var finished = false
            for _ in 0..<100 where !finished {
                finished = try await browser.get(location).text.contains("/download")
                if !finished { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(finished, "an export with a key and no encrypted submissions finishes as any other")
        }
        let key = String(pem.split(separator: "\n")[1])
        let audit = try await fieldwork.stores.auditLog.entries(limit: 200)
        #expect(!audit.contains { $0.detail.values.contains { $0.contains(key) } }, "the key is in no audit entry")
        #expect(audit.contains { $0.action == .export }, "the export itself is audited")
    }
}
