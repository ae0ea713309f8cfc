import Foundation
import Hummingbird
import HummingbirdTesting
import SanaripCore
import Testing

@testable import SanaripServer

/// The catalogue pages in Debian's chromium on a demo study of two rounds: each page loads without console errors
/// or script, shows its charts in Kyrgyz, Russian and English and holds on a 390-pixel-wide phone; an entry is
/// deleted through its confirmation page and brought back with Undo, by clicks. Screenshots go to
/// `.build/browser-screenshots/`.
@Suite("Catalogue pages in chromium", .serialized, .enabled(if: WebDriver.isInstalled, WebDriver.notInstalled))
struct CatalogueBrowserTests {
    @Test("catalogue list, entry, supply, e-services and monitoring (rounds, events): charts, no script, no console errors, ky/ru/en, 390 px; delete and undo")
    func pages() async throws {
        let (app, directory) = try await WorkspaceTests.demoApp(respondents: 300, rounds: 2)
        defer { try? FileManager.default.removeItem(at: directory) }
        let base = "/studies/\(BuiltInStudy.id)"
        let pages: [(path: String, name: String, charts: Int)] = [
            ("\(base)/catalogue?kind=courses", "catalogue-courses", 0), ("\(base)/catalogue/laws/entries/demo-law-2", "catalogue-law", 0),
            ("\(base)/supply?district=\(CatalogueTests.akSuu)", "catalogue-supply", 1), ("\(base)/eservices", "catalogue-eservices", 0),
            ("\(base)/monitoring?area=KG", "catalogue-monitoring", 3),
        ]
        try await app.test(.live, configure: WorkspaceTests.configure(directory)) { client in
            let root = "http://127.0.0.1:\(try #require(client.port))"
            try await WebDriver.withSession { browser in
                try await ReviewBrowserTests.signIn(browser, root: root)
                try await browser.checkPages(pages, root: root)
                // The monitoring page draws the events and the survey's two rounds.
                try await browser.open(root + base + "/monitoring?area=KG&lang=en")
                #expect(try await browser.count("line.event") >= 1)
                #expect(try await browser.count("line.target") >= 1)
                let monitoring = try await browser.element("main").text
                #expect(monitoring.contains("DEMO New agencies join Tunduk") && monitoring.contains("2025") && monitoring.contains("2026"))

                // Delete by clicks: the entry's link, the confirmation's button, then Undo on the list.
                try await browser.open(root + base + "/catalogue/courses/entries/demo-basics-women?lang=en")
                try await browser.element("a.danger").click()
                let asked = try await WebDriver.waitUntil(timeout: 10) { (try await browser.currentURL).hasSuffix("/entries/demo-basics-women/delete") }
                #expect(asked)
                try await browser.element("section.confirm button.danger").click()
                let listed = try await WebDriver.waitUntil(timeout: 10) { (try await browser.currentURL).contains("deleted=demo-basics-women") }
                #expect(listed)
                #expect(try await app.stores.catalogue.entry(studyID: BuiltInStudy.id, kind: "courses", entryID: "demo-basics-women") == nil)
                try await browser.element("form.inline button[type=submit]").click()
                let back = try await WebDriver.waitUntil(timeout: 10) { (try await browser.currentURL).hasSuffix("/entries/demo-basics-women") }
                #expect(back)
                #expect(try await app.stores.catalogue.entry(studyID: BuiltInStudy.id, kind: "courses", entryID: "demo-basics-women") != nil)
                #expect(try await browser.severeLogEntries() == [])
            }
        }
    }
}
