import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SanaripAnalysis
import SanaripCore
import SanaripInstrument
import SanaripReports
import SanaripStatistics
import SanaripStorage
import Testing

@testable import SanaripServer

/// The analysis workspace on a small synthetic demo study: its numbers are the engine's (the code path of
/// `sanarip indicators table`) and R `survey`'s on the same data and raked design.
@Suite("Analysis workspace", .serialized)
struct WorkspaceTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A test app whose store holds a demo study of `respondents` interviews; its data folder is temporary.
    static func demoApp(respondents: Int = 300, rounds: Int = 1) async throws -> (TestApp, URL) {
        let app = try TestApp()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sanarip-workspace-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var configuration = app.configuration()
        configuration.dataDirectory = directory
        configuration.instrumentsDirectory = repository.appendingPathComponent("instruments")
        let demo = DemoStudy(stores: app.stores, configuration: configuration, framesDirectory: repository.appendingPathComponent("data/frames"), logger: Logger(label: "test"))
        let summary = try await demo.run(respondents: respondents, seed: 11, rounds: rounds) { _ in }
        #expect(summary.respondents == respondents)
        return (app, directory)
    }

    static func configure(_ directory: URL) -> (inout ServerConfiguration) -> Void {
        { configuration in
            configuration.dataDirectory = directory
            configuration.instrumentsDirectory = repository.appendingPathComponent("instruments")
        }
    }

    @Test("the explorer's CSV equals the engine's results and R survey's raked svyby, to 1e-6")
    func explorerEqualsEngineAndR() async throws {
        let (app, directory) = try await Self.demoApp()
        defer { try? FileManager.default.removeItem(at: directory) }
        let csv = try await app.test(configure: Self.configure(directory)) { client in
            let browser = Browser(client)
            try await browser.logIn()
            let page = try await browser.get("/studies/\(BuiltInStudy.id)/workspace/explorer?indicator=internet_use&by=oblast&lang=en")
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            #expect(html.contains("SYNTHETIC DATA"))
            #expect(html.contains("<svg"))
            let table = try await browser.get("/studies/\(BuiltInStudy.id)/workspace/explorer/table.csv?indicator=internet_use&by=oblast&lang=en")
            #expect(table.status == .ok)
            return String(buffer: table.body)
        }
        // Rows: the synthetic note, the header, then one row per oblast.
        let rows = csv.split(separator: "\n").filter { !$0.hasPrefix("#") }.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        try #require(rows.count == 2, "\(csv)")
        var page: [String: (Double, Double)] = [:]
        for row in rows {
            page[row[0]] = (try #require(Double(row[1])) / 100, try #require(Double(row[4])) / 100)
        }

        // The engine, as `sanarip indicators table` calls it.
        let service = StudyAnalysisService(stores: app.stores, dataDirectory: directory, instrumentsDirectory: Self.repository.appendingPathComponent("instruments"))
        let outcome = try await service.results(studyID: BuiltInStudy.id)
        let engine = outcome.results.results.estimates.filter { $0.variable == "internet_use" && $0.domainNames == ["oblast"] }
        let names = ["41702000000000": "Issyk-Kul oblast", "41706000000000": "Osh oblast"]
        for estimate in engine {
            let name = try #require(names[estimate.domainValues[0]])
            let shown = try #require(page[name])
            #expect(abs(shown.0 - estimate.estimate) < 1e-12 && abs(shown.1 - estimate.standardError) < 1e-12)
        }

        // R: the same data, base weights raked to the same margins, svyby of the share.
        let table = try await service.dataset(studyID: BuiltInStudy.id)
        let file = directory.appendingPathComponent("dataset.csv")
        try DataFile.write(table, to: file.path)
        let script = try Self.rakedDesignR(file: file, design: try StudyAnalysisService.design(of: outcome.analysis)) + """
            r <- update(r, y = as.numeric(used_internet == 'yes'))
            e <- svyby(~y, ~oblast, r, svymean)
            cat(sprintf('%s %.17g %.17g\\n', e$oblast, e$y, SE(e)), sep = '')
            """
        let text = try Self.runR(script, in: directory)
        let lines = text.split(separator: "\n")
        try #require(lines.count == 2, "R printed: \(text)")
        for line in lines {
            let parts = line.split(separator: " ").map(String.init)
            let name = try #require(names[parts[0]])
            let shown = try #require(page[name])
            let (estimate, se) = (try #require(Double(parts[1])), try #require(Double(parts[2])))
            #expect(abs(shown.0 - estimate) <= 1e-6 * max(1, abs(estimate)), "estimate \(parts[0]): page \(shown.0), R \(estimate)")
            #expect(abs(shown.1 - se) <= 1e-6 * max(1e-3, abs(se)), "SE \(parts[0]): page \(shown.1), R \(se)")
        }
    }

    @Test("gaps, barriers, design and report pages answer with charts; the results are cached until the data changes")
    func pagesAndCache() async throws {
        let (app, directory) = try await Self.demoApp(respondents: 200)
        defer { try? FileManager.default.removeItem(at: directory) }
        try await app.test(configure: Self.configure(directory)) { client in
            let browser = Browser(client)
            try await browser.logIn()
            for (path, marker) in [("workspace/gaps?lang=ru", "<svg"), ("workspace/barriers?lang=ky", "<svg"), ("design?lang=en", "n = 200"),
                                   ("workspace/gaps/chart.svg?gap=1", "<svg"), ("workspace/official?lang=en", "SDG 17.8.1"),
                                   ("workspace/official/chart.svg?chart=1", "<polyline"), ("report.html?lang=ru", "СИНТЕТИЧЕСКИЕ ДАННЫЕ"),
                                   ("workspace/map?lang=ky", "Ысык-Көл облусу"), ("workspace/map/chart.svg?chart=1&lang=en", "Bishkek city"),
                                   ("workspace/official?lang=ru", "вся страна")] {
                let response = try await browser.get("/studies/\(BuiltInStudy.id)/\(path)")
                #expect(response.status == .ok, "\(path): \(response.status.code)")
                #expect(String(buffer: response.body).contains(marker), "\(path) lacks \(marker)")
            }
            // The same numbers as a workbook: a zip (PK) whose first sheet holds the table.
            let workbook = try await browser.get("/studies/\(BuiltInStudy.id)/workspace/barriers/table.xlsx")
            #expect(workbook.status == .ok)
            let file = directory.appendingPathComponent("barriers.xlsx")
            try Data(workbook.body.readableBytesView).write(to: file)
            let sheet = try DataFile.read(file.path, keepText: true)
            let csv = try await browser.get("/studies/\(BuiltInStudy.id)/workspace/barriers/table.csv")
            let lines = String(buffer: csv.body).split(separator: "\n").filter { !$0.hasPrefix("#") }
            #expect(sheet.rowCount == lines.count - 1 && sheet.rowCount > 3)
            let third = try #require(lines.dropFirst().first?.split(separator: ",", omittingEmptySubsequences: false).dropFirst(2).first)
            #expect(sheet.columns[2].string(at: 0) == String(third))
        }
        let service = StudyAnalysisService(stores: app.stores, dataDirectory: directory, instrumentsDirectory: Self.repository.appendingPathComponent("instruments"))
        let first = try await service.results(studyID: BuiltInStudy.id)
        // The report as a workbook: a sheet per section, numbers as numbers equal to the engine's.
        try await app.test(configure: Self.configure(directory)) { client in
            let browser = Browser(client)
            try await browser.logIn()
            let download = try await browser.get("/studies/\(BuiltInStudy.id)/report.xlsx?lang=en")
            #expect(download.status == .ok)
            let book = try XLSXReader().read(data: Data(download.body.readableBytesView), name: "report.xlsx")
            // Seven sections of the survey (drivers included), and the demo catalogue's four (supply, e-services, official series, monitoring: `C1`…`C4`).
            #expect(book.sheets.filter { !$0.name.hasPrefix("C") }.count == 7 && book.sheets.filter { $0.name.hasPrefix("C") }.count == 4)
            let appendix = try #require(book.sheets.last)
            let labels = ResultsLabels(set: first.results.set, instrument: first.results.instrument, language: "en")
            let overall = try #require(first.results.results.estimates.first { $0.variable == "internet_use" && $0.domainNames.isEmpty })
            let row = try #require(appendix.rows.first { $0.cells.first == labels.indicator("internet_use") })
            let cell = try #require(row.cells.dropFirst().first.flatMap { Double($0) })
            #expect(abs(cell - overall.estimate * 100) < 1e-9, "workbook \(cell), engine \(overall.estimate * 100)")
        }
        let again = try await service.results(studyID: BuiltInStudy.id)
        #expect(first.key == again.key)
        #expect(await service.cache.contains(first.key))
        // New weights are a new data version: a new key.
        let weights = try await app.stores.analysis.weights(studyID: BuiltInStudy.id)
        try await app.stores.analysis.replaceWeights(studyID: BuiltInStudy.id, Array(weights.values), by: "test")
        let changed = try await service.results(studyID: BuiltInStudy.id)
        #expect(changed.key != first.key)
    }

    @Test("the design check explains a lonely PSU, missing weights and a stratum with one respondent")
    func designCheck() throws {
        let table = DataTable(columns: [
            DataColumn(name: "psu", strings: ["a", "a", "b", "c", "d"]),
            DataColumn(name: "stratum", strings: ["s1", "s1", "s2", "s2", "s3"]),
            DataColumn(name: "w", numbers: [1, .nan, 2, 2, 3]),
        ], origin: DataOrigin(file: "survey.csv"))
        let problems = AnalysisDesign(SurveyDesignSpecification(ids: ["psu"], strata: "stratum", weights: "w")).check(table)
        let kinds = Set(problems.map(\.kind))
        #expect(kinds.contains(.missingWeights))
        #expect(kinds.contains(.lonelyPSU))
        #expect(kinds.contains(.singleUnitStratum))
        #expect(problems.contains { $0.kind == .lonelyPSU && $0.subject == "s1" && $0.message.contains("lonely PSU") })
        #expect(problems.contains { $0.kind == .missingWeights && $0.message.contains("rows 3") })
    }

    /// R code that reads `file` as `d` (every column as text) and builds `r`: the demo's design (municipalities in
    /// oblasts) with its base weights raked to `design`'s margins, as the study's weighting does.
    static func rakedDesignR(file: URL, design: AnalysisDesign) throws -> String {
        let margins = try #require(design.calibration?.margins)
        func population(_ variable: String) -> String {
            let rows = margins.filter { $0.variable == variable }
            return "data.frame(\(variable) = c(\(rows.map { "'\($0.level)'" }.joined(separator: ","))), Freq = c(\(rows.map { String(format: "%.17g", $0.total) }.joined(separator: ","))))"
        }
        return """
            suppressPackageStartupMessages(library(survey))
            d <- read.csv('\(file.path)', colClasses = 'character')
            d$w0 <- as.numeric(d$base_weight)
            des <- svydesign(ids = ~municipality, strata = ~oblast, weights = ~w0, data = d)
            r <- rake(des, list(~oblast, ~settlement_type), list(\(population("oblast")), \(population("settlement_type"))), control = list(maxit = 100, epsilon = 1e-10))

            """
    }

    /// Runs `script` with Rscript (written into `directory`) and returns what it printed.
    static func runR(_ script: String, in directory: URL) throws -> String {
        let scriptFile = directory.appendingPathComponent("check-\(UUID().uuidString).R")
        try script.write(to: scriptFile, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["Rscript", "--vanilla", scriptFile.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "Rscript with the survey package failed; run scripts/setup.sh")
        return text
    }
}
