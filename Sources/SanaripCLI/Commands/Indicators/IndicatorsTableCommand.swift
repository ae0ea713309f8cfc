import ArgumentParser
import Foundation
import SanaripAnalysis
import SanaripCore
import SanaripInstrument
import SanaripReports
import SanaripStatistics

/// `sanarip indicators table`: the standard results table of a study from its raw data.
struct IndicatorsTableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "table",
        abstract: "Estimate every indicator overall and by breakdowns, the gaps between groups, and ranked barriers.",
        discussion: """
        Computes the indicators from the data (as 'indicators compute' does), then design-based estimates with \
        SE, confidence interval, design effect and n: for the whole sample and each --by breakdown; the --gap \
        differences overall and within every breakdown not using the gap's column, with p-values; and each \
        --rank group ordered, with the p-value of the difference to the next one down. Example:
          sanarip indicators table --indicators instruments/digital-divide-kg/indicators.csv \\
            --data responses.csv --ids village --strata district --weights weight --format table --lang ru
        """
    )

    @OptionGroup var file: IndicatorFileOptions
    @OptionGroup var design: EstimationDesignOptions

    @Option(name: .long, help: "Breakdowns, comma-separated; cross columns with *, e.g. settlement_type*sex. The full cross (oblast*settlement_type*sex*age_group) is in csv and json output.")
    var by: String = "oblast,settlement_type,sex,age_group,settlement_type*sex,oblast*settlement_type*sex*age_group"

    @Option(name: .long, help: "A gap COL:A-B (A minus B), reported overall and within breakdowns. Repeatable. Default: settlement_type:rural-urban and sex:female-male.")
    var gap: [String] = []

    @Option(name: .long, help: "Indicator groups to rank (comma-separated). Default: barrier, when reported.")
    var rank: String?

    @Option(name: .customLong("rank-by"), help: "Also rank within each value of these columns (comma-separated).")
    var rankBy: String = "sex,settlement_type"

    @Option(name: .long, help: "Only these indicator groups (comma-separated); default every group.")
    var groups: String?

    @Option(name: .long, help: "Language of labels: ky, ru or en.")
    var lang: String = "en"

    @Option(name: .long, help: "Also write the report as one HTML page with charts of the rankings.")
    var html: String?

    func validate() throws {
        guard ["ky", "ru", "en"].contains(lang) else { throw ValidationError("--lang must be ky, ru or en") }
    }

    func run() async throws {
        try IndicatorFileOptions.reportingErrors {
            print(try table(), terminator: "")
        }
    }

    func table() throws -> String {
        let (set, instrument) = try file.load()
        // The data is read once: the indicators are evaluated on its rows, the design and breakdowns use its columns.
        let table = try design.loadTable(columns: nil)
        let breakdowns = [[]] + EstimationDesignOptions.list(by).map { $0.split(separator: "*").map { $0.trimmingCharacters(in: .whitespaces) } }
        let request = ResultsRequest(
            breakdowns: breakdowns, gaps: gap.isEmpty ? nil : try gap.map(parseGap), rankGroups: rank.map { EstimationDesignOptions.list($0) },
            rankWithin: EstimationDesignOptions.list(rankBy).map { [$0] }, groups: Set(EstimationDesignOptions.list(groups)), level: design.level)
        var progress = Progress("computing indicators", total: table.rowCount, minimum: 20_000)
        let computed = try StudyResults.compute(
            table: table, set: set, instrument: instrument, design: try design.analysisDesign(command: "indicators table"), request: request,
            designName: design.calibration ?? "the weighting record") { progress.update($0) }
        progress.finish()
        let labels = ResultsLabels(set: set, instrument: instrument, language: lang)
        if let html {
            let report = ResultsReport(labels: labels, design: computed.design, results: computed.results, rankings: computed.rankings,
                                       source: URL(fileURLWithPath: design.data).lastPathComponent, level: design.level)
            try Terminal.writeAtomically(Data(report.html.utf8), to: URL(fileURLWithPath: html))
            Terminal.error("wrote \(html)")
        }
        return ResultsTableOutput(labels: labels, design: computed.design, results: computed.results, rankings: computed.rankings, breakdowns: breakdowns)
            .render(format: design.format)
    }

    private func parseGap(_ text: String) throws -> ResultsTable.Gap {
        guard let colon = text.firstIndex(of: ":"), let dash = text[colon...].firstIndex(of: "-") else {
            throw IndicatorsCommandError("--gap '\(text)' must be COL:A-B, e.g. sex:female-male")
        }
        return ResultsTable.Gap(column: String(text[..<colon]), a: String(text[text.index(after: colon)..<dash]), b: String(text[text.index(after: dash)...]))
    }
}
