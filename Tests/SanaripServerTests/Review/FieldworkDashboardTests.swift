import Foundation
import Hummingbird
import HummingbirdTesting
import SanaripCore
import SanaripInstrument
import SanaripStorage
import Testing

@testable import SanaripServer

@Suite("Fieldwork dashboard")
struct FieldworkDashboardTests {
    typealias Interview = ReviewWorkbench.Interview

    /// Two oblasts; in Issyk-Kul, Boru-Bash gets no interview and the reserve Kara-Jal replaces it.
    static let units: [SamplingPlanUnit] = [
        unit(1, "Issyk-Kul", "41702205805000", "Ak-Bulung", district: "Ak-Suu", pi: 0.4, order: 1),
        unit(2, "Issyk-Kul", "41702205807000", "Boru-Bash", district: "Ak-Suu", pi: 0.25, order: 2),
        unit(3, "Issyk-Kul", "41702205812000", "Kara-Jal", district: "Ak-Suu", pi: 0.2, order: 3, reserve: true),
        unit(4, "Osh", "41706207800000", "Kara-Suu", district: "Kara-Suu", pi: 0.5, order: 1),
        unit(5, "Osh", "41706207810000", "Nookat", district: "Nookat", pi: 0.125, order: 2),
    ]

    static func unit(
        _ position: Int, _ oblast: String, _ id: String, _ name: String, district: String, pi: Double, order: Int, reserve: Bool = false
    ) -> SamplingPlanUnit {
        SamplingPlanUnit(
            position: position, stratum: oblast, unitID: id, unitName: name,
            columns: ["oblast": oblast, "district": district, "soate_code": id, "name": name],
            probability: pi, reserve: reserve, order: order, expectedInterviews: reserve ? 0 : 2)
    }

    static let interviews: [(Interview, String)] = {
        var tooShort = Interview(municipality: "41702205805000", village: "Ak-Bulung", sex: "1", age: "20", minutes: 6)
        tooShort.start = "2026-12-02T09:00"
        let twin = Interview(municipality: "41702205805000", village: "Ak-Bulung", sex: "2", age: "34")
        let again = Interview(municipality: "41702205805000", village: "Ak-Bulung", sex: "2", age: "34")
        let reserve = Interview(municipality: "41702205812000", village: "Kara-Jal", sex: "1", age: "51")
        let noGPS = Interview(oblast: "osh", municipality: "41706207800000", village: "Kara-Suu", sex: "2", age: "19", gps: nil)
        let outside = Interview(oblast: "osh", municipality: "41706299999000", village: "Elsewhere", sex: "1", age: "60")
        return [(tooShort, "Aida"), (twin, "Aida"), (again, "Bek"), (reserve, "Bek"), (noGPS, "Chynara"), (outside, "Chynara")]
    }()

    /// The workbench with the plan and ``interviews``; returns it and the plan's id.
    static func seeded() async throws -> (ReviewWorkbench, Int64) {
        let bench = try await ReviewWorkbench()
        let plan = SamplingPlan(
            studyID: BuiltInStudy.id, name: "Review plan", method: "systematic", seed: "9", strataColumn: "oblast", sampleSize: "2 per oblast",
            interviewsPerUnit: 2, frameColumns: ["oblast", "district", "soate_code", "name"], strata: SamplingPlanStratum.counts(of: units),
            createdBy: "aida", sourceFile: "sample.csv")
        let id = try #require(try await bench.app.stores.samplingPlans.insert(plan, units: units, by: "aida").id)
        for (interview, submitter) in interviews { try await bench.receive(interview, from: submitter) }
        return (bench, id)
    }

    @Test("progress per oblast, district and unit against the plan, reserves replacing units, per interviewer and per day; flags")
    func dashboard() async throws {
        let (bench, plan) = try await Self.seeded()
        let interviews = Self.interviews
        let completed: @Sendable (String) -> Int = { unit in interviews.filter { $0.0.municipality == unit }.count }
        try await bench.signedIn { browser in
            let page = try await browser.get("/fieldwork/review_survey?plan=\(plan)")
            #expect(page.status == .ok)
            let html = page.text
            // Issyk-Kul: Ak-Bulung's target 2, Boru-Bash replaced (target 0) by Kara-Jal (target 2).
            let issykKul = completed("41702205805000") + completed("41702205807000") + completed("41702205812000")
            #expect(html.contains("<tr><td>Issyk-Kul</td><td class=\"number\">\(issykKul)</td><td class=\"number\">4</td>"))
            let osh = completed("41706207800000") + completed("41706207810000")
            #expect(html.contains("<tr><td>Osh</td><td class=\"number\">\(osh)</td><td class=\"number\">4</td>"))
            #expect(html.contains("<tr><td>Osh · Kara-Suu</td><td class=\"number\">\(completed("41706207800000"))</td><td class=\"number\">2</td>"))
            #expect(html.contains(#"<tr class="status-replaced"><td>Boru-Bash ayil aimak <code>41702205807000</code></td><td>Ak-Suu</td><td class="number">0</td><td class="number">0</td><td>Replaced</td>"#))
            #expect(html.contains(#"<tr class="status-reserve_in_use"><td>Kara-Jal ayil aimak <code>41702205812000</code></td><td>Ak-Suu</td><td class="number">\#(completed("41702205812000"))</td><td class="number">2</td><td>Reserve in use</td>"#))
            #expect(html.contains(#"<tr class="status-complete"><td>Ak-Bulung ayil aimak"#))
            #expect(html.contains(#"<tr class="status-not_started"><td>Nookat town"#))
            #expect(html.contains("Outside the plan: \(interviews.filter { Self.units.map(\.unitID).contains($0.0.municipality) == false }.count)"))
            for name in ["Aida", "Bek", "Chynara"] {
                #expect(html.contains("<tr><td>\(name)</td><td class=\"number\">\(interviews.filter { $0.1 == name }.count)</td>"))
            }
            for day in Set(interviews.map { String($0.0.start.prefix(10)) }) {
                #expect(html.contains("<tr><td>\(day)</td><td class=\"number\">\(interviews.filter { $0.0.start.hasPrefix(day) }.count)</td></tr>"))
            }
            // Flags: the 6-minute interview, the two identical respondents, the interview without GPS.
            let short = try #require(interviews.first { $0.0.minutes < Int(FieldworkController.shortMinutes) }?.0)
            #expect(html.contains("\(short.instanceID)</a> · Aida · 6.0 min"))
            let twins = interviews.filter { $0.0.age == "34" && $0.0.village == "Ak-Bulung" }.map(\.0.instanceID)
            try #require(twins.count == 2)
            let duplicates = try #require(html.range(of: #"<ul class="flags duplicates">.*?</ul>"#, options: .regularExpression))
            #expect(twins.allSatisfy { html[duplicates].contains($0) })
            let missing = try #require(html.range(of: #"<ul class="flags missing-gps">.*?</ul>"#, options: .regularExpression))
            #expect(interviews.filter { $0.0.gps == nil }.allSatisfy { html[missing].contains($0.0.instanceID) })
            #expect(html[missing].components(separatedBy: "<li>").count - 1 == interviews.filter { $0.0.gps == nil }.count)
            #expect(html.contains(#"<svg xmlns="http://www.w3.org/2000/svg" class="chart""#))
            #expect(!html.contains("<script"))
            // A longer limit flags more.
            let longer = try await browser.get("/fieldwork/review_survey?plan=\(plan)&short=45").text
            #expect(longer.components(separatedBy: " min</li>").count - 1 == interviews.filter { $0.0.minutes < 45 }.count)
        }
    }

    @Test("interviewers are assigned to municipalities by CSV; bad rows are refused with row and column; every change is audited")
    func assignments() async throws {
        let (bench, plan) = try await Self.seeded()
        try await bench.app.addUser("cora", role: .coordinator)
        try await bench.signedIn(as: "cora") { browser in
            let token = try await browser.formToken()
            let bad = try await browser.post("/fieldwork/review_survey/assignments", form: [
                ("_csrf", token), ("plan", String(plan)), ("csv", "unit_id,interviewer\n41702205805000,Aida\n99999,Bek\n"),
            ])
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains(#"<p class="error" role="alert">assignments CSV, row 3, column unit_id: &#39;99999&#39; is not a unit of the plan"#), "\(bad.text)")
            let good = try await browser.post("/fieldwork/review_survey/assignments", form: [
                ("_csrf", token), ("plan", String(plan)), ("csv", "unit_id,interviewer\n41702205805000,Aida\n41702205812000,Bek\n41706207800000,Chynara\n"),
            ])
            #expect(good.status == .seeOther)
            let html = try await browser.get("/fieldwork/review_survey?plan=\(plan)").text
            #expect(html.contains(#"<td class="number">2</td><td>Reserve in use</td><td>Bek</td>"#))
        }
        let stored = try await bench.app.stores.reviews.assignments(planID: plan)
        #expect(stored.map(\.interviewer).sorted() == ["Aida", "Bek", "Chynara"])
        #expect(stored.allSatisfy { $0.assignedBy == "cora" })
        let audit = try await bench.app.stores.auditLog.entries(objectType: "sampling_plan", objectID: String(plan))
        #expect(audit.contains { $0.action.rawValue == "plan.assign" && $0.user == "cora" })
    }

    @Test("the response status per unit is the CSV `sanarip weight --responded` takes: the built binary weights it")
    func responseStatusRoundTrip() async throws {
        let (bench, plan) = try await Self.seeded()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sanarip-status-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = try await bench.test { client in
            let browser = Browser(client)
            try await browser.logIn()
            let response = try await browser.get("/fieldwork/review_survey/response-status.csv?plan=\(plan)")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
            return response.text
        }
        let rows = try CSVCodec().records(in: text)
        let header = try #require(rows.first)
        #expect(header == ["oblast", "district", "soate_code", "name", "unit_id", "stratum", "pi", "reserve", "target", "completed", "responded"])
        // Unused reserves are not in the sample: every unit but them, each with its completed count.
        let sampled = Self.units.filter { unit in !unit.reserve || Self.interviews.contains { $0.0.municipality == unit.unitID } }
        #expect(rows.dropFirst().map { $0[4] } == sampled.map(\.unitID))
        // Margins: each oblast's total of base weights 1/π over the sampled units, so post-stratification keeps them.
        var totals: [String: Double] = [:]
        for unit in sampled { totals[unit.stratum, default: 0] += 1 / unit.probability }
        try text.write(to: directory.appendingPathComponent("status.csv"), atomically: true, encoding: .utf8)
        try ("variable,level,total\n" + totals.sorted { $0.key < $1.key }.map { "stratum,\($0.key),\($0.value)" }.joined(separator: "\n") + "\n")
            .write(to: directory.appendingPathComponent("margins.csv"), atomically: true, encoding: .utf8)
        let weighted = directory.appendingPathComponent("weighted.csv")
        let sanarip = try #require(Self.sanaripBinary, "the sanarip binary is not built next to the tests; run swift build first")
        let process = Process()
        process.executableURL = sanarip
        process.arguments = [
            "weight", "--data", directory.appendingPathComponent("status.csv").path, "--probs", "pi", "--responded", "responded",
            "--nonresponse-cells", "stratum", "--margins", directory.appendingPathComponent("margins.csv").path, "--method", "poststratify",
            "-o", weighted.path,
        ]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(message)")
        let out = try CSVCodec().records(in: String(contentsOf: weighted, encoding: .utf8))
        let weightColumn = try #require(out.first?.firstIndex(of: "weight"))
        for unit in sampled {
            let row = try #require(out.first { $0.count > 4 && $0[4] == unit.unitID })
            let weight = try #require(Double(row[weightColumn]))
            let responded = Self.interviews.contains { $0.0.municipality == unit.unitID }
            #expect(row[10] == (responded ? "1" : "0"))
            if !responded { #expect(weight == 0) }
        }
        for (stratum, total) in totals {
            let sum = out.dropFirst().filter { $0[5] == stratum }.compactMap { Double($0[weightColumn]) }.reduce(0, +)
            #expect(abs(sum - total) < 1e-9 * total, "\(stratum): \(sum) vs \(total)")
        }
    }

    /// The `sanarip` executable built beside the test bundle.
    static var sanaripBinary: URL? {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while url.path != "/" {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent("sanarip")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue { return candidate }
        }
        return nil
    }
}
