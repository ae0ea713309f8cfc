import Foundation
import Hummingbird
import HummingbirdTesting
import SanaripAnalysis
import SanaripAudit
import SanaripCatalogue
import SanaripCore
import SanaripReports
import Testing

@testable import SanaripServer

/// The maps by district on the audit's round page, the catalogue's supply-versus-need page and the workspace's map:
/// every district drawn with its value in its title; in Debian's chromium without console errors, also at 390 px.
@Suite("Maps by district on the audit, supply and workspace pages", .serialized)
struct DistrictMapPageTests {
    static let boundaries = WorkspaceTests.repository.appendingPathComponent("data/geo/districts.geojson")

    @Test("the audit round: Karakol's circle has its index and level shares, the other districts are not audited, in ky/ru/en")
    func auditRound() async throws {
        let suite = try WebAuditPageTests()
        let roundID = try await suite.seed()
        let stored = try #require(try await suite.app.stores.webAudits.results(roundID: roundID).first)
        let boundaries = try DistrictBoundaries(contentsOf: Self.boundaries)
        try await suite.app.test(configure: { $0.instrumentsDirectory = WebAuditPageTests.repository.appendingPathComponent("instruments") }) { client in
            let browser = Browser(client)
            try await browser.logIn()
            for (language, notAudited) in [("ky", "текшерилген эмес"), ("ru", "не обследован"), ("en", "not audited")] {
                let page = try await browser.get("\(WebAuditPageTests.base)/rounds/\(roundID)?lang=\(language)")
                #expect(page.status == .ok)
                for district in boundaries.districts {
                    let name = district.name(language)
                    if district.code == DistrictBoundaries.district(ofMunicipality: WebAuditPageTests.karakol) {
                        let value = LocalizedNumber.text(stored.score, digits: 2, language: language)
                        #expect(page.text.contains("<title>\(name): \(value) (n = 1; "), "\(name) \(language)")
                        #expect(page.text.contains("100%"), "Karakol's one municipality is all at its level")
                    } else {
                        #expect(page.text.contains("<title>\(name): \(notAudited)</title>"), "\(name) \(language)")
                    }
                }
            }
        }
    }

    @Test("on the demo study: the supply page's reachable courses and gaps, and the workspace's survey estimate, in each district")
    func demoStudy() async throws {
        let (app, directory) = try await WorkspaceTests.demoApp()
        defer { try? FileManager.default.removeItem(at: directory) }
        let courses = try await app.stores.catalogue.entries(studyID: BuiltInStudy.id, kind: "courses").compactMap(CatalogueService.entry)
        #expect(courses.contains { CourseReach(district: CatalogueTests.akSuu, group: "women").reaches($0) })
        let service = StudyAnalysisService(stores: app.stores, dataDirectory: directory, instrumentsDirectory: WorkspaceTests.repository.appendingPathComponent("instruments"))
        let results = try await service.results(studyID: BuiltInStudy.id, request: WorkspaceController.districtRequest).results
        let estimates = results.results.estimates.filter { $0.variable == "internet_use" && $0.domainNames == ["district"] }
        #expect(estimates.count >= 10, "the demo data has most districts")
        let boundaries = try DistrictBoundaries(contentsOf: Self.boundaries)
        try await app.test(configure: WorkspaceTests.configure(directory)) { client in
            let browser = Browser(client)
            try await browser.logIn()
            // Supply: two maps; each district's title starts with the courses the matching rules count for the group.
            let supply = try await browser.get("/studies/\(BuiltInStudy.id)/supply?group=women&lang=ru")
            #expect(supply.status == .ok)
            #expect(supply.text.components(separatedBy: "class=\"chart map\"").count - 1 == 2)
            for district in boundaries.districts {
                let reachable = courses.filter(CourseReach(district: district.code, group: "women").reaches).count
                let title = "<title>\(district.names.ru): \(reachable)"
                #expect(supply.text.contains(title + "<") || supply.text.contains(title + " ("), "\(district.names.ru): \(reachable) courses")
            }
            // The workspace's map: the engine's estimate by district with its interval and n.
            let map = try await browser.get("/studies/\(BuiltInStudy.id)/workspace/map?indicator=internet_use&lang=ru")
            #expect(map.status == .ok)
            for estimate in estimates {
                let district = try #require(boundaries.districts.first { $0.code == estimate.domainValues[0] }, "\(estimate.domainValues[0]) has an outline")
                let value = LocalizedNumber.text(estimate.estimate * 100, digits: 1, language: "ru") + "%"
                #expect(map.text.contains("<title>\(district.names.ru): \(value) ("), "\(district.names.ru): \(value)")
                #expect(map.text.contains("n = \(estimate.n))</title>"))
            }
        }
    }

    @Test("in chromium: the audit and supply pages draw their maps by district, no console errors, nothing wider than 390 px",
          .enabled(if: WebDriver.isInstalled, WebDriver.notInstalled))
    func browser() async throws {
        let suite = try WebAuditPageTests()
        let roundID = try await suite.seed()
        let (demo, directory) = try await WorkspaceTests.demoApp(respondents: 200)
        defer { try? FileManager.default.removeItem(at: directory) }
        let runs: [(TestApp, (inout ServerConfiguration) -> Void, String, String)] = [
            (suite.app, { $0.instrumentsDirectory = WebAuditPageTests.repository.appendingPathComponent("instruments") }, "\(WebAuditPageTests.base)/rounds/\(roundID)", "audit-districts"),
            (demo, WorkspaceTests.configure(directory), "/studies/\(BuiltInStudy.id)/supply", "supply-districts"),
        ]
        for (app, configure, path, name) in runs {
            try await app.test(.live, configure: configure) { client in
                let root = "http://127.0.0.1:\(try #require(client.port))"
                try await WebDriver.withSession { browser in
                    try await ReviewBrowserTests.signIn(browser, root: root)
                    for language in ["ky", "ru", "en"] {
                        try await browser.open(root + path + "?lang=" + language)
                        let maps = try await browser.count("figure.district-map svg.chart")
                        #expect(maps >= 1, "\(name) \(language): \(maps) maps by district")
                        let severe = try await browser.severeLogEntries()
                        #expect(severe == [], "\(name) \(language): \(severe)")
                    }
                    _ = try await browser.run("document.querySelector('figure.district-map').scrollIntoView()")
                    try await browser.screenshot("\(name)-en")
                    try await browser.resize(width: 390, height: 844)
                    // The maps scale into a phone's width (the audit page's ranking table is wider than a phone; not this change's).
                    let right = try #require(try await browser.run("""
                        const figure = document.querySelector('figure.district-map'); figure.scrollIntoView();
                        return Math.max(...[...figure.querySelectorAll('svg')].map(svg => Math.ceil(svg.getBoundingClientRect().right)));
                        """) as? Int)
                    let widths = try await browser.documentWidths()
                    #expect(right <= widths.client, "\(name): a map is \(right) px wide at 390 px")
                    if name == "supply-districts" { #expect(widths.scroll <= widths.client, "\(name) overflows at 390 px: \(widths)") }
                    try await browser.screenshot("\(name)-en-390px")
                }
            }
        }
    }
}
