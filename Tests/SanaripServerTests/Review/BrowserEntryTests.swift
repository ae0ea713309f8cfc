import Foundation
import Hummingbird
import HummingbirdTesting
import SanaripStorage
import Testing

@testable import SanaripServer

/// Browser entry of the `entry_survey` form: pages, relevance, `required`, constraints and calculations
/// evaluated on the server; drafts; the finished form stored through the intake as Collect's XML.
@Suite("Browser entry")
struct BrowserEntryTests {
    static let formFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/entry-survey")

    /// The review workbench with the entry form published too.
    static func workbench() async throws -> ReviewWorkbench {
        try await ReviewWorkbench().publishing(formFolder)
    }

    /// Starts a draft of `entry_survey` and returns its page's path.
    static func start(_ browser: Browser) async throws -> String {
        let started = try await browser.post("/entry/entry_survey", form: [("_csrf", try await browser.formToken())])
        #expect(started.status == .seeOther)
        return try #require(started.headers[.location])
    }

    @Test("drafts keep every saved page, only their author sees them; required and constraint messages in the page's language")
    func drafts() async throws {
        let bench = try await Self.workbench()
        try await bench.app.addUser("sara", role: .supervisor)
        try await bench.app.addUser("timur", role: .supervisor)
        let draftPath = try await bench.test { client in
            let browser = Browser(client, cookies: ["lang": "ru"])
            try await browser.logIn(username: "sara", password: TestApp.userPassword)
            let path = try await Self.start(browser)
            let token = try await browser.formToken()
            let invalid = try await browser.post(path, form: [("_csrf", token), ("page", "0"), ("action", "next"), ("a.person/age", "10")])
            #expect(invalid.status == .ok)
            #expect(invalid.text.contains("Возраст должен быть от 15 до 100"))
            #expect(invalid.text.contains(#"<div class="question invalid" id="q-person-first_name">"#))
            let saved = try await browser.post(path, form: [("_csrf", token), ("page", "0"), ("action", "save"), ("a.person/first_name", "Aida"), ("a.person/age", "31")])
            #expect(saved.status == .seeOther)
            #expect(try await browser.get("/entry").text.contains("href=\"\(path)\""))
            return path
        }
        let id = try #require(Int64(draftPath.split(separator: "/").last.map(String.init) ?? ""))
        let draft = try #require(try await bench.app.stores.reviews.draft(id: id))
        #expect(draft.answers["person/first_name"] == "Aida")
        #expect(draft.answers["person/age"] == "31")
        #expect(draft.answers["internet/age_next"] == "32")
        #expect(draft.answers["start"] != nil)
        try await bench.signedIn(as: "timur") { browser in
            let response = try await browser.get(draftPath)
            #expect(response.status == .notFound)
        }
    }
}

/// The same in chromium: typing, the error shown, a question appearing when it becomes relevant, the result stored.
@Suite("Browser entry in chromium", .serialized, .enabled(if: WebDriver.isInstalled, WebDriver.notInstalled))
struct BrowserEntryChromiumTests {
    @Test("a supervisor types a questionnaire in chromium; the submission is the XML Collect would send")
    func entry() async throws {
        let bench = try await BrowserEntryTests.workbench()
        try await bench.test(.live) { client in
            let root = "http://127.0.0.1:\(try #require(client.port))"
            try await WebDriver.withSession { browser in
                try await ReviewBrowserTests.signIn(browser, root: root)
                try await browser.open("\(root)/entry?lang=en")
                try await browser.element("form[action='/entry/entry_survey'] button").click()
                try await browser.element("#q-person-first_name-input").type("Aida")
                try await browser.element("#q-person-age-input").type("10")
                try await browser.element("button[value=next]").click()
                #expect(try await browser.element(".question.invalid .problem").text == "Age must be between 15 and 100")
                try await browser.screenshot("entry-constraint")
                try await browser.element("#q-person-age-input").clear()
                try await browser.element("#q-person-age-input").type("30")
                try await browser.element("button[value=next]").click()
                _ = try await browser.element("#q-internet-uses_internet")
                #expect(try await browser.count("input[name^='m.internet/apps']") == 0)
                try await browser.element("#c-internet-uses_internet-1").click()
                try await browser.element("button[value=finish]").click()
                // The answer made `apps` relevant: the page is shown again with it.
                try await browser.element("#c-internet-apps-whatsapp").click()
                try await browser.element("#c-internet-apps-telegram").click()
                try await browser.resize(width: 390, height: 844)
                let widths = try #require(try await browser.run("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]") as? [Int])
                #expect(widths[0] <= widths[1], "the entry page overflows at 390 px: \(widths)")
                try await browser.screenshot("entry-relevance-390px")
                try await browser.element("button[value=finish]").click()
                let stored = try await WebDriver.waitUntil(timeout: 10) { (try await browser.currentURL).contains("/submissions/") }
                #expect(stored)
                let severe = try await browser.severeLogEntries()
                #expect(severe == [], "\(severe)")
            }
        }
        let page = try await bench.app.stores.reviews.page(SubmissionQuery(formID: "entry_survey"))
        let submission = try #require(page.submissions.first)
        #expect(page.total == 1)
        #expect(submission.submitter == "admin")
        let values = try ReviewPageTests.pythonRead(
            submission.xml, paths: ["person/first_name", "person/age", "internet/uses_internet", "internet/apps", "internet/age_next", "meta/instanceID"])
        #expect(values == ["Aida", "30", "1", "whatsapp telegram", "31", submission.instanceID])
        let rows = try await bench.app.stores.submissions.answerRows(submissionID: try #require(submission.id))
        #expect(rows.first?.answers.first { $0.path == "person/age" }?.number == 30)
        #expect(submission.problems == [])
        #expect(try await bench.app.stores.reviews.drafts(author: "admin").isEmpty)
    }
}
