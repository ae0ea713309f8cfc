import ArgumentParser
import Foundation
import SanaripStatistics

/// `sanarip sample pps`: probability-proportional-to-size selection with certainty units and reserves.
struct SamplePPSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pps",
        abstract: "Select units with probability proportional to size (certainty units, systematic/Brewer/Sampford, reserves).",
        discussion: """
            π_i = n·x_i/Σx within each stratum; units reaching π ≥ 1 are taken with certainty and π recomputed for the rest.
            Adds columns pi, certainty, order and reserve. Frame problems (duplicate ids, missing or non-positive sizes,
            strata smaller than their allocation) are listed and nothing is written.
            Example: sanarip sample pps --frame municipalities.csv --size population --strata oblast --n 10 --seed 2026 --reserve 2 -o sample.csv
            """
    )

    @OptionGroup var selection: SampleSelectionOptions
    @Option(help: "The size-measure column (population, households).") var size: String
    @Option(help: "Id column, checked for duplicates.") var id: String?
    @Option(help: "systematic, brewer or sampford.") var method: PPSSelection.Method = .systematic
    @Option(help: "Reserve units per stratum, to replace refusals in order.") var reserve: Int = 0
    @Option(name: .customLong("sort"), help: "Sort by this column within strata before selection (repeatable).") var sortColumns: [String] = []
    @Flag(name: .customLong("skip-missing-size"), help: "Leave out units whose size is empty (listed as a warning) instead of failing.") var skipMissingSize = false

    func run() async throws {
        try reportingStatisticsFailures {
            var table = try StatisticsTable.load(selection.frame, what: "frame")
            let sizeIndex = try table.column(size, option: "--size")
            let strataIndex = try selection.strata.map { try table.column($0, option: "--strata") }
            if skipMissingSize {
                let keep = table.rows.indices.filter { !table.rows[$0][sizeIndex].trimmingCharacters(in: .whitespaces).isEmpty }
                let dropped = table.rows.count - keep.count
                if dropped > 0 { Terminal.error("warning: \(dropped) unit\(dropped == 1 ? "" : "s") without \(size) left out of the frame") }
                table.rows = keep.map { table.rows[$0] }
                table.rowNumbers = keep.map { table.rowNumbers[$0] }
            }
            let strataValues = table.rows.map { row in strataIndex.map { row[$0] } ?? "" }
            let allocation = try selection.sampleSizes(strataValues: strataValues)
            let frame = SamplingFrame(header: table.header, rows: table.rows, rowNumbers: table.rowNumbers)
            let problems = frame.problems(idColumn: id, sizeColumn: size, strataColumn: selection.strata, allocation: allocation, reserve: reserve)
            if !problems.isEmpty {
                for problem in problems.prefix(20) { Terminal.error("\(selection.frame): \(problem)") }
                if problems.count > 20 { Terminal.error("… and \(problems.count - 20) more") }
                throw StatisticsCommandFailure("\(selection.frame): \(problems.count) frame problem\(problems.count == 1 ? "" : "s"); nothing written")
            }
            let design = SamplingFrame.PPSDesign(
                sizeColumn: size, strataColumn: selection.strata, allocation: allocation, method: method,
                seed: selection.seed, reserve: reserve, sortColumns: sortColumns)
            let sample = try frame.selectPPS(design)
            let header = table.header + ["pi", "certainty", "order", "reserve"]
            let rows = sample.units.map { unit in
                table.rows[unit.row] + ["\(unit.probability)", "\(unit.certainty)", "\(unit.order)", "\(unit.reserve)"]
            }
            try StatisticsCSV.write(header: header, rows: rows, to: selection.output.output)
            var strataOrder: [String] = []
            for unit in sample.units where !strataOrder.contains(unit.stratum) { strataOrder.append(unit.stratum) }
            for stratum in strataOrder {
                let units = sample.units.filter { $0.stratum == stratum }
                let label = stratum.isEmpty ? "sample" : "stratum \(stratum)"
                let start = sample.starts[stratum].map { String(format: ", start %.6f", $0) } ?? ""
                Terminal.error("\(label): \(units.count { !$0.reserve }) selected (\(units.count(where: \.certainty)) with certainty), \(units.count(where: \.reserve)) reserve\(start)")
            }
            Terminal.error("wrote \(selection.output.output) (\(rows.count) rows, method \(method.rawValue), seed \(selection.seed))")
        }
    }
}

extension PPSSelection.Method: ExpressibleByArgument {}
