import ArgumentParser
import Foundation
import SanaripAnalysis
import SanaripInstrument
import SanaripReports
import SanaripServer

/// `sanarip report`: the study report as one self-contained HTML file, a PDF or a workbook, from the stored study's data and design.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the study report (method, sample, weighting, key findings, ranked barriers, appendix) as HTML, PDF or XLSX.",
        discussion: """
        The numbers are the engine's, computed now from the study's stored dataset and design (the same code as \
        the workspace pages). Example:
          sanarip report --lang ru -o report-ru.html
          sanarip report --lang ky --format pdf -o report-ky.pdf
          sanarip report --lang en --format xlsx -o report-en.xlsx
        """
    )

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: "The study.")
    var study = "digital-divide-kg"

    @Option(name: .long, help: "Language: ky, ru or en.")
    var lang = "en"

    @Option(name: .long, help: "html (one self-contained file), pdf (printed by headless chromium) or xlsx (every table, a sheet per section).")
    var format = "html"

    @Option(name: .shortAndLong, help: "The file to write.")
    var output: String

    @Option(name: .long, help: ArgumentHelp("The instruments folder (holding the study's indicators.csv).", valueName: "dir"))
    var instruments = "instruments"

    func validate() throws {
        guard ["ky", "ru", "en"].contains(lang) else { throw ValidationError("--lang must be ky, ru or en") }
        guard ["html", "pdf", "xlsx"].contains(format) else { throw ValidationError("--format must be html, pdf or xlsx") }
    }

    func run() async throws {
        let database = try store.openDatabase()
        let service = StudyAnalysisService(stores: database.stores, dataDirectory: store.dataDirectory, instrumentsDirectory: URL(fileURLWithPath: instruments))
        do {
            let (report, outcome) = try await service.report(studyID: study, language: lang)
            let start = ContinuousClock.now
            let data: Data
            switch format {
            case "pdf":
                guard let printer = ChromiumPrinter() else {
                    Terminal.error("error: --format pdf prints with chromium, which is not installed; run scripts/setup.sh (or write --format html and print it from a browser)")
                    throw ExitCode(1)
                }
                data = try await printer.pdf(html: report.html)
            case "xlsx":
                data = try XLSXWriter().data(for: report.workbook)
            default:
                data = Data(report.html.utf8)
            }
            try Terminal.writeAtomically(data, to: URL(fileURLWithPath: output))
            let written = StudyResults.Timing(step: "report", since: start)
            print("\(output): report of \(outcome.results.design.rowCount) respondents\(outcome.analysis.synthetic ? " (SYNTHETIC demo data)" : "")")
            Terminal.error("computed in \(outcome.results.timingSummary); \(format) written in \(String(format: "%.2f", written.seconds)) s")
        } catch let error as AnalysisError {
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        } catch let error as ChromiumPrinter.Failure {
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        }
    }
}
