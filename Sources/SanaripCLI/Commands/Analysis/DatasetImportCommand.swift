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
        var prepared: (settings: StudyAnalysis, respondents: Int, problems: Int)?
        try EstimationDesignOptions.reportingErrors {
            let analysisDesign = try design.analysisDesign(command: "dataset")
            let table = try design.loadTable(columns: nil)
            let problems = analysisDesign.check(table)
            for problem in problems { Terminal.error("\(design.data): \(problem.message)") }
            let data = try Data(contentsOf: URL(fileURLWithPath: design.data))
            let settings = StudyAnalysis(
                studyID: study, source: .import, importName: URL(fileURLWithPath: design.data).lastPathComponent, importData: data,
                design: try JSONEncoder().encode(analysisDesign))
            prepared = (settings, table.rowCount, problems.count)
        }
        guard let prepared else { return }
        let saved = try await SanaripDatabase.open(directory: URL(fileURLWithPath: storeDirectory)).stores.analysis.save(prepared.settings, by: "cli")
        let problems = prepared.problems == 0 ? "no design problems" : "\(prepared.problems) design problem\(prepared.problems == 1 ? "" : "s") above"
        print("\(design.data): \(prepared.respondents) respondents are the analysis dataset of \(study) (revision \(saved.revision)); \(problems)")
    }
}
