import Foundation
import SanaripCore
import Testing

@testable import SanaripStorage

@Suite("Submission store")
struct SubmissionStoreTests {
    let stores: Stores

    init() throws {
        stores = try SanaripDatabase.inMemory().stores
    }

    /// Publishes form `hh` version `version` and returns the stored version.
    func publish(version: String = "1") async throws -> FormVersion {
        if try await stores.studies.study(id: Fixtures.study.id) == nil { try await stores.studies.save(Fixtures.study, by: "aida") }
        try await stores.instruments.insert(Fixtures.instrument(id: "hh-\(version)", version: version), by: "aida")
        let xform = Data("<h:html version=\"\(version)\"/>".utf8)
        return try await stores.forms.publish(
            FormVersion(formID: "hh", version: version, title: "Household", instrumentID: "hh-\(version)", xform: xform, md5: "md5-\(version)", publishedBy: "aida"),
            media: [FormMedia(formVersionID: 0, filename: "logo.png", contentType: "image/png", size: 3, md5: "abc", path: "forms/hh/logo.png")],
            by: "aida"
        )
    }

    func incoming(
        _ instanceID: String, xml: String, version: FormVersion, deprecatedID: String? = nil, files: [String] = [], expected: [String] = ["photo.jpg"]
    ) -> IncomingSubmission {
        let submission = StoredSubmission(
            instanceID: instanceID, deprecatedID: deprecatedID, formVersionID: version.id ?? 0, formID: "hh", version: version.version,
            xml: Data(xml.utf8), xmlMD5: "", submitter: "collector:aida"
        )
        let rows = [
            SubmissionAnswerRow(answers: [SubmissionAnswer(path: "household/members", type: "integer", text: "4", number: 4)]),
            SubmissionAnswerRow(repeatPath: "member", position: 1, parent: 0, answers: [SubmissionAnswer(path: "member/name", type: "text", text: xml)]),
            SubmissionAnswerRow(repeatPath: "member/phone", position: 1, parent: 1, answers: [SubmissionAnswer(path: "member/phone/number", type: "text", text: "0555")]),
        ]
        let received = files.map { ReceivedFile(name: $0, contentType: "image/jpeg", size: 10, md5: "m-\($0)", path: "attachments/\(instanceID)/\($0)") }
        return IncomingSubmission(submission: submission, rows: rows, expectedAttachments: expected, files: received)
    }

    @Test("form versions: every version is kept, the newest is listed, media come with their version")
    func formVersions() async throws {
        let first = try await publish(version: "1")
        let second = try await publish(version: "2")
        #expect(try await stores.forms.latestVersions().map(\.version) == ["2"])
        #expect(try await stores.forms.versions(formID: "hh").map(\.version) == ["2", "1"])
        #expect(try await stores.forms.formVersion(formID: "hh", version: "1")?.id == first.id)
        #expect(try await stores.forms.media(formVersionID: try #require(second.id)).map(\.filename) == ["logo.png"])
        await #expect(throws: StorageError.conflict("form hh version 2 is already published")) {
            try await stores.forms.publish(second, media: [], by: "aida")
        }
    }

    @Test("a submission is stored with its answers as rows, repeats under their parents, and its expected files")
    func newSubmission() async throws {
        let version = try await publish()
        let receipt = try await stores.submissions.receive(incoming("uuid:1", xml: "<a/>", version: version), by: "collector:aida")
        #expect(receipt.outcome == .created)
        #expect(receipt.missingAttachments == ["photo.jpg"])
        let rows = try await stores.submissions.answerRows(submissionID: receipt.submissionID)
        try #require(rows.count == 3)
        #expect(rows[0].answers == [SubmissionAnswer(path: "household/members", type: "integer", text: "4", number: 4)])
        #expect(rows[1].parent == 0 && rows[2].parent == 1 && rows[2].repeatPath == "member/phone")
        let attachments = try await stores.submissions.attachments(submissionID: receipt.submissionID)
        #expect(attachments.map(\.name) == ["photo.jpg"] && attachments.map(\.isPresent) == [false])
        let log = try await stores.auditLog.entries(objectType: "submission", objectID: "uuid:1")
        #expect(log.map(\.action.rawValue) == ["submission.create"])
    }

    @Test("the same XML again adds the missing files once and nothing else; different XML is a conflict")
    func resubmission() async throws {
        let version = try await publish()
        _ = try await stores.submissions.receive(incoming("uuid:1", xml: "<a/>", version: version), by: "c")
        let again = try await stores.submissions.receive(
            incoming("uuid:1", xml: "<a/>", version: version, files: ["photo.jpg", "stray.jpg"]), by: "c"
        )
        #expect(again.outcome == .resubmitted)
        #expect(again.missingAttachments.isEmpty)
        #expect(again.unusedFiles.map(\.name) == ["stray.jpg"])
        let third = try await stores.submissions.receive(incoming("uuid:1", xml: "<a/>", version: version, files: ["photo.jpg"]), by: "c")
        #expect(third.unusedFiles.map(\.name) == ["photo.jpg"], "a file already present is not replaced")
        let attachments = try await stores.submissions.attachments(submissionID: again.submissionID)
        #expect(attachments.count == 1 && attachments[0].isPresent && attachments[0].md5 == "m-photo.jpg")
        #expect(try await stores.submissions.currentSubmissionCount(formID: "hh") == 1)
        await #expect(throws: StorageError.self) {
            try await stores.submissions.receive(incoming("uuid:1", xml: "<b/>", version: version), by: "c")
        }
        #expect(try await stores.submissions.submission(instanceID: "uuid:1")?.xml == Data("<a/>".utf8))
    }

    @Test("an edit becomes the current version, keeps the history and the files; a stale edit is refused")
    func edits() async throws {
        let version = try await publish()
        _ = try await stores.submissions.receive(incoming("uuid:1", xml: "<a/>", version: version, files: ["photo.jpg"]), by: "c")
        let edit = try await stores.submissions.receive(incoming("uuid:2", xml: "<b/>", version: version, deprecatedID: "uuid:1"), by: "c")
        #expect(edit.outcome == .edited && edit.missingAttachments.isEmpty)
        let history = try await stores.submissions.history(rootInstanceID: "uuid:1")
        #expect(history.map(\.instanceID) == ["uuid:1", "uuid:2"])
        #expect(history.map(\.isCurrent) == [false, true])
        #expect(history.last?.reviewState == .edited)
        #expect(try await stores.submissions.attachments(submissionID: edit.submissionID).first?.path == "attachments/uuid:1/photo.jpg")
        await #expect(throws: StorageError.self) {
            try await stores.submissions.receive(incoming("uuid:3", xml: "<c/>", version: version, deprecatedID: "uuid:1"), by: "c")
        }
        await #expect(throws: StorageError.self) {
            try await stores.submissions.receive(incoming("uuid:4", xml: "<d/>", version: version, deprecatedID: "uuid:missing"), by: "c")
        }
        #expect(try await stores.submissions.submission(instanceID: "uuid:3") == nil, "nothing stored half-way")
        let current = try await stores.submissions.currentSubmissions(formID: "hh", after: nil, limit: 10)
        #expect(current.map(\.instanceID) == ["uuid:2"])
        #expect(current.first?.editCount == 1)
    }

    @Test("current submissions come in pages, in the order received")
    func pages() async throws {
        let version = try await publish()
        for index in 1...7 {
            _ = try await stores.submissions.receive(incoming("uuid:\(index)", xml: "<x n='\(index)'/>", version: version), by: "c")
        }
        var seen: [String] = []
        var after: Int64?
        while true {
            let page = try await stores.submissions.currentSubmissions(formID: "hh", after: after, limit: 3)
            guard let last = page.last else { break }
            #expect(page.count <= 3)
            #expect(page.allSatisfy { $0.rows.count == 3 && $0.attachmentsExpected == 1 && $0.attachmentsPresent == 0 })
            #expect(page.allSatisfy { $0.rows.map(\.parent) == [nil, 0, 1] && $0.rows.last?.answers.pairs.first?.text == "0555" })
            #expect(page.allSatisfy { $0.rows.dropFirst().first?.answers.pairs.first?.text.hasPrefix("<x n=") == true })
            seen += page.map(\.instanceID)
            after = last.id
        }
        #expect(seen == (1...7).map { "uuid:\($0)" })
    }

    @Test("collectors: unique names, found by token hash, revoked once and logged")
    func collectors() async throws {
        let collector = try await stores.collectors.insert(Collector(name: "Aida", tokenHash: "h1", createdBy: "admin"), by: "admin")
        #expect(collector.id != nil)
        await #expect(throws: StorageError.self) {
            try await stores.collectors.insert(Collector(name: "aida", tokenHash: "h2", createdBy: "admin"), by: "admin")
        }
        #expect(try await stores.collectors.collector(tokenHash: "h1")?.isActive == true)
        try await stores.collectors.revoke(name: "Aida", at: Date(), by: "admin")
        #expect(try await stores.collectors.collector(tokenHash: "h1")?.isActive == false)
        await #expect(throws: StorageError.notFound("collector Bek")) {
            try await stores.collectors.revoke(name: "Bek", at: Date(), by: "admin")
        }
        let log = try await stores.auditLog.entries(objectType: "collector", objectID: "Aida")
        #expect(log.map(\.action.rawValue) == ["create", "revoke"])
    }
}
