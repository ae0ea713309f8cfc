import Foundation
import Hummingbird
import HummingbirdTesting
import SanaripStorage
import Testing

@testable import SanaripServer

/// The review list, a submission and the fieldwork dashboard in Debian's chromium: no console errors or failed
/// requests, the language switch, and a layout that holds on a 390-pixel-wide phone. Screenshots go to
/// `.build/browser-screenshots/`.
@Suite("Review pages in chromium", .serialized, .enabled(if: WebDriver.isInstalled, WebDriver.notInstalled))
struct ReviewBrowserTests {
    /// Signs in through the sign-in form as the admin.
    static func signIn(_ browser: WebDriver, root: String) async throws {
        try await browser.open("\(root)/login")
        try await browser.element("#username").type("admin")
        try await browser.element("#password").type(TestApp.adminPassword)
        try await browser.element("form[action='/login'] button[type=submit]").click()
        let left = try await WebDriver.waitUntil(timeout: 10) { !(try await browser.currentURL).contains("/login") }
        try #require(left, "still on the sign-in page after signing in")
    }

    @Test("review list, submission and dashboard: no console errors, language switch, 390 px layout")
    func pages() async throws {
        let (bench, plan) = try await FieldworkDashboardTests.seeded()
        let submission = try #require(
            try await bench.app.stores.reviews.page(SubmissionQuery(formID: ReviewWorkbench.formID, limit: 1)).submissions.first?.id)
        let localizer = try await PageRenderer.bundled().localizer
        /// Each page with its heading in English and Russian (empty: the heading is the instance id).
        let pages: [(path: String, name: String, en: String, ru: String)] = [
            ("/submissions?form=\(ReviewWorkbench.formID)", "review-list", localizer.string("review.submissions", in: .en), localizer.string("review.submissions", in: .ru)),
            ("/submissions/\(submission)", "review-detail", "", ""),
            ("/fieldwork/\(ReviewWorkbench.formID)?plan=\(plan)", "fieldwork", localizer.string("review.dashboard", in: .en), localizer.string("review.dashboard", in: .ru)),
        ]
        try await bench.test(.live) { client in
            let root = "http://127.0.0.1:\(try #require(client.port))"
            try await WebDriver.withSession { browser in
                try await ReviewBrowserTests.signIn(browser, root: root)
                let signIn = try await browser.severeLogEntries()
                #expect(signIn == [], "signing in: \(signIn)")
                for page in pages {
                    try await browser.open(root + page.path + (page.path.contains("?") ? "&" : "?") + "lang=en")
                    let heading = try await browser.element("main h1").text
                    if !page.en.isEmpty { #expect(heading.hasPrefix(page.en), "\(page.name): \(heading)") }
                    let severe = try await browser.severeLogEntries()
                    #expect(severe == [], "\(page.name): \(severe)")
                    try await browser.screenshot("\(page.name)-en")
                    // The language switch: the link to Russian reloads the same page in Russian.
                    try await browser.element(".language-switch a[hreflang=ru]").click()
                    let russian = try await WebDriver.waitUntil(timeout: 10) {
                        (try await browser.run("return document.documentElement.lang") as? String) == "ru"
                    }
                    #expect(russian, "\(page.name): the page did not switch to Russian")
                    if !page.ru.isEmpty {
                        #expect(try await browser.element("main h1").text.hasPrefix(page.ru), "\(page.name)")
                    }
                    #expect(try await browser.element(".language-switch strong").text == "ru")
                    #expect(try await browser.severeLogEntries() == [], "\(page.name) in Russian")
                    // A phone: nothing wider than the screen except inside the scrolling table boxes.
                    try await browser.resize(width: 390, height: 844)
                    let widths = try #require(try await browser.run("""
                        return [document.documentElement.scrollWidth, document.documentElement.clientWidth,
                                Array.from(document.querySelectorAll('main > *')).filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map(e => e.tagName + '.' + e.className)]
                        """) as? [Any])
                    let scrollWidth = try #require(widths.first as? Int), clientWidth = try #require(widths.dropFirst().first as? Int)
                    #expect(clientWidth <= 390)
                    #expect(scrollWidth <= clientWidth, "\(page.name) overflows at 390 px: \(widths)")
                    try await browser.screenshot("\(page.name)-ru-390px")
                    try await browser.resize(width: 1280, height: 900)
                    try await browser.open(root + page.path + (page.path.contains("?") ? "&" : "?") + "lang=en")
                }
            }
        }
    }
}
