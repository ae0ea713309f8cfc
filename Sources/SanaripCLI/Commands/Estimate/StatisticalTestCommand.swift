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

/// `sanarip test chisq --row VAR --col VAR`: tests of association (as R's `svychisq`), by linearisation or replicates.
struct ChiSquareTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chisq",
        abstract: "Chi-square test of association in a two-way table: Rao–Scott (F and first-order) or design-based Wald.",
        discussion: """
        Without --statistic both Rao–Scott versions are printed. --statistic f, chisq, wald or adjwald prints one, \
        as R's svychisq(statistic="F"|"Chisq"|"Wald"|"adjWald"). Example:
          sanarip test chisq --data api.csv --ids dnum --weights pw --row sch.wide --col stype --replicates jk1 --statistic adjwald
        """
    )

    enum Statistic: String, ExpressibleByArgument, CaseIterable {
        case f, chisq, wald, adjwald
    }

    @OptionGroup var design: EstimationDesignOptions

    @Option(name: .long, help: "The row variable.")
    var row: String

    @Option(name: .long, help: "The column variable.")
    var col: String

    @Option(name: .long, help: "The statistic: f (Rao–Scott second-order F), chisq (first-order), wald or adjwald; default both Rao–Scott.")
    var statistic: Statistic?

    func run() async throws {
        try EstimationDesignOptions.reportingErrors {
            let table = try design.phase("read CSV") { try design.loadTable(columns: [row, col]) }
            let (surveyDesign, replicate) = try design.phase("design") { try design.designs(table) }
            let rows = try table.column(row).factor(), columns = try table.column(col).factor()
            let fields: [(String, EstimateOutput.Field)] = design.phase("test") {
                if let statistic, statistic == .wald || statistic == .adjwald {
                    let adjusted = statistic == .adjwald
                    let test = replicate?.waldTest(rows: rows, columns: columns, adjusted: adjusted) ?? surveyDesign.waldTest(rows: rows, columns: columns, adjusted: adjusted)
                    return [("statistic", .text(statistic.rawValue)), ("F", .number(test.f)), ("ndf", .number(test.numeratorDF)), ("ddf", .number(test.denominatorDF)), ("p", .number(test.pValue))]
                }
                let test = replicate?.raoScott(rows: rows, columns: columns) ?? surveyDesign.raoScott(rows: rows, columns: columns)
                let second: [(String, EstimateOutput.Field)] = [("F", .number(test.f)), ("ndf", .number(test.numeratorDF)), ("ddf", .number(test.denominatorDF)), ("p", .number(test.pValue))]
                let first: [(String, EstimateOutput.Field)] = [
                    ("chisq", .number(test.pearson)), ("chisq_adjusted", .number(test.firstOrder)), ("df", .integer(test.chiSquareDF)), ("p_chisq", .number(test.chiSquarePValue)),
                ]
                switch statistic {
                case .f: return [("statistic", .text("f"))] + second
                case .chisq: return [("statistic", .text("chisq"))] + first
                default: return second + first
                }
            }
            print(EstimateOutput.record(fields, format: design.format), terminator: "")
        }
    }
}

/// `sanarip test ttest VAR --by COL`: difference of means between the two groups of COL (second − first).
struct TTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ttest",
        abstract: "Design-based t test of a mean difference between two groups (as R's svyttest), by linearisation or replicates."
    )

    @OptionGroup var design: EstimationDesignOptions

    @Argument(help: "The numeric variable.")
    var variable: String

    @Option(name: .long, help: "The grouping column with exactly two groups.")
    var by: String

    func run() async throws {
        try EstimationDesignOptions.reportingErrors {
            let table = try design.loadTable(columns: [variable, by])
            let (surveyDesign, replicate) = try design.designs(table)
            let y = try table.numbers(variable), group = try table.column(by).factor()
            guard let test = replicate.map({ $0.tTest(y, variable: variable, group: group, level: design.level) })
                ?? surveyDesign.tTest(y, variable: variable, group: group, level: design.level)
            else {
                throw EstimationCommandError("column '\(by)' must have exactly two groups among rows with '\(variable)'")
            }
            print(EstimateOutput.record([
                ("variable", .text(variable)), ("groups", .texts(test.groups)), ("difference", .number(test.estimate)), ("se", .number(test.standardError)),
                ("t", .number(test.t)), ("df", .integer(test.degreesOfFreedom)), ("p", .number(test.pValue)),
                ("ci_low", .number(test.ciLow)), ("ci_high", .number(test.ciHigh)),
            ], format: design.format), terminator: "")
        }
    }
}
