import Foundation
import Hummingbird
import HummingbirdTesting
import SanaripCore
import Testing

@testable import SanaripServer

/// The analysis workspace in Debian's chromium on a demo study: every page loads without console errors or failed
/// requests and shows its charts, in Kyrgyz, Russian and English; the pages hold no script, and their forms work
/// as plain HTML forms (a choice and the submit button); the layout holds on a 390-pixel-wide phone. Screenshots
/// go to `.build/browser-screenshots/`.
@Suite("Workspace pages in chromium", .serialized, .enabled(if: WebDriver.isInstalled, WebDriver.notInstalled))
struct WorkspaceBrowserTests {
    @Test("explorer, gaps, barriers, official data, map, design, drivers and response rates: charts, no script, no console errors, ky/ru/en, 390 px")
    func pages() async throws {
        let (app, directory) = try await WorkspaceTests.demoApp(respondents: 200)
        defer { try? FileManager.default.removeItem(at: directory) }
        let base = "/studies/\(BuiltInStudy.id)"
        /// Each page with the number of charts it must show at least.
        let pages: [(path: String, name: String, charts: Int)] = [
            ("\(base)/workspace/explorer", "workspace-explorer", 1), ("\(base)/workspace/gaps", "workspace-gaps", 1),
            ("\(base)/workspace/barriers", "workspace-barriers", 1), ("\(base)/workspace/official", "workspace-official", 2),
            ("\(base)/workspace/map", "workspace-map", 2), ("\(base)/design", "workspace-design", 0),
            ("\(base)/workspace/drivers", "workspace-drivers", 1), ("\(base)/workspace/response", "workspace-response", 1),
        ]
        try await app.test(.live, configure: WorkspaceTests.configure(directory)) { client in
            let root = "http://127.0.0.1:\(try #require(client.port))"
            try await WebDriver.withSession { browser in
                try await ReviewBrowserTests.signIn(browser, root: root)
                #expect(try await browser.severeLogEntries() == [], "signing in")
                try await browser.checkPages(pages, root: root)
                // The explorer's form without script: choose a breakdown, press the button, and the page shows it.
                try await browser.open(root + base + "/workspace/explorer?lang=en")
                let option = try await browser.element("select[name=by] option[value='settlement_type*sex']")
                try await option.click()
                try await browser.element("form.workspace-form button[type=submit]").click()
                let moved = try await WebDriver.waitUntil(timeout: 10) { (try await browser.currentURL).contains("by=settlement_type") }
                #expect(moved, "the explorer's form did not submit the breakdown")
                #expect(try await browser.count("svg.chart") >= 1)
                // The language switch keeps the page and its query.
                try await browser.element(".language-switch a[hreflang=ky]").click()
                let kyrgyz = try await WebDriver.waitUntil(timeout: 10) {
                    (try await browser.run("return document.documentElement.lang") as? String) == "ky"
                }
                #expect(kyrgyz)
                let switched = try await browser.currentURL
                #expect(switched.contains("/workspace/explorer") && switched.contains("by=settlement_type"), "\(switched)")
                #expect(try await browser.severeLogEntries() == [])
            }
        }
    }
}
