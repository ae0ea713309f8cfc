import ArgumentParser
import Foundation
import SanaripStatistics

/// `sanarip sample srs`: simple random sampling without replacement, per stratum.
struct SampleSRSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "srs",
        abstract: "Simple random sample without replacement (e.g. households from a listing); adds pi and order.",
        discussion: "Example: sanarip sample srs --frame listing.csv --strata village --n 12 --seed 7 -o households.csv"
    )

    @OptionGroup var selection: SampleSelectionOptions

    func run() async throws {
        try reportingStatisticsFailures {
            try EqualProbabilitySample.run(selection) { N, n, generator in
                try EqualProbabilitySelection.simpleRandom(populationSize: N, sampleSize: n, using: &generator)
            }
        }
    }
}

/// `sanarip sample systematic`: systematic sampling with a fractional interval and random start, per stratum.
struct SampleSystematicCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "systematic",
        abstract: "Systematic sample with interval N/n and a random start, in list order; adds pi and order.",
        discussion: "Example: sanarip sample systematic --frame listing.csv --strata village --n 12 --seed 7 -o households.csv"
    )

    @OptionGroup var selection: SampleSelectionOptions

    func run() async throws {
        try reportingStatisticsFailures {
            try EqualProbabilitySample.run(selection) { N, n, generator in
                let u = generator.nextUniform()
                Terminal.error(String(format: "interval %.4f, start %.4f", Double(N) / Double(max(n, 1)), u * Double(N) / Double(max(n, 1))))
                return try EqualProbabilitySelection.systematic(populationSize: N, sampleSize: n, start: u)
            }
        }
    }
}

/// The shared body of `srs` and `systematic`: per stratum, select, and write the rows with π = n/N.
enum EqualProbabilitySample {
    static func run(_ selection: SampleSelectionOptions, select: (Int, Int, inout SeededGenerator) throws -> [Int]) throws {
        let table = try StatisticsTable.load(selection.frame, what: "frame")
        let strataIndex = try selection.strata.map { try table.column($0, option: "--strata") }
        let strata = SamplingFrame(header: table.header, rows: table.rows).unitsByStratum(column: strataIndex)
        let members = Dictionary(uniqueKeysWithValues: strata.map { ($0.stratum, $0.units) })
        let sizes = try selection.sampleSizes(strataValues: strata.flatMap { Array(repeating: $0.stratum, count: $0.units.count) })
        for stratum in sizes.keys.sorted() where members[stratum] == nil {
            throw StatisticsCommandFailure("\(selection.allocation ?? selection.frame): stratum '\(stratum)' has no unit in the frame")
        }
        var generator = SeededGenerator(seed: selection.seed)
        var rows: [[String]] = []
        for (stratum, list) in strata {
            let n = sizes[stratum] ?? 0
            guard n <= list.count else {
                throw StatisticsCommandFailure("\(selection.frame): stratum '\(stratum)' has \(list.count) units but \(n) are asked for; lower n, or add --take-all-small to take it whole")
            }
            guard n > 0 else { continue }
            let pi = Double(n) / Double(list.count)
            for (position, index) in try select(list.count, n, &generator).enumerated() {
                rows.append(table.rows[list[index]] + ["\(pi)", "\(position + 1)"])
            }
        }
        try StatisticsCSV.write(header: table.header + ["pi", "order"], rows: rows, to: selection.output.output)
        Terminal.error("wrote \(selection.output.output) (\(rows.count) units, seed \(selection.seed))")
    }
}
