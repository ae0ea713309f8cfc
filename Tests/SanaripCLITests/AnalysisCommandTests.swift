import Foundation
import Testing

/// `sanarip demo`, `sanarip dataset` and `sanarip report` as a user runs them.
@Suite("demo, dataset and report commands", .serialized)
struct AnalysisCommandTests {
    let root = CommandRunner.repositoryRoot

    func temporary() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sanarip-analysis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("demo fills an empty store once; report writes one self-contained HTML file that says the data is synthetic")
    func demoThenReport() throws {
        let directory = try temporary()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = directory.appendingPathComponent("store").path
        let demo = try CommandRunner.run(["demo", "--data", store, "--respondents", "150", "--seed", "5"], in: root)
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(demo.stdout.contains("SYNTHETIC demo study — 150 interviews"))
        let again = try CommandRunner.run(["demo", "--data", store, "--respondents", "150"], in: root)
        #expect(again.status == 1)
        #expect(again.stderr.contains("already has submissions"))
        let output = directory.appendingPathComponent("report-ky.html")
        let report = try CommandRunner.run(["report", "--data", store, "--lang", "ky", "-o", output.path], in: root)
        #expect(report.status == 0, "\(report.stderr)")
        let html = try String(contentsOf: output, encoding: .utf8)
        #expect(html.contains("СИНТЕТИКАЛЫК МААЛЫМАТТАР"))
        #expect(html.components(separatedBy: "<svg").count > 5)
        #expect(!html.contains("<script") && !html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("<link"))
        // The map of internet use by oblast, with the official figures beside it.
        #expect(html.contains("class=\"chart map\"") && html.contains("Ысык-Көл облусу"))

        // The same report as a workbook (a zip holding a sheet per section) and, printed by chromium, as a PDF.
        let workbook = directory.appendingPathComponent("report.xlsx")
        let xlsx = try CommandRunner.run(["report", "--data", store, "--lang", "ru", "--format", "xlsx", "-o", workbook.path], in: root)
        #expect(xlsx.status == 0, "\(xlsx.stderr)")
        let zip = try Data(contentsOf: workbook)
        #expect(zip.starts(with: Array("PK".utf8)))
        for sheet in 1...6 { #expect(zip.range(of: Data("xl/worksheets/sheet\(sheet).xml".utf8)) != nil, "sheet \(sheet)") }
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") {
            let pdf = directory.appendingPathComponent("report.pdf")
            let printed = try CommandRunner.run(["report", "--data", store, "--lang", "en", "--format", "pdf", "-o", pdf.path], in: root)
            #expect(printed.status == 0, "\(printed.stderr)")
            let bytes = try Data(contentsOf: pdf)
            #expect(bytes.starts(with: Array("%PDF".utf8)) && bytes.count > 20_000)
        }
    }

    @Test("an imported export's report shows the number indicators table --format json computes for the same design")
    func importedDatasetReportEqualsTable() throws {
        let directory = try temporary()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("simulated.csv").path
        let simulate = Process()
        simulate.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        simulate.arguments = ["Rscript", root.appendingPathComponent("scripts/simulate-responses.R").path, "400", data, "9"]
        simulate.standardOutput = FileHandle.nullDevice
        try simulate.run()
        simulate.waitUntilExit()
        try #require(simulate.terminationStatus == 0, "Rscript failed; run scripts/setup.sh")
        let store = directory.appendingPathComponent("store").path
        let design = ["--ids", "village", "--strata", "district", "--weights", "weight"]
        let imported = try CommandRunner.run(["dataset", "--data", data, "--store", store] + design, in: root)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("400 respondents are the analysis dataset"))
        let table = try CommandRunner.run(["indicators", "table", "--indicators", "instruments/digital-divide-kg/indicators.csv", "--data", data, "--format", "json"] + design, in: root)
        #expect(table.status == 0, "\(table.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(table.stdout.utf8)) as? [String: Any])
        let estimates = try #require(json["estimates"] as? [[String: Any]])
        let overall = try #require(estimates.first { $0["indicator"] as? String == "internet_use" && ($0["domain"] as? [String: Any])?.isEmpty == true })
        let estimate = try #require(overall["estimate"] as? Double)
        let output = directory.appendingPathComponent("report.html")
        let report = try CommandRunner.run(["report", "--data", store, "--lang", "en", "-o", output.path], in: root)
        #expect(report.status == 0, "\(report.stderr)")
        let html = try String(contentsOf: output, encoding: .utf8)
        #expect(!html.contains("SYNTHETIC DATA"))
        // The appendix row of the indicator: its first number is the whole sample's, in percent with one decimal.
        let row = try #require(html.components(separatedBy: "<tr><td>Used the internet in the last 3 months</td>").dropFirst().first)
        let cell = try #require(row.components(separatedBy: "<td class=\"number\">").dropFirst().first?.components(separatedBy: "</td>").first)
        #expect(cell == String(format: "%.1f", estimate * 100), "report \(cell), indicators table \(estimate)")
    }
}
