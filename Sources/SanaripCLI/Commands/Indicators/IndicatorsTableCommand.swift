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
        var table = try design.loadTable(columns: nil)
        let header = table.columnNames
        let values = try IndicatorData.evaluate(set, instrument: instrument, table: table)
        let breakdowns = [[]] + EstimationDesignOptions.list(by).map { $0.split(separator: "*").map { $0.trimmingCharacters(in: .whitespaces) } }
        let gaps = try (gap.isEmpty ? defaultGaps(header: header, set: set) : gap.map(parseGap))
        let rankColumns = EstimationDesignOptions.list(rankBy)
        let categorical = Set(breakdowns.flatMap(\.self) + gaps.map(\.column) + rankColumns)
        for name in categorical where !table.columnNames.contains(name) {
            if let position = set.indicators.firstIndex(where: { $0.name == name }) {
                guard set.indicators[position].kind == .category else {
                    throw IndicatorsCommandError("'\(name)' is a \(set.indicators[position].kind.rawValue) indicator; breakdowns need a category or a question")
                }
                table.set(DataColumn(name: name, strings: values.map { row in row[position] == .missing ? nil : row[position].text }))
            } else {
                throw IndicatorsCommandError("'\(name)' is neither a column of \(design.data) nor a category indicator; columns: \(header.prefix(30).joined(separator: ", "))")
            }
        }
        for gap in gaps {
            let present = Set(try table.column(gap.column).factor().levels)
            for value in [gap.a, gap.b] where !present.contains(value) {
                throw IndicatorsCommandError("--gap \(gap.column):\(gap.a)-\(gap.b): '\(value)' is not a value of '\(gap.column)'; it has: \(present.sorted().joined(separator: ", "))")
            }
        }
        let chosen = Set(EstimationDesignOptions.list(groups))
        let reported = set.indicators.enumerated().filter { $0.element.kind != .category && !$0.element.group.isEmpty && (chosen.isEmpty || chosen.contains($0.element.group)) }
        let variables = reported.map { position, indicator in
            ResultsTable.Variable(name: indicator.name, isProportion: indicator.kind == .proportion, values: values.map { $0[position].number })
        }
        let surveyDesign = try design.linearisationDesign(table, command: "indicators table")
        let options = EstimationOptions(level: design.level, deff: true, proportionInterval: .logit)
        let results = try ResultsTable(design: surveyDesign, table: table, variables: variables, breakdowns: breakdowns, gaps: gaps, options: options)
        var rankings: [(group: String, ranking: Ranking)] = []
        let rankedGroups = rank.map { EstimationDesignOptions.list($0) } ?? (variables.contains { set[$0.name]?.group == "barrier" } ? ["barrier"] : [])
        for group in rankedGroups {
            let members = variables.filter { variable in set[variable.name]?.group == group }
            guard !members.isEmpty else { throw IndicatorsCommandError("--rank \(group): no reported indicator of that group in \(file.indicators)") }
            for columns in [[]] + rankColumns.map({ [$0] }) {
                rankings.append((group, Ranking(design: surveyDesign, variables: members, domains: try DomainSet(table, by: columns), options: options)))
            }
        }
        let labels = ResultsLabels(set: set, instrument: instrument, language: lang)
        if let html {
            let report = ResultsReport(labels: labels, design: surveyDesign, results: results, rankings: rankings,
                                       source: URL(fileURLWithPath: design.data).lastPathComponent, level: design.level)
            try Terminal.writeAtomically(Data(report.html.utf8), to: URL(fileURLWithPath: html))
            Terminal.error("wrote \(html)")
        }
        return ResultsTableOutput(labels: labels, design: surveyDesign, results: results, rankings: rankings, breakdowns: breakdowns)
            .render(format: design.format)
    }

    private func defaultGaps(header: [String], set: IndicatorSet) -> [ResultsTable.Gap] {
        [("settlement_type", "rural", "urban"), ("sex", "female", "male")]
            .filter { column, _, _ in header.contains(column) || set[column] != nil }
            .map { ResultsTable.Gap(column: $0.0, a: $0.1, b: $0.2) }
    }

    private func parseGap(_ text: String) throws -> ResultsTable.Gap {
        guard let colon = text.firstIndex(of: ":"), let dash = text[colon...].firstIndex(of: "-") else {
            throw IndicatorsCommandError("--gap '\(text)' must be COL:A-B, e.g. sex:female-male")
        }
        return ResultsTable.Gap(column: String(text[..<colon]), a: String(text[text.index(after: colon)..<dash]), b: String(text[text.index(after: dash)...]))
    }
}
