import Foundation
import Hummingbird
import HummingbirdTesting
import SanaripInstrument
import SanaripStorage
import Testing

@testable import SanaripServer

/// Browser entry of repeats: one sized by `repeat_count` from an earlier answer, one the person entering sizes with
/// "add" and "remove"; relevance and constraints inside instances; the stored XML read back by Python.
@Suite("Browser entry of repeats")
struct BrowserEntryRepeatTests {
    /// A household form: members as many as `size` says, phones as many as are added.
    static func workbench() async throws -> ReviewWorkbench {
        try await ReviewWorkbench().publishing("entry-repeats", files: [
            "survey.csv": """
                type,name,label,required,relevant,constraint,constraint_message,repeat_count,calculation
                begin_group,household,Household,,,,,,
                integer,size,How many people live here?,yes,,. >= 1 and . <= 10,Between 1 and 10,,
                begin_repeat,member,Member,,,,,${size},
                text,member_name,Name,yes,,,,,
                integer,member_age,Age,yes,,. >= 0 and . < 120,Age between 0 and 119,,
                select_one yn,member_online,Uses the internet?,,${member_age} >= 10,,,,
                calculate,adult,,,,,,,"if(${member_age} >= 18, 1, 0)"
                end_repeat,,,,,,,,
                end_group,,,,,,,,
                begin_repeat,phone,Phone,,,,,,
                text,number,Number,,,,,,
                end_repeat,,,,,,,,
                """,
            "choices.csv": "list_name,name,label\nyn,1,Yes\nyn,0,No\n",
            "settings.csv": "form_id,version,form_title\nentry_repeats,1,Household roster\n",
        ])
    }

    @Test("members follow the count typed before them, phones are added and removed; the XML has one element per instance")
    func repeats() async throws {
        let bench = try await Self.workbench()
        try await bench.enteringAsSupervisor("entry_repeats") { browser, token, path in
            let first = try await browser.get(path)
            #expect(!first.text.contains("household/member~1"), "no member before the count is known")
            // The count makes two members appear: the page is shown again with them, without complaints.
            let grown = try await browser.post(path, form: [("_csrf", token), ("page", "0"), ("action", "next"), ("a.household/size", "2")])
            #expect(grown.status == .ok && grown.text.contains("name=\"a.household/member~2/member_name\"") && !grown.text.contains("member~3"))
            #expect(grown.text.contains("<h2 class=\"instance\">Member 2</h2>") && !grown.text.contains("class=\"error"))
            let relevant = try await browser.post(path, form: [
                ("_csrf", token), ("page", "0"), ("action", "next"), ("a.household/size", "2"),
                ("a.household/member~1/member_name", "Aida"), ("a.household/member~1/member_age", "34"),
                ("a.household/member~2/member_name", "Timur"), ("a.household/member~2/member_age", "7"),
            ])
            // Aida's age makes her internet question relevant (within her instance only): shown before going on.
            #expect(relevant.status == .ok && relevant.text.contains("a.household/member~1/member_online") && !relevant.text.contains("a.household/member~2/member_online"))
            let invalid = try await browser.post(path, form: [
                ("_csrf", token), ("page", "0"), ("action", "next"), ("a.household/size", "2"),
                ("a.household/member~1/member_name", "Aida"), ("a.household/member~1/member_age", "130"),
                ("a.household/member~2/member_name", "Timur"), ("a.household/member~2/member_age", "7"),
            ])
            #expect(invalid.status == .ok && invalid.text.contains("Age between 0 and 119"))
            #expect(invalid.text.contains(#"<div class="question invalid" id="q-household-member-1-member_age">"#))
            let next = try await browser.post(path, form: [
                ("_csrf", token), ("page", "0"), ("action", "next"), ("a.household/size", "2"),
                ("a.household/member~1/member_name", "Aida"), ("a.household/member~1/member_age", "34"), ("a.household/member~1/member_online", "1"),
                ("a.household/member~2/member_name", "Timur"), ("a.household/member~2/member_age", "7"),
            ])
            #expect(next.status == .seeOther && next.headers[.location]?.hasSuffix("?page=1") == true)
            let phones = try await browser.get(path + "?page=1")
            #expect(phones.text.contains("name=\"a.phone~1/number\"") && phones.text.contains("value=\"add:phone\""))
            _ = try await browser.post(path, form: [("_csrf", token), ("page", "1"), ("action", "add:phone"), ("a.phone~1/number", "0555 111 222")])
            _ = try await browser.post(path, form: [("_csrf", token), ("page", "1"), ("action", "add:phone"), ("a.phone~1/number", "0555 111 222"), ("a.phone~2/number", "0700 333 444")])
            let three = try await browser.get(path + "?page=1")
            #expect(three.text.contains("a.phone~3/number") && three.text.contains("value=\"0700 333 444\""))
            _ = try await browser.post(path, form: [
                ("_csrf", token), ("page", "1"), ("action", "remove:phone"), ("a.phone~1/number", "0555 111 222"), ("a.phone~2/number", "0700 333 444"),
                ("a.phone~3/number", "dropped"),
            ])
            let finished = try await browser.post(path, form: [("_csrf", token), ("page", "1"), ("action", "finish"), ("a.phone~1/number", "0555 111 222"), ("a.phone~2/number", "0700 333 444")])
            #expect(finished.status == .seeOther && finished.headers[.location]?.hasPrefix("/submissions/") == true)
        }
        let page = try await bench.app.stores.reviews.page(SubmissionQuery(formID: "entry_repeats"))
        let submission = try #require(page.submissions.first)
        let values = try ReviewPageTests.pythonRead(submission.xml, paths: [
            "household/size", "household/member[1]/member_name", "household/member[1]/member_age", "household/member[1]/member_online",
            "household/member[1]/adult", "household/member[2]/member_name", "household/member[2]/adult", "household/member[2]/member_online",
            "phone[1]/number", "phone[2]/number",
        ])
        #expect(values == ["2", "Aida", "34", "1", "1", "Timur", "0", "", "0555 111 222", "0700 333 444"])
        #expect(!String(decoding: submission.xml, as: UTF8.self).contains("dropped"), "the removed phone is gone")
        let rows = try await bench.app.stores.submissions.answerRows(submissionID: try #require(submission.id))
        #expect(rows.map(\.repeatPath) == ["", "household/member", "household/member", "phone", "phone"])
        #expect(submission.problems == [])
    }
}

/// The built-in instrument's training courses: as many as `training_n`, numbered by `position(..)`.
@Suite("Browser entry of the built-in instrument's repeat")
struct BuiltInRepeatEntryTests {
    @Test("consent given, training_n = 2 gives two courses on the learning page, tr_no 1 and 2; training_any = no gives none")
    func trainingCourses() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("instruments/digital-divide-kg")
        let result = XLSFormReader().read(try XLSFormReader.workbook(contentsOf: folder))
        try #require(!result.hasErrors)
        let form = EntryForm(instrument: result.instrument)
        let page = try #require(form.pages.firstIndex { $0.path == ["interview", "learning"] })
        let texts = form.settled(["intro/consent": "OK", "interview/learning/training_any": "yes", "interview/learning/training_n": "2"])
        let shown = form.questions(onPage: page, texts).map(\.path)
        #expect(shown.contains("interview/learning/training~2/tr_topic") && !shown.contains("interview/learning/training~3/tr_topic"))
        #expect(texts["interview/learning/training~1/tr_no"] == "1" && texts["interview/learning/training~2/tr_no"] == "2")
        let none = form.settled(["intro/consent": "OK", "interview/learning/training_any": "no", "interview/learning/training_n": "2"])
        #expect(!form.questions(onPage: page, none).map(\.path).contains { $0.contains("training~") })
        let xml = String(decoding: form.xml(texts, instanceID: "uuid:t"), as: UTF8.self)
        #expect(xml.components(separatedBy: "<training>").count == 3, "two training elements")
    }
}

/// The same in chromium: typing a household roster and phones, without JavaScript on the page.
@Suite("Browser entry of repeats in chromium", .serialized, .enabled(if: WebDriver.isInstalled, WebDriver.notInstalled))
struct BrowserEntryRepeatChromiumTests {
    @Test("a supervisor types two members and two phones in chromium; the XML has them in order")
    func roster() async throws {
        let bench = try await BrowserEntryRepeatTests.workbench()
        try await bench.test(.live) { client in
            let root = "http://127.0.0.1:\(try #require(client.port))"
            try await WebDriver.withSession { browser in
                try await ReviewBrowserTests.signIn(browser, root: root)
                try await browser.open("\(root)/entry?lang=en")
                try await browser.element("form[action='/entry/entry_repeats'] button").click()
                try await browser.element("#q-household-size-input").type("2")
                try await browser.element("button[value=next]").click()
                try await browser.element("#q-household-member-1-member_name-input").type("Aida")
                try await browser.element("#q-household-member-1-member_age-input").type("34")
                try await browser.element("#q-household-member-2-member_name-input").type("Timur")
                try await browser.element("#q-household-member-2-member_age-input").type("7")
                try await browser.element("button[value=next]").click()
                try await browser.element("#c-household-member-1-member_online-1").click()
                #expect(try await browser.count("input[name='a.household/member~2/member_online']") == 0)
                try await browser.resize(width: 390, height: 844)
                let widths = try #require(try await browser.run("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]") as? [Int])
                #expect(widths[0] <= widths[1], "the roster page overflows at 390 px: \(widths)")
                try await browser.screenshot("entry-repeat-390px")
                try await browser.element("button[value=next]").click()
                try await browser.element("#q-phone-1-number-input").type("0555 111 222")
                try await browser.element("button[value='add:phone']").click()
                try await browser.element("#q-phone-2-number-input").type("0700 333 444")
                try await browser.element("button[value=finish]").click()
                let stored = try await WebDriver.waitUntil(timeout: 10) { (try await browser.currentURL).contains("/submissions/") }
                #expect(stored)
                let severe = try await browser.severeLogEntries()
                #expect(severe == [], "\(severe)")
            }
        }
        let page = try await bench.app.stores.reviews.page(SubmissionQuery(formID: "entry_repeats"))
        let submission = try #require(page.submissions.first)
        let values = try ReviewPageTests.pythonRead(submission.xml, paths: [
            "household/member[1]/member_name", "household/member[1]/member_online", "household/member[2]/member_name", "phone[1]/number", "phone[2]/number",
        ])
        #expect(values == ["Aida", "1", "Timur", "0555 111 222", "0700 333 444"])
    }
}
