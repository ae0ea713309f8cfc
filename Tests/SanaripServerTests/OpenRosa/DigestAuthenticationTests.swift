import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import SanaripCore
import SanaripStorage
import Testing

@testable import SanaripServer

@Suite("HTTP Digest for ODK Collect")
struct DigestAuthenticationTests {
    /// RFC 7616 §3.9.1, the MD5 example: the response the RFC prints for Mufasa's request.
    @Test("the response of RFC 7616's MD5 example is the one the RFC prints")
    func rfcExample() throws {
        let header = """
            Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", algorithm=MD5, \
            nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", nc=00000001, \
            cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", qop=auth, \
            response="8ca523f5e9506fed4657c9700eebdbec", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"
            """
        let credentials = try #require(DigestCredentials(header: header))
        #expect(credentials.username == "Mufasa" && credentials.nonce == "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v")
        let ha1 = DigestCredentials.ha1(username: "Mufasa", realm: "http-auth@example.org", password: "Circle of Life")
        #expect(credentials.expectedResponse(ha1: ha1, method: "GET") == "8ca523f5e9506fed4657c9700eebdbec")
        #expect(credentials.isAnswered(by: ha1, method: "GET"))
        #expect(!credentials.isAnswered(by: ha1, method: "POST"))
        #expect(!credentials.isAnswered(by: DigestCredentials.ha1(username: "Mufasa", realm: "http-auth@example.org", password: "circle of life"), method: "GET"))
        #expect(DigestCredentials(header: header.replacingOccurrences(of: "qop=auth", with: "qop=auth-int")) == nil)
        #expect(DigestCredentials(header: header.replacingOccurrences(of: "algorithm=MD5", with: "algorithm=SHA-256")) == nil)
    }

    @Test("an account's Digest hash is MD5(user:realm:password), written when the password is set")
    func storedHash() async throws {
        let fieldwork = try await Fieldwork()
        let accounts = Accounts(users: fieldwork.stores.users, sessions: fieldwork.stores.sessions, hasher: PasswordHasher(cost: 4))
        try await accounts.create(username: "aida", password: "kara-suu-2026", role: .interviewer, by: "test")
        let user = try #require(try await fieldwork.stores.users.user(username: "aida"))
        #expect(user.digestHA1 == Self.md5("aida:Sanarip:kara-suu-2026"))
        try await accounts.setPassword("issyk-kul-2027", for: "aida", by: "test")
        #expect(try await fieldwork.stores.users.user(username: "aida")?.digestHA1 == Self.md5("aida:Sanarip:issyk-kul-2027"))
    }

    @Test("Collect's Digest sequence: challenge, answer, next request with nc 2; replay, stale nonce and wrong password refused")
    func sequence() async throws {
        let fieldwork = try await Fieldwork()
        let clock = TestClock()
        let instanceID = "uuid:6f0c5d7e-0000-4000-8000-0000000000d1"
        try await fieldwork.test(now: { clock.now }) { client in
            let challenge = try await client.execute(uri: "/formList", method: .get, headers: Fieldwork.openRosaHeaders)
            #expect(challenge.status == .unauthorized && challenge.hasOpenRosaHeaders)
            let nonce = try #require(Self.nonce(in: challenge))
            var answer = Self.answer(user: "admin", password: "correct-horse-battery", method: "GET", uri: "/formList", nonce: nonce, nc: 1)
            let list = try await client.execute(uri: "/formList", method: .get, headers: answer)
            #expect(list.status == .ok, "\(list.text)")
            #expect(list.text.contains("<formID>field_check</formID>"))

            let replayed = try await client.execute(uri: "/formList", method: .get, headers: answer)
            #expect(replayed.status == .unauthorized, "the same nc with the same nonce is a replay")

            var headers = Self.answer(user: "admin", password: "correct-horse-battery", method: "POST", uri: "/submission", nonce: nonce, nc: 2)
            headers[.contentType] = "multipart/form-data; boundary=\(Fieldwork.boundary)"
            let body = ByteBuffer(bytes: Fieldwork.multipart([.xml(Fieldwork.xml(instanceID))]))
            let created = try await client.execute(uri: "/submission", method: .post, headers: headers, body: body)
            #expect(created.status == .created, "\(created.text)")

            answer = Self.answer(user: "admin", password: "correct-horse-battery", method: "GET", uri: "/formVersions/1/form.xml", nonce: nonce, nc: 3)
            let otherURI = try await client.execute(uri: "/formList", method: .get, headers: answer)
            #expect(otherURI.status == .unauthorized, "the answer is for another URI")

            clock.advance(by: 3_600)
            answer = Self.answer(user: "admin", password: "correct-horse-battery", method: "GET", uri: "/formList", nonce: nonce, nc: 4)
            let stale = try await client.execute(uri: "/formList", method: .get, headers: answer)
            #expect(stale.status == .unauthorized)
            #expect(stale.headers[values: .wwwAuthenticate].first?.hasSuffix(", stale=true") == true)
            let fresh = try #require(Self.nonce(in: stale))
            #expect(fresh != nonce)

            answer = Self.answer(user: "admin", password: "wrong-password!", method: "GET", uri: "/formList", nonce: fresh, nc: 1)
            let wrong = try await client.execute(uri: "/formList", method: .get, headers: answer)
            #expect(wrong.status == .unauthorized)
            #expect(wrong.headers[values: .wwwAuthenticate].first?.contains("stale") == false)
        }
        #expect(try await fieldwork.stores.submissions.submission(instanceID: instanceID)?.submitter == "admin")
        let failures = try await fieldwork.stores.auditLog.entries(limit: 100).filter { $0.action == .loginFailed && $0.detail["via"] == "openrosa" }
        #expect(failures.count == 1, "only the wrong password counts as a failed sign-in")
    }

    @Test("wrong Digest answers are throttled like web sign-ins; an account without a Digest hash signs in with Basic until its password is set again")
    func throttledAndOlderAccounts() async throws {
        let fieldwork = try await Fieldwork()
        let hash = try await PasswordHasher(cost: 4).hash("kara-suu-2026")
        try await fieldwork.stores.users.insert(User(username: "old", passwordHash: hash, role: .interviewer), by: "test")
        let digestBefore = try await fieldwork.test { client in
            let nonce = try #require(Self.nonce(in: try await client.execute(uri: "/formList", method: .get, headers: Fieldwork.openRosaHeaders)))
            let digest = try await client.execute(
                uri: "/formList", method: .get,
                headers: Self.answer(user: "old", password: "kara-suu-2026", method: "GET", uri: "/formList", nonce: nonce, nc: 1)
            )
            var basic = Fieldwork.openRosaHeaders
            basic[.authorization] = "Basic " + Data("old:kara-suu-2026".utf8).base64EncodedString()
            #expect(try await client.execute(uri: "/formList", method: .get, headers: basic).status == .ok)
            var throttled = false
            for nc in 1...12 {
                let response = try await client.execute(
                    uri: "/formList", method: .get,
                    headers: Self.answer(user: "admin", password: "wrong-password!", method: "GET", uri: "/formList", nonce: nonce, nc: nc + 1)
                )
                if response.status == .tooManyRequests { throttled = true; break }
                #expect(response.status == .unauthorized)
            }
            #expect(throttled, "12 wrong Digest answers in a row were never throttled")
            return digest.status
        }
        #expect(digestBefore == .unauthorized)
        let accounts = Accounts(users: fieldwork.stores.users, sessions: fieldwork.stores.sessions, hasher: PasswordHasher(cost: 4))
        try await accounts.setPassword("kara-suu-2026", for: "old", by: "test")
        let digestAfter = try await fieldwork.test { client in
            let nonce = try #require(Self.nonce(in: try await client.execute(uri: "/formList", method: .get, headers: Fieldwork.openRosaHeaders)))
            return try await client.execute(
                uri: "/formList", method: .get,
                headers: Self.answer(user: "old", password: "kara-suu-2026", method: "GET", uri: "/formList", nonce: nonce, nc: 1)
            ).status
        }
        #expect(digestAfter == .ok)
    }

    /// The nonce of a response's Digest challenge.
    static func nonce(in response: TestResponse) -> String? {
        guard let challenge = response.headers[values: .wwwAuthenticate].first(where: { $0.hasPrefix("Digest ") }),
            let start = challenge.range(of: "nonce=\""), let end = challenge[start.upperBound...].firstIndex(of: "\"")
        else { return nil }
        return String(challenge[start.upperBound..<end])
    }

    /// An `Authorization: Digest` header computed here as RFC 7616 §3.4.1 says, independently of the server's code.
    static func answer(user: String, password: String, method: String, uri: String, nonce: String, nc: Int) -> HTTPFields {
        let cnonce = "0a4f113b"
        let count = String(format: "%08x", nc)
        let ha1 = md5("\(user):Sanarip:\(password)")
        let ha2 = md5("\(method):\(uri)")
        let response = md5("\(ha1):\(nonce):\(count):\(cnonce):auth:\(ha2)")
        var headers = Fieldwork.openRosaHeaders
        headers[.authorization] = """
            Digest username="\(user)", realm="Sanarip", nonce="\(nonce)", uri="\(uri)", qop=auth, nc=\(count), \
            cnonce="\(cnonce)", response="\(response)", algorithm=MD5
            """
        return headers
    }

    static func md5(_ text: String) -> String {
        Insecure.MD5.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

}
