import Foundation
import Hummingbird
import HummingbirdTesting
import SanaripCore
import SanaripStorage
import Testing

@testable import SanaripServer

@Suite("Review of submissions")
struct ReviewPageTests {
    @Test("the list filters by form version, municipality, interviewer, review state and date, and pages")
    func listFilters() async throws {
        let bench = try await ReviewWorkbench()
        var interviews: [(ReviewWorkbench.Interview, String)] = []
        for index in 0..<53 {
            var interview = ReviewWorkbench.Interview()
            interview.municipality = index % 3 == 0 ? "41702205807000" : "41702205805000"
            interviews.append((interview, index % 2 == 0 ? "Aida" : "Bek"))
        }
        for (interview, submitter) in interviews { try await bench.receive(interview, from: submitter) }
        let rejected = try await bench.receive(ReviewWorkbench.Interview(), from: "Aida")
        try await bench.app.stores.reviews.review(submissionID: rejected, state: .rejected, comment: nil, by: "test")
        let all = interviews.count + 1
        let boruBash = interviews.filter { $0.0.municipality == "41702205807000" }.count
        let bek = interviews.filter { $0.1 == "Bek" }.count
        try await bench.signedIn { browser in
            func count(_ query: String) async throws -> Int {
                let page = try await browser.get("/submissions?form=review_survey\(query)")
                #expect(page.status == .ok)
                let text = page.text
                let range = try #require(text.range(of: #"Total: <strong>[0-9,]+</strong>"#, options: .regularExpression))
                return Int(text[range].filter(\.isNumber)) ?? -1
            }
            #expect(try await count("") == all)
            #expect(try await count("&version=1") == all)
            #expect(try await count("&municipality=41702205807000") == boruBash)
            #expect(try await count("&interviewer=Bek") == bek)
            #expect(try await count("&state=rejected") == 1)
            #expect(try await count("&state=approved") == 0)
            let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
            #expect(try await count("&from=\(today)&to=\(today)") == all)
            #expect(try await count("&to=2020-01-01") == 0)
            let first = try await browser.get("/submissions?form=review_survey").text
            #expect(first.components(separatedBy: "<tr><td><a href=\"/submissions/").count - 1 == ReviewController.pageSize)
            #expect(first.contains("Boru-Bash ayil aimak (41702205807000)"))
            let second = try await browser.get("/submissions?form=review_survey&page=2").text
            #expect(second.components(separatedBy: "<tr><td><a href=\"/submissions/").count - 1 == all - ReviewController.pageSize)
            #expect(second.contains(#"rel="prev""#))
            #expect(!first.contains("<script"))
        }
    }

    @Test("the detail page shows answers with labels and choices in the page's language, and repeats", arguments: [
        ("ky", "Жашы", "Аял (2)", "Үй-бүлө мүчөсү 2"),
        ("ru", "Возраст", "Женщина (2)", "Член семьи 2"),
        ("en", "Age", "Woman (2)", "Household member 2"),
    ])
    func detailLanguages(language: String, ageLabel: String, woman: String, secondMember: String) async throws {
        let bench = try await ReviewWorkbench()
        let interview = ReviewWorkbench.Interview()
        let id = try await bench.receive(interview)
        try await bench.signedIn(language: language) { browser in
            let page = try await browser.get("/submissions/\(id)")
            #expect(page.status == .ok)
            let html = page.text
            #expect(html.contains("<h1>\(interview.instanceID)</h1>"))
            #expect(html.contains("\(ageLabel)</th><td>\(interview.age)</td>"))
            #expect(html.contains("<td>\(woman)</td>"))
            #expect(html.contains("<h3>\(secondMember)</h3>"))
            #expect(html.contains("<td>\(interview.members[1])</td>"))
        }
    }

    /// POSTs the review form of submission `id`.
    static func review(_ browser: Browser, _ id: Int64, state: String, comment: String = "") async throws -> TestResponse {
        try await browser.post("/submissions/\(id)/review", form: [("_csrf", try await browser.formToken()), ("state", state), ("comment", comment)])
    }

    @Test("each review state is set with its comment, shown, and written to the audit log", arguments: SubmissionReviewState.allCases.filter { $0 != .edited })
    func reviewStates(state: SubmissionReviewState) async throws {
        let bench = try await ReviewWorkbench()
        try await bench.app.addUser("sara", role: .supervisor)
        let interview = ReviewWorkbench.Interview()
        let id = try await bench.receive(interview)
        let comment = "Checked by phone <\(state.rawValue)>"
        try await bench.signedIn(as: "sara") { browser in
            let response = try await Self.review(browser, id, state: state.rawValue, comment: comment)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/submissions/\(id)")
            let html = try await browser.get("/submissions/\(id)").text
            #expect(html.contains("Checked by phone &lt;\(state.rawValue)&gt;"))
            #expect(html.contains("sara · Review state set"))
        }
        #expect(try await bench.app.stores.reviews.submission(id: id)?.reviewState == state)
        let entries = try await bench.app.stores.auditLog.entries(objectType: "submission", objectID: interview.instanceID)
        let reviewEntry = try #require(entries.first { $0.action.rawValue == "submission.review" })
        #expect(reviewEntry.user == "sara")
        #expect(reviewEntry.detail["review_state"] == state.rawValue)
        #expect(reviewEntry.detail["previous"] == "received")
        #expect(entries.contains { $0.action.rawValue == "submission.comment" && $0.user == "sara" })
        #expect(try await bench.app.stores.reviews.comments(rootInstanceID: interview.instanceID).map(\.body) == [comment])
    }

    @Test("'edited' is not a state a reviewer sets, and an unknown state is refused; nothing is written")
    func refusedStates() async throws {
        let bench = try await ReviewWorkbench()
        let id = try await bench.receive(ReviewWorkbench.Interview())
        try await bench.signedIn { browser in
            let token = try await browser.formToken()
            let before = try await bench.app.databaseChanges()
            for state in ["edited", "closed"] {
                let response = try await browser.post("/submissions/\(id)/review", form: [("_csrf", token), ("state", state)])
                #expect(response.status == .badRequest)
            }
            #expect(try await bench.app.databaseChanges() == before)
        }
        #expect(try await bench.app.stores.reviews.submission(id: id)?.reviewState == .received)
    }

    @Test("a supervisor's edit is a new version through the intake: new instanceID, deprecatedID, earlier XML kept, state edited")
    func supervisorEdit() async throws {
        let bench = try await ReviewWorkbench()
        try await bench.app.addUser("sara", role: .supervisor)
        let interview = ReviewWorkbench.Interview()
        let id = try await bench.receive(interview)
        let original = try #require(try await bench.app.stores.reviews.submission(id: id))
        try await bench.signedIn(as: "sara") { browser in
            let form = try await browser.get("/submissions/\(id)/edit")
            #expect(form.status == .ok)
            #expect(form.text.contains(#"name="a.respondent/age" value="34""#))
            let response = try await browser.post("/submissions/\(id)/edit", form: [
                ("_csrf", try await browser.formToken()), ("a.respondent/age", "43"), ("a.location/village", interview.village),
            ])
            #expect(response.status == .seeOther)
            let location = try #require(response.headers[.location])
            #expect(location != "/submissions/\(id)")
            let html = try await browser.get(location).text
            #expect(html.contains("Age</th><td>43</td>"))
            #expect(html.contains("<a href=\"/submissions/\(id)\">\(interview.instanceID)</a>"))
            // The old version says it is old, and cannot be reviewed or edited any more.
            let old = try await browser.get("/submissions/\(id)").text
            #expect(old.contains("This is an earlier version"))
            #expect(try await Self.review(browser, id, state: "approved").status == .conflict)
        }
        let versions = try await bench.app.stores.submissions.history(rootInstanceID: interview.instanceID)
        try #require(versions.count == 2)
        let first = try #require(versions.first), edit = try #require(versions.last)
        #expect(first.xml == original.xml)
        #expect(!first.isCurrent && edit.isCurrent)
        #expect(edit.deprecatedID == interview.instanceID)
        #expect(edit.submitter == "sara")
        #expect(edit.reviewState == .edited)
        // Python's ElementTree reads the new XML independently: the changed answer, the untouched ones, the meta block.
        let parsed = try Self.pythonRead(edit.xml, paths: ["respondent/age", "respondent/sex", "location/village", "meta/instanceID", "meta/deprecatedID"])
        #expect(parsed == ["43", interview.sex, interview.village, edit.instanceID, interview.instanceID])
        let rows = try await bench.app.stores.submissions.answerRows(submissionID: try #require(edit.id))
        #expect(rows.first?.answers.first { $0.path == "respondent/age" }?.number == 43)
        #expect(rows.filter { $0.repeatPath == "member" }.count == interview.members.count)
        let audit = try await bench.app.stores.auditLog.entries(objectType: "submission", objectID: edit.instanceID)
        #expect(audit.contains { $0.action.rawValue == "submission.edit" && $0.user == "sara" })
    }

    /// The texts at `paths` of `xml`, read by Python's ElementTree.
    static func pythonRead(_ xml: Data, paths: [String]) throws -> [String] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sanarip-edit-\(UUID().uuidString).xml")
        try xml.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            "import sys, xml.etree.ElementTree as E; r = E.parse(sys.argv[1]).getroot(); print('\\n'.join((r.find(p).text or '') for p in sys.argv[2:]))",
            file.path,
        ] + paths
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    @Test("an attachment sent by Collect is viewable inline and downloadable byte for byte")
    func attachments() async throws {
        let bench = try await ReviewWorkbench()
        let token = try await CollectorRegistry(collectors: bench.app.stores.collectors).add(name: "Aida", by: "aida").token
        let interview = ReviewWorkbench.Interview(photo: "house.jpg")
        let photo = Data((0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try await bench.signedIn { browser in
            var headers = Fieldwork.openRosaHeaders
            headers[.contentType] = "multipart/form-data; boundary=\(Fieldwork.boundary)"
            let body = Fieldwork.multipart([.xml(ReviewWorkbench.xml(interview)), .file("house.jpg", photo)])
            let sent = try await browser.client.execute(uri: "/key/\(token)/submission", method: .post, headers: headers, body: ByteBuffer(bytes: body))
            #expect(sent.status == .created)
            let id = try #require(try await bench.app.stores.submissions.submission(instanceID: interview.instanceID)?.id)
            let html = try await browser.get("/submissions/\(id)").text
            #expect(html.contains(#"<img src="/submissions/\#(id)/attachments/house.jpg""#))
            let inline = try await browser.get("/submissions/\(id)/attachments/house.jpg")
            #expect(inline.status == .ok)
            #expect(inline.headers[.contentType] == "image/jpeg")
            #expect(inline.headers[.contentDisposition] == #"inline; filename="house.jpg""#)
            let download = try await browser.get("/submissions/\(id)/attachments/house.jpg?download=1")
            #expect(download.headers[.contentDisposition] == #"attachment; filename="house.jpg""#)
            #expect(try Fieldwork.md5sum(Data(download.body.readableBytesView)) == (try Fieldwork.md5sum(photo)))
            #expect(try await browser.get("/submissions/\(id)/attachments/other.jpg").status == .notFound)
        }
    }

    @Test("each role may or may not read, review and edit as the permission table says, inside and outside the study")
    func roles() async throws {
        let bench = try await ReviewWorkbench()
        var users: [(String, Role, Bool)] = []
        for role in Role.known where role != .admin {
            try await bench.app.addUser("\(role.rawValue)-in", role: role)
            try await bench.app.addUser("\(role.rawValue)-out", role: role, studies: [])
            users += [("\(role.rawValue)-in", role, true), ("\(role.rawValue)-out", role, false)]
        }
        for (username, role, member) in users {
            let interview = ReviewWorkbench.Interview()
            let id = try await bench.receive(interview)
            let allowed = AccessPolicy.standard.allows(role, .reviewSubmissions, inStudy: BuiltInStudy.id, memberOf: member ? [BuiltInStudy.id] : [])
            try await bench.signedIn(as: username) { browser in
                let page = try await browser.get("/submissions/\(id)")
                #expect((page.status == .ok) == allowed, "\(username) GET: \(page.status.code)")
                if !allowed { #expect(page.status == .forbidden, "\(username)") }
                let review = try await Self.review(browser, id, state: "approved", comment: "ok")
                #expect(review.status == (allowed ? .seeOther : .forbidden), "\(username) review: \(review.status.code)")
                let edit = try await browser.post("/submissions/\(id)/edit", form: [("_csrf", try await browser.formToken()), ("a.respondent/age", "50")])
                #expect(edit.status == (allowed ? .seeOther : .forbidden), "\(username) edit: \(edit.status.code)")
            }
            let versions = try await bench.app.stores.submissions.history(rootInstanceID: interview.instanceID)
            #expect(versions.count == (allowed ? 2 : 1), "\(username)")
            #expect(versions.first?.reviewState == (allowed ? .approved : .received), "\(username)")
        }
    }
}
