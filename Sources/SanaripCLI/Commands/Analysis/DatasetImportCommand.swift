import ArgumentParser
import Foundation
import SanaripAnalysis
import SanaripServer
import SanaripStorage

/// `sanarip dataset import`: makes a CSV/XLSX export the analysis dataset of a study, with its design.
struct DatasetImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dataset",
        abstract: "Make a CSV or XLSX export (one row per respondent) a study's analysis dataset, with its sample design.",
        discussion: """
        The file is stored in the study (the workspace pages and 'sanarip report' then analyse it instead of the \
        stored submissions), the design is checked and every problem explained. Example:
          sanarip dataset --data export.csv --ids village --strata district --weights weight --store ./sanarip-data
        """
    )

    @OptionGroup var design: EstimationDesignOptions

    @Option(name: .customLong("store"), help: ArgumentHelp("The folder holding sanarip.sqlite (--data names the dataset here).", valueName: "dir"))
    var storeDirectory = "./sanarip-data"

    @Option(name: .long, help: "The study.")
    var study = "digital-divide-kg"

    func run() async throws {
        var analysisDesign: AnalysisDesign?
        try EstimationDesignOptions.reportingErrors { analysisDesign = try design.analysisDesign(command: "dataset") }
        guard let analysisDesign else { return }
        let bytes: Data
        do {
            bytes = try Data(contentsOf: URL(fileURLWithPath: design.data))
        } catch {
            Terminal.error("error: \(design.data): the file cannot be read (\(error.localizedDescription))")
            throw ExitCode(1)
        }
        let store = URL(fileURLWithPath: storeDirectory)
        let service = StudyAnalysisService(stores: try SanaripDatabase.open(directory: store).stores, dataDirectory: store, instrumentsDirectory: nil)
        do {
            // The design page's upload takes the same path.
            let (saved, respondents, problems) = try await service.importDataset(bytes, name: design.data, design: analysisDesign, studyID: study, by: "cli")
            for problem in problems { Terminal.error("\(design.data): \(problem.message)") }
            let summary = problems.isEmpty ? "no design problems" : "\(problems.count) design problem\(problems.count == 1 ? "" : "s") above"
            print("\(design.data): \(respondents) respondents are the analysis dataset of \(study) (revision \(saved.revision)); \(summary)")
        } catch let error as AnalysisError {
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        }
    }
}
