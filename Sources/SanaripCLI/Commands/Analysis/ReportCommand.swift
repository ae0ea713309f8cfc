import ArgumentParser
import Foundation
import SanaripAnalysis
import SanaripReports
import SanaripServer

/// `sanarip report`: the study report as one self-contained HTML file, from the stored study's data and design.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the study report (method, sample, weighting, key findings, ranked barriers, appendix) as one HTML file.",
        discussion: """
        The numbers are the engine's, computed now from the study's stored dataset and design (the same code as \
        the workspace pages). Example:
          sanarip report --lang ru -o report-ru.html
        """
    )

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: "The study.")
    var study = "digital-divide-kg"

    @Option(name: .long, help: "Language: ky, ru or en.")
    var lang = "en"

    @Option(name: .shortAndLong, help: "The HTML file to write.")
    var output: String

    @Option(name: .long, help: ArgumentHelp("The instruments folder (holding the study's indicators.csv).", valueName: "dir"))
    var instruments = "instruments"

    func validate() throws {
        guard ["ky", "ru", "en"].contains(lang) else { throw ValidationError("--lang must be ky, ru or en") }
    }

    func run() async throws {
        let database = try store.openDatabase()
        let service = StudyAnalysisService(stores: database.stores, dataDirectory: store.dataDirectory, instrumentsDirectory: URL(fileURLWithPath: instruments))
        do {
            let outcome = try await service.results(studyID: study)
            let report = StudyReport(results: outcome.results, language: lang, synthetic: outcome.analysis.synthetic,
                                     source: outcome.analysis.formID ?? outcome.analysis.importName ?? study, official: try? service.officialFigures())
            try Terminal.writeAtomically(Data(report.html.utf8), to: URL(fileURLWithPath: output))
            print("\(output): report of \(outcome.results.design.rowCount) respondents\(outcome.analysis.synthetic ? " (SYNTHETIC demo data)" : "")")
        } catch let error as AnalysisError {
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        }
    }
}
