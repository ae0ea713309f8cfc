import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import SanaripStorage
import Testing

@testable import SanaripServer

/// File questions in browser entry: the photo chosen on the page is kept with the draft and stored with the
/// submission as Collect's multipart intake stores one (`attachments/…`, name = the answer, MD5 and size kept).
@Suite("Browser entry of file questions")
struct BrowserEntryFileTests {
    /// A one-page form: the house's name and its photo.
    static func workbench() async throws -> ReviewWorkbench {
        try await ReviewWorkbench().publishing("entry-photo", files: [
            "survey.csv": "type,name,label,required\ntext,house_name,Name of the house,yes\nimage,house_photo,Photo of the house,yes\n",
            "settings.csv": "form_id,version,form_title\nentry_photo,1,House photo\n",
        ])
    }

    static let photo = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 31) })

    /// The submission's stored photo: its name in the XML (read by Python), its attachment row and the bytes on disk.
    static func storedPhoto(_ bench: ReviewWorkbench) async throws -> (answer: String, attachment: SubmissionAttachment, bytes: Data) {
        let page = try await bench.app.stores.reviews.page(SubmissionQuery(formID: "entry_photo"))
        let submission = try #require(page.submissions.first)
        let answer = try #require(try ReviewPageTests.pythonRead(submission.xml, paths: ["house_photo"]).first)
        let attachments = try await bench.app.stores.submissions.attachments(submissionID: try #require(submission.id))
        let attachment = try #require(attachments.first)
        #expect(attachments.count == 1)
        let path = try #require(attachment.path)
        return (answer, attachment, try Data(contentsOf: bench.dataDirectory.appendingPathComponent(path)))
    }

    @Test("the photo is kept over saved pages and stored with the submission as Collect's multipart intake stores it; a file over the limit is refused on the page")
    func photoIsStoredAsAnAttachment() async throws {
        let bench = try await Self.workbench()
        try await bench.enteringAsSupervisor("entry_photo") { browser, token, path in
            let first = try await browser.get(path)
            #expect(first.text.contains(#"enctype="multipart/form-data""#) && first.text.contains(#"name="f.house_photo" type="file" accept="image/*""#))

            let tooLarge = try await browser.upload(
                path, fields: [("_csrf", token), ("page", "0"), ("action", "save"), ("a.house_name", "Aida's")],
                file: ("f.house_photo", "big.jpg", Data(count: EntryDraftFiles.maximumFileSize + 1)))
            #expect(tooLarge.status == .ok && tooLarge.text.contains("The file is larger than 10 MB"))

            let saved = try await browser.upload(
                path, fields: [("_csrf", token), ("page", "0"), ("action", "save"), ("a.house_name", "Aida's")],
                file: ("f.house_photo", "IMG 0042.PNG", Self.photo))
            #expect(saved.status == .seeOther)
            let kept = try await browser.get(path)
            #expect(kept.text.range(of: #"File kept: <code>[0-9]{13}\.png</code>"#, options: .regularExpression) != nil, "the page names the kept file")
            // Finishing without choosing the file again keeps it.
            let finished = try await browser.upload(
                path, fields: [("_csrf", token), ("page", "0"), ("action", "finish"), ("a.house_name", "Aida's")],
                file: ("f.house_photo", "", Data()))
            #expect(finished.status == .seeOther && finished.headers[.location]?.hasPrefix("/submissions/") == true)
        }
        let stored = try await Self.storedPhoto(bench)
        #expect(stored.answer.range(of: #"^[0-9]{13}\.png$"#, options: .regularExpression) != nil)
        #expect(stored.attachment.name == stored.answer && stored.attachment.isPresent)
        #expect(stored.attachment.contentType == "image/png" && stored.attachment.size == Int64(Self.photo.count))
        #expect(stored.attachment.md5 == Insecure.MD5.hash(data: Self.photo).map { String(format: "%02x", $0) }.joined())
        #expect(stored.bytes == Self.photo)
        let drafts = bench.dataDirectory.appendingPathComponent("entry-drafts").path
        #expect((try? FileManager.default.contentsOfDirectory(atPath: drafts))?.isEmpty ?? true, "the draft's files are gone with the draft")
    }
}

/// The same in chromium: the photo chosen with the page's file chooser.
@Suite("Browser entry of file questions in chromium", .serialized, .enabled(if: WebDriver.isInstalled, WebDriver.notInstalled))
struct BrowserEntryFileChromiumTests {
    @Test("a supervisor attaches a photo in chromium; it is stored with the submission byte for byte")
    func photoChosenInChromium() async throws {
        let bench = try await BrowserEntryFileTests.workbench()
        let file = bench.dataDirectory.appendingPathComponent("house.png")
        try BrowserEntryFileTests.photo.write(to: file)
        try await bench.test(.live) { client in
            let root = "http://127.0.0.1:\(try #require(client.port))"
            try await WebDriver.withSession { browser in
                try await ReviewBrowserTests.signIn(browser, root: root)
                try await browser.open("\(root)/entry?lang=en")
                try await browser.element("form[action='/entry/entry_photo'] button").click()
                try await browser.element("#q-house_name-input").type("Aida's")
                try await browser.element("#q-house_photo-input").type(file.path)
                try await browser.resize(width: 390, height: 844)
                try await browser.screenshot("entry-photo-390px")
                try await browser.element("button[value=finish]").click()
                let stored = try await WebDriver.waitUntil(timeout: 10) { (try await browser.currentURL).contains("/submissions/") }
                #expect(stored)
                let severe = try await browser.severeLogEntries()
                #expect(severe == [], "\(severe)")
            }
        }
        let stored = try await BrowserEntryFileTests.storedPhoto(bench)
        #expect(stored.attachment.name == stored.answer && stored.answer.hasSuffix(".png"))
        #expect(stored.bytes == BrowserEntryFileTests.photo)
    }
}
