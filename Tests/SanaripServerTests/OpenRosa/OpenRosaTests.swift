import Foundation
import Hummingbird
import HummingbirdTesting
import SanaripInstrument
import SanaripStorage
import Testing

@testable import SanaripServer

@Suite("OpenRosa API")
struct OpenRosaTests {
    @Test("formList offers each form's newest version with the MD5 of the bytes served; form, manifest and media download")
    func forms() async throws {
        let fieldwork = try await Fieldwork()
        let token = fieldwork.token
        try await fieldwork.test { client in
            let list = try await client.execute(uri: "/key/\(token)/formList", method: .get, headers: Fieldwork.openRosaHeaders)
            #expect(list.status == .ok && list.hasOpenRosaHeaders)
            let xml = list.text
            #expect(xml.contains("<xforms xmlns=\"http://openrosa.org/xforms/xformsList\">"))
            #expect(xml.contains("<formID>field_check</formID>") && xml.contains("<name>Field check</name>"))
            #expect(xml.contains("<version>2</version>") && !xml.contains("<version>1</version>"))
            let hash = try #require(Self.element("hash", in: xml))
            let download = try #require(Self.element("downloadUrl", in: xml))
            let manifestURL = try #require(Self.element("manifestUrl", in: xml))
            let form = try await client.execute(uri: Self.path(download), method: .get)
            #expect(form.status == .ok && form.hasOpenRosaHeaders)
            #expect(hash == "md5:" + (try Fieldwork.md5sum(Data(buffer: form.body))))
            #expect(form.text.contains("version=\"2\""))

            let manifest = try await client.execute(uri: Self.path(manifestURL), method: .get, headers: Fieldwork.openRosaHeaders)
            #expect(manifest.status == .ok && manifest.text.contains("<filename>internet.png</filename>"))
            let mediaURL = try #require(Self.element("downloadUrl", in: manifest.text))
            let media = try await client.execute(uri: Self.path(mediaURL), method: .get)
            let png = try Data(contentsOf: Fieldwork.formFolder.appendingPathComponent("media/internet.png"))
            #expect(Data(buffer: media.body) == png)
            #expect(Self.element("hash", in: manifest.text) == "md5:" + (try Fieldwork.md5sum(png)))
            #expect(media.headers[.contentType] == "image/png")

            let head = try await client.execute(uri: "/key/\(token)/submission", method: .head, headers: Fieldwork.openRosaHeaders)
            #expect(head.status == .noContent && head.hasOpenRosaHeaders)
        }
    }

    @Test("the Collect sequence: photo, identical and conflicting resubmissions, split submission, edit, and clear refusals")
    func submissions() async throws {
        let fieldwork = try await Fieldwork(sizeLimit: 256 * 1024)
        let photo = Data((0..<120_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        let first = "uuid:6f0c5d7e-0000-4000-8000-000000000001"
        let split = "uuid:6f0c5d7e-0000-4000-8000-000000000002"
        let edit = "uuid:6f0c5d7e-0000-4000-8000-000000000003"
        try await fieldwork.test { client in
            func expect(_ response: TestResponse, _ status: HTTPResponse.Status, _ message: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
                #expect(response.status == status, "\(response.text)", sourceLocation: sourceLocation)
                #expect(response.hasOpenRosaHeaders, sourceLocation: sourceLocation)
                #expect(response.text.contains("<OpenRosaResponse xmlns=\"http://openrosa.org/http/response\""), sourceLocation: sourceLocation)
                if let message { #expect(response.text.contains(message), "\(response.text)", sourceLocation: sourceLocation) }
            }
            let created = try await fieldwork.submit(client, [.xml(Fieldwork.xml(first)), .file("house.jpg", photo)])
            expect(created, .created, "full submission upload was successful!")
            expect(try await fieldwork.submit(client, [.xml(Fieldwork.xml(first)), .file("house.jpg", photo)]), .created)
            expect(try await fieldwork.submit(client, [.xml(Fieldwork.xml(first, name: "Bakyt"))]), .conflict, "different XML")

            expect(try await fieldwork.submit(client, [.xml(Fieldwork.xml(split, version: "2")), .field("*isIncomplete*", "yes")]), .created)
            expect(try await fieldwork.submit(client, [.xml(Fieldwork.xml(split, version: "2")), .file("house.jpg", photo)]), .created)

            expect(try await fieldwork.submit(client, [.xml(Fieldwork.xml(edit, name: "Bektur", deprecatedID: first))]), .created)
            let stale = Fieldwork.xml("uuid:6f0c5d7e-0000-4000-8000-000000000004", deprecatedID: first)
            expect(try await fieldwork.submit(client, [.xml(stale)]), .conflict, "out of date")

            expect(try await fieldwork.submit(client, [.xml(Data("<data id=\"field_check\"><access>".utf8))]), .badRequest, "not well-formed")
            expect(try await fieldwork.submit(client, [.file("house.jpg", photo)]), .badRequest, "xml_submission_file missing")
            expect(try await fieldwork.submit(client, [.xml(Fieldwork.xml("uuid:x", version: "7"))]), .notFound, "'7' does not exist")
            let other = String(decoding: Fieldwork.xml("uuid:y"), as: UTF8.self).replacingOccurrences(of: "id=\"field_check\"", with: "id=\"other\"")
            expect(try await fieldwork.submit(client, [.xml(Data(other.utf8))]), .notFound, "not published")
            let big = Data(count: 300 * 1024)
            expect(try await fieldwork.submit(client, [.xml(Fieldwork.xml("uuid:z")), .file("house.jpg", big)]), .contentTooLarge, "larger than")
            expect(try await fieldwork.submit(client, [.xml(Fieldwork.xml("uuid:w"))], headers: [:]), .badRequest, "X-OpenRosa-Version")
            let plain = try await client.execute(
                uri: "/key/\(fieldwork.token)/submission", method: .post, headers: Fieldwork.openRosaHeaders, body: ByteBuffer(string: "<data/>")
            )
            expect(plain, .badRequest, "multipart/form-data")
            let unknownKey = try await client.execute(uri: "/key/\(String(repeating: "A", count: 48))/formList", method: .get, headers: Fieldwork.openRosaHeaders)
            expect(unknownKey, .forbidden)
        }

        let submissions = fieldwork.stores.submissions
        #expect(try await submissions.currentSubmissionCount(formID: "field_check") == 2)
        for id in ["uuid:6f0c5d7e-0000-4000-8000-000000000004", "uuid:x", "uuid:y", "uuid:z", "uuid:w"] {
            #expect(try await submissions.submission(instanceID: id) == nil, "nothing stored for \(id)")
        }
        let stored = try #require(try await submissions.submission(instanceID: first))
        #expect(stored.xml == Fieldwork.xml(first), "the XML is kept byte for byte")
        #expect(stored.submitter == "collector:Aida" && !stored.isCurrent)
        let attachments = try await submissions.attachments(submissionID: try #require(stored.id))
        let path = try #require(attachments.first?.path)
        #expect(try Data(contentsOf: fieldwork.dataDirectory.appendingPathComponent(path)) == photo)
        #expect(attachments.first?.md5 == (try Fieldwork.md5sum(photo)))
        let splitStored = try #require(try await submissions.submission(instanceID: split))
        #expect(try await submissions.attachments(submissionID: try #require(splitStored.id)).map(\.isPresent) == [true])
        let files = try FileManager.default.subpathsOfDirectory(atPath: fieldwork.dataDirectory.appendingPathComponent("attachments").path)
            .filter { $0.hasSuffix(".jpg") }
        #expect(files.count == 2, "one photo per submission, none twice: \(files)")
        let temporary = (try? FileManager.default.contentsOfDirectory(atPath: fieldwork.dataDirectory.appendingPathComponent("tmp").path)) ?? []
        #expect(temporary.isEmpty, "no temporary file left behind: \(temporary)")
        #expect(try await submissions.history(rootInstanceID: first).map(\.instanceID) == [first, edit])
    }

    @Test("temporary files of uploads a stopped server was receiving are deleted when it starts again")
    func leftoverUploads() async throws {
        let fieldwork = try await Fieldwork()
        let tmp = fieldwork.dataDirectory.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        let leftover = tmp.appendingPathComponent("upload-\(UUID().uuidString).part")
        let other = tmp.appendingPathComponent("notes.txt")
        try Data("half a photo".utf8).write(to: leftover)
        try Data("not an upload".utf8).write(to: other)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -5)], ofItemAtPath: leftover.path)
        try await fieldwork.test { _ in }
        #expect(!FileManager.default.fileExists(atPath: leftover.path))
        #expect(FileManager.default.fileExists(atPath: other.path))
    }

    @Test("a revoked collector key gets 403 with an OpenRosa message")
    func revoked() async throws {
        let fieldwork = try await Fieldwork()
        try await fieldwork.stores.collectors.revoke(name: "Aida", at: Date(), by: "aida")
        let token = fieldwork.token
        try await fieldwork.test { client in
            let response = try await client.execute(uri: "/key/\(token)/formList", method: .get, headers: Fieldwork.openRosaHeaders)
            #expect(response.status == .forbidden && response.hasOpenRosaHeaders)
            #expect(response.text.contains("revoked"))
        }
    }

    @Test("at the server root a user signs in with HTTP Basic; without or with wrong credentials, 401 with Digest and Basic challenges")
    func basicAuthentication() async throws {
        let fieldwork = try await Fieldwork()
        let instanceID = "uuid:6f0c5d7e-0000-4000-8000-0000000000b1"
        try await fieldwork.test { client in
            func basic(_ user: String, _ password: String) -> HTTPFields {
                [.openRosaVersion: "1.0", .authorization: "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()]
            }
            for headers in [Fieldwork.openRosaHeaders, basic("admin", "wrong-password"), basic("nobody", "correct-horse-battery")] {
                let refused = try await client.execute(uri: "/formList", method: .get, headers: headers)
                #expect(refused.status == .unauthorized && refused.hasOpenRosaHeaders)
                let challenges = refused.headers[values: .wwwAuthenticate]
                #expect(challenges.count == 2 && challenges.last == "Basic realm=\"Sanarip\", charset=\"UTF-8\"")
                #expect(challenges.first?.hasPrefix("Digest realm=\"Sanarip\", qop=\"auth\", algorithm=MD5, nonce=\"") == true)
                #expect(refused.text.contains("nature=\"error\""))
            }
            let list = try await client.execute(uri: "/formList", method: .get, headers: basic("admin", "correct-horse-battery"))
            #expect(list.status == .ok)
            let download = try #require(Self.element("downloadUrl", in: list.text))
            #expect(download.hasPrefix("http://") && Self.path(download).hasPrefix("/formVersions/"))
            let form = try await client.execute(uri: Self.path(download), method: .get, headers: basic("admin", "correct-horse-battery"))
            #expect(form.status == .ok && form.text.contains("<h:html"))
            var headers = basic("admin", "correct-horse-battery")
            headers[.contentType] = "multipart/form-data; boundary=\(Fieldwork.boundary)"
            let body = ByteBuffer(bytes: Fieldwork.multipart([.xml(Fieldwork.xml(instanceID))]))
            let created = try await client.execute(uri: "/submission", method: .post, headers: headers, body: body)
            #expect(created.status == .created, "\(created.text)")
        }
        #expect(try await fieldwork.stores.submissions.submission(instanceID: instanceID)?.submitter == "admin")
    }

    @Test("wrong HTTP Basic passwords are throttled like web sign-ins: 429 with Retry-After, even for the right one, and audited")
    func basicAuthenticationThrottled() async throws {
        let fieldwork = try await Fieldwork()
        let failures = try await fieldwork.test { client in
            func basic(_ password: String) -> HTTPFields {
                [.openRosaVersion: "1.0", .authorization: "Basic " + Data("admin:\(password)".utf8).base64EncodedString()]
            }
            var failures = 0
            var throttled: TestResponse?
            for _ in 0..<12 {
                let response = try await client.execute(uri: "/formList", method: .get, headers: basic("wrong-password"))
                if response.status == .tooManyRequests { throttled = response; break }
                #expect(response.status == .unauthorized)
                failures += 1
            }
            let refused = try #require(throttled, "12 wrong passwords in a row were never throttled")
            #expect(Int(refused.headers[.retryAfter] ?? "") ?? 0 >= 1 && refused.hasOpenRosaHeaders)
            let right = try await client.execute(uri: "/formList", method: .get, headers: basic("correct-horse-battery"))
            #expect(right.status == .tooManyRequests, "the right password during the wait is not even checked")
            return failures
        }
        #expect(failures >= 1 && failures < 12)
        let audited = try await fieldwork.stores.auditLog.entries(limit: 100).filter { $0.action == .loginFailed && $0.detail["via"] == "openrosa" }
        #expect(audited.count == failures)
    }

    @Test("the CSV export: one row per current submission, Central's columns, repeats with their keys")
    func export() async throws {
        let fieldwork = try await Fieldwork()
        let first = "uuid:6f0c5d7e-0000-4000-8000-000000000001"
        let edit = "uuid:6f0c5d7e-0000-4000-8000-000000000003"
        let second = "uuid:6f0c5d7e-0000-4000-8000-000000000002"
        try await fieldwork.test { client in
            _ = try await fieldwork.submit(client, [.xml(Fieldwork.xml(first)), .file("house.jpg", Data("jpeg".utf8))])
            _ = try await fieldwork.submit(client, [.xml(Fieldwork.xml(second, version: "2"))])
            _ = try await fieldwork.submit(client, [.xml(Fieldwork.xml(edit, name: "Bektur", deprecatedID: first))])
        }
        let output = fieldwork.dataDirectory.appendingPathComponent("export/field_check.csv")
        let export = try await SubmissionExport.prepare(formID: "field_check", stores: fieldwork.stores)
        var writer = CSVExportWriter(output: output)
        try await export.write(to: &writer)
        let table = try CSVCodec().records(in: Data(contentsOf: output))
        let header = try #require(table.first)
        #expect(header.first == "SubmissionDate")
        for column in ["access-used_internet", "access-apps", "access-apps/whatsapp", "access-apps/instagram", "access-age", "photo",
                       "meta-instanceID", "KEY", "SubmitterName", "ReviewState", "Edits", "FormVersion"] {
            #expect(header.contains(column), "column \(column)")
        }
        let rows = table.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
        #expect(rows.map { $0["KEY"] ?? "" } == [second, edit], "an edited submission once, as its latest version")
        let edited = try #require(rows.last)
        #expect(edited["access-apps/whatsapp"] == "1" && edited["access-apps/instagram"] == "0" && edited["access-apps"] == "whatsapp telegram")
        #expect(edited["Edits"] == "1" && edited["ReviewState"] == "edited" && edited["AttachmentsPresent"] == "1")
        #expect(rows.first?["AttachmentsPresent"] == "0" && rows.first?["AttachmentsExpected"] == "1")

        let members = try CSVCodec().records(in: Data(contentsOf: output.deletingLastPathComponent().appendingPathComponent("field_check-member.csv")))
        #expect(members.first == ["member_name", "member_age", "PARENT_KEY", "KEY"])
        #expect(members.dropFirst().map { $0[2] } == [second, second, edit, edit])
        #expect(members.dropFirst().map { $0[3] } == ["\(second)/member[1]", "\(second)/member[2]", "\(edit)/member[1]", "\(edit)/member[2]"])
        #expect(members.last?.first == "Bektur")
    }

    static func element(_ name: String, in xml: String) -> String? {
        guard let start = xml.range(of: "<\(name)>"), let end = xml.range(of: "</\(name)>", range: start.upperBound..<xml.endIndex) else { return nil }
        return String(xml[start.upperBound..<end.lowerBound]).replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The path of an absolute URL, for the router test client.
    static func path(_ url: String) -> String {
        URL(string: url).map { $0.path } ?? url
    }
}
