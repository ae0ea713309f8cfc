import Foundation
import Hummingbird
import HummingbirdTesting
import SanaripInstrument
import SanaripStorage
import Testing

@testable import SanaripServer

@Suite("Sampling plan pages")
struct PlanPageTests {
    let app: TestApp

    init() throws {
        app = try TestApp()
    }

    static let units = [
        SamplingPlanUnit(
            position: 1, stratum: "Osh", unitID: "41706", unitName: "Кара-Суу", columns: ["oblast": "Osh", "municipality": "Кара-Суу", "population": "49410"],
            size: 49_410, probability: 1, certainty: true, order: 1, expectedInterviews: 12),
        SamplingPlanUnit(
            position: 2, stratum: "Osh", unitID: "41707", unitName: "Ноокат", columns: ["oblast": "Osh", "municipality": "Ноокат", "population": "23885"],
            size: 23_885, probability: 0.45213, order: 2, expectedInterviews: 12),
        SamplingPlanUnit(
            position: 3, stratum: "Osh", unitID: "41708", unitName: "Өзгөн, \"борбор\"", columns: ["oblast": "Osh", "municipality": "Өзгөн, \"борбор\"", "population": "17981"],
            size: 17_981, probability: 0.25, reserve: true, order: 3),
        SamplingPlanUnit(
            position: 4, stratum: "Issyk-Kul", unitID: "41702", unitName: "Каракол", columns: ["oblast": "Issyk-Kul", "municipality": "Каракол", "population": "66294"],
            size: 66_294, probability: 0.8, order: 1, expectedInterviews: 12),
    ]

    func savePlan() async throws -> Int64 {
        try await Self.savePlan(in: app)
    }

    /// Stores a plan of the built-in study with ``units`` and returns its identifier.
    static func savePlan(in app: TestApp) async throws -> Int64 {
        let plan = SamplingPlan(
            studyID: BuiltInStudy.id, name: "Main <2026>", method: "systematic", seed: "2026", sizeColumn: "population",
            strataColumn: "oblast", sampleSize: "2 per oblast", interviewsPerUnit: 12,
            frameColumns: ["oblast", "municipality", "population"], strata: SamplingPlanStratum.counts(of: Self.units),
            createdBy: "aida", sourceFile: "sample.csv")
        return try #require(try await app.stores.samplingPlans.insert(plan, units: units, by: "aida").id)
    }

    /// Runs `body` with a browser signed in as the first admin.
    func signedIn(_ body: @escaping @Sendable (Browser) async throws -> Void) async throws {
        try await app.test { client in
            let browser = Browser(client)
            try await browser.logIn()
            try await body(browser)
        }
    }

    static let languages: [(String, String, String, String)] = [
        ("ky", "Тандоо пландары", "Күтүлгөн интервьюлар", "0,4521"),
        ("ru", "Планы выборки", "Ожидаемые интервью", "0,4521"),
        ("en", "Sampling plans", "Expected interviews", "0.4521"),
    ]

    @Test("the plan page shows the summary, strata, chart, units and reserves in each language", arguments: languages)
    func planPage(language: String, heading: String, expected: String, pi: String) async throws {
        let id = try await savePlan()
        try await signedIn { browser in
            let page = try await browser.get("/plans/\(id)?lang=\(language)")
            #expect(page.status == .ok)
            let html = page.text
            #expect(html.contains(#"<a href="/plans">\#(heading)</a>"#))
            #expect(html.contains("<h1>Main &lt;2026&gt;</h1>"))
            #expect(html.contains("<dd>systematic</dd>"))
            #expect(html.contains("<dd>2026</dd>"))
            #expect(html.contains("<th class=\"number\">\(expected)</th>"))
            #expect(html.contains(#"<tr><td>Osh</td><td class="number">2</td><td class="number">1</td><td class="number">1</td><td class="number">24</td></tr>"#))
            #expect(html.contains(#"<tr><td>Issyk-Kul</td><td class="number">1</td><td class="number">0</td><td class="number">0</td><td class="number">12</td></tr>"#))
            #expect(html.contains(#"<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="640" height="64""#))
            #expect(html.contains(##"<rect x="200" y="8" width="370" height="20" fill="#0b6e4f"/>"##))
            #expect(html.contains(##"<rect x="200" y="36" width="185" height="20" fill="#0b6e4f"/>"##))
            #expect(html.contains("<td><code>41707</code></td><td>Ноокат</td>"))
            #expect(html.contains(#"<td class="number">\#(pi)</td>"#))
            #expect(html.contains("<h3>Osh</h3>"))
            #expect(html.contains("<td>Өзгөн, &quot;борбор&quot;</td>"))
            #expect(!html.contains("<td>Өзгөн, \"борбор\"</td>"))
            #expect(html.contains(#"href="/plans/\#(id)/plan.csv""#))
            #expect(!html.contains("<script"))
        }
    }

    @Test("the list links every plan; without plans it says how to save one")
    func list() async throws {
        try await signedIn { browser in
            let html = try await browser.get("/plans?lang=en").text
            #expect(html.contains("sanarip sample plan save"))
        }
        let id = try await savePlan()
        try await signedIn { browser in
            let html = try await browser.get("/plans?lang=en").text
            #expect(html.contains(#"<a href="/plans/\#(id)">Main &lt;2026&gt;</a>"#))
            #expect(html.contains(#"<td class="number">3</td><td class="number">1</td><td class="number">36</td>"#))
        }
    }

    @Test("the CSV export has a header and one row per unit with π, certainty, order, reserve and expected interviews")
    func csvExport() async throws {
        let id = try await savePlan()
        try await signedIn { browser in
            let response = try await browser.get("/plans/\(id)/plan.csv")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(response.headers[.contentDisposition] == "attachment; filename=\"plan-\(id).csv\"")
            let rows = try CSVCodec().records(in: response.text)
            #expect(rows.count == 5)
            #expect(rows[0] == ["oblast", "municipality", "population", "pi", "certainty", "order", "reserve", "expected_interviews"])
            #expect(rows[1] == ["Osh", "Кара-Суу", "49410", "1.0", "true", "1", "false", "12"])
            #expect(rows[2] == ["Osh", "Ноокат", "23885", "0.45213", "false", "2", "false", "12"])
            #expect(rows[3] == ["Osh", "Өзгөн, \"борбор\"", "17981", "0.25", "false", "3", "true", "0"])
            #expect(rows[4] == ["Issyk-Kul", "Каракол", "66294", "0.8", "false", "1", "false", "12"])
        }
    }

    @Test("the printable plan is a standalone page with its own styles and no scripts")
    func printable() async throws {
        let id = try await savePlan()
        try await signedIn { browser in
            let response = try await browser.get("/plans/\(id)/plan.html?lang=ru")
            #expect(response.status == .ok)
            #expect(response.headers[.contentDisposition] == "attachment; filename=\"plan-\(id).html\"")
            #expect(response.headers[.contentSecurityPolicy] == InstrumentController.manualPolicy)
            let html = response.text
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"ru\">"))
            #expect(html.contains("<style>"))
            #expect(!html.contains("site-header"))
            #expect(html.contains("<h2>Резервные списки</h2>"))
            #expect(html.contains("<td><code>41702</code></td><td>Каракол</td>"))
        }
    }

    @Test("plan pages need a signed-in user, and an unknown plan is a 404")
    func access() async throws {
        let id = try await savePlan()
        try await app.test { client in
            let browser = Browser(client)
            for path in ["/plans", "/plans/\(id)", "/plans/\(id)/plan.csv", "/plans/\(id)/plan.html"] {
                let response = try await browser.get(path)
                #expect(response.status == .seeOther || response.status == .found, "\(path): \(response.status)")
                #expect(response.headers[.location]?.hasPrefix("/login") == true, "\(path)")
            }
            try await browser.logIn()
            #expect(try await browser.get("/plans/999").status == .notFound)
            #expect(try await browser.get("/plans/abc").status == .notFound)
        }
    }
}

@Suite("Plan chart")
struct PlanChartTests {
    @Test("bars scale to the largest value; an empty bar has no length")
    func bars() throws {
        let layout = PlanChart(title: "A & B", bars: [.init(label: "<x>", value: 0, text: "0"), .init(label: "y", value: 10, text: "10")]).layout
        #expect(layout["height"] as? Int == 64)
        let bars = try #require(layout["bars"] as? [[String: Any]])
        #expect(bars.map { $0["length"] as? Int } == [0, 370])
        #expect(bars.map { $0["top"] as? Int } == [8, 36])
        #expect(bars.map { $0["valueX"] as? Int } == [206, 576])
    }
}
