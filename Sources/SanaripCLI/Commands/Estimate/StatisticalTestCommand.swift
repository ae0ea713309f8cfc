import ArgumentParser
import Foundation
import SanaripStatistics

/// `sanarip test chisq|ttest`: design-based tests.
struct StatisticalTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Design-based tests: Rao–Scott chi-square and t test.",
        subcommands: [ChiSquareTestCommand.self, TTestCommand.self]
    )
}

/// `sanarip test chisq --row VAR --col VAR`: Rao–Scott tests of association (as R's `svychisq`).
struct ChiSquareTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chisq",
        abstract: "Rao–Scott chi-square test of association in a two-way table (F and first-order)."
    )

    @OptionGroup var design: EstimationDesignOptions

    @Option(name: .long, help: "The row variable.")
    var row: String

    @Option(name: .long, help: "The column variable.")
    var col: String

    func run() async throws {
        try EstimationDesignOptions.reportingErrors {
            let table = try design.phase("read CSV") { try design.loadTable(columns: [row, col]) }
            let surveyDesign = try design.phase("design") { try design.linearisationDesign(table, command: "test chisq") }
            let test = try design.phase("test") { surveyDesign.raoScott(rows: try table.column(row).factor(), columns: try table.column(col).factor()) }
            let fields: [(String, Double)] = [
                ("F", test.f), ("ndf", test.numeratorDF), ("ddf", test.denominatorDF), ("p", test.pValue),
                ("chisq", test.pearson), ("chisq_adjusted", test.firstOrder), ("df", Double(test.chiSquareDF)), ("p_chisq", test.chiSquarePValue),
            ]
            switch design.format {
            case "json":
                print(EstimateOutput.json(fields.map { ($0.0, EstimateOutput.number($0.1)) }))
            case "csv":
                print(EstimateOutput.csv([fields.map(\.0), fields.map { EstimateOutput.csvNumber($0.1) }]), terminator: "")
            default:
                print(EstimateOutput.table(["statistic", "value"], fields.map { [$0.0, EstimateOutput.tableNumber($0.1)] }), terminator: "")
            }
        }
    }
}

/// `sanarip test ttest VAR --by COL`: difference of means between the two groups of COL (second − first).
struct TTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ttest",
        abstract: "Design-based t test of a mean difference between two groups (as R's svyttest)."
    )

    @OptionGroup var design: EstimationDesignOptions

    @Argument(help: "The numeric variable.")
    var variable: String

    @Option(name: .long, help: "The grouping column with exactly two groups.")
    var by: String

    func run() async throws {
        try EstimationDesignOptions.reportingErrors {
            let table = try design.loadTable(columns: [variable, by])
            let surveyDesign = try design.linearisationDesign(table, command: "test ttest")
            guard let test = surveyDesign.tTest(try table.numbers(variable), variable: variable, group: try table.column(by).factor(), level: design.level) else {
                throw EstimationCommandError("column '\(by)' must have exactly two groups among rows with '\(variable)'")
            }
            let fields: [(String, String)] = [
                ("variable", EstimateOutput.jsonString(variable)), ("groups", "[" + test.groups.map(EstimateOutput.jsonString).joined(separator: ", ") + "]"),
                ("difference", EstimateOutput.number(test.estimate)), ("se", EstimateOutput.number(test.standardError)),
                ("t", EstimateOutput.number(test.t)), ("df", String(test.degreesOfFreedom)), ("p", EstimateOutput.number(test.pValue)),
                ("ci_low", EstimateOutput.number(test.ciLow)), ("ci_high", EstimateOutput.number(test.ciHigh)),
            ]
            switch design.format {
            case "json":
                print(EstimateOutput.json(fields))
            case "csv":
                print(EstimateOutput.csv([fields.map(\.0), fields.map { $0.1.replacingOccurrences(of: "\"", with: "") }]), terminator: "")
            default:
                print(EstimateOutput.table(["statistic", "value"], fields.map { [$0.0, $0.1.replacingOccurrences(of: "\"", with: "")] }), terminator: "")
            }
        }
    }
}
