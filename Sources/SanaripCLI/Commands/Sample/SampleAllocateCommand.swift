import ArgumentParser
import Foundation
import SanaripStatistics

/// `sanarip sample allocate`: shares a total sample across the strata of a frame.
struct SampleAllocateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allocate",
        abstract: "Allocate n across strata: proportional, equal, Neyman or power, with minimum/maximum and exact total.",
        discussion: """
            N_h is the sum of --size over the stratum's units (or the number of units without --size).
            Writes stratum,population,exact,n — the file `sample pps --allocation` reads.
            Example: sanarip sample allocate --frame municipalities.csv --strata oblast --size population --n 120 --method power --power 0.5 --min 10 -o allocation.csv
            """
    )

    enum Method: String, ExpressibleByArgument, CaseIterable { case proportional, equal, neyman, power }

    @Option(help: "The frame (CSV or XLSX).") var frame: String
    @Option(help: "The stratum column.") var strata: String
    @Option(help: "Size column summed into N_h (default: count units).") var size: String?
    @Option(name: .customLong("sd"), help: "Column with the stratum's standard deviation S_h (Neyman).") var standardDeviation: String?
    @Option(help: "Total sample size.") var n: Int
    @Option(help: "proportional, equal, neyman or power.") var method: Method = .proportional
    @Option(help: "Exponent q of power allocation (N_h^q).") var power: Double = 0.5
    @Option(name: .customLong("min"), help: "Minimum per stratum.") var minimum: Int = 0
    @Option(name: .customLong("max"), help: "Maximum per stratum.") var maximum: Int?
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try reportingStatisticsFailures {
            let table = try StatisticsTable.load(frame, what: "frame")
            let s = try table.column(strata, option: "--strata")
            let sizes = try size.map { try table.numbers(table.column($0, option: "--size"), requirement: "a number ≥ 0", accept: { $0 >= 0 }) }
            let sdColumn = try standardDeviation.map { try table.column($0, option: "--sd") }
            let strata = SamplingFrame(header: table.header, rows: table.rows).unitsByStratum(column: s)
            let strataList = strata.map { stratum, units in
                Allocation.Stratum(
                    name: stratum, populationSize: units.reduce(0.0) { $0 + (sizes?[$1] ?? 1) },
                    standardDeviation: sdColumn.flatMap { c in units.lazy.compactMap { Double(table.rows[$0][c]) }.first })
            }
            let allocationMethod: Allocation.Method = switch method {
            case .proportional: .proportional
            case .equal: .equal
            case .neyman: .neyman
            case .power: .power(power)
            }
            let allocation = try Allocation.allocate(total: n, strata: strataList, method: allocationMethod, minimum: minimum, maximum: maximum)
            let rows = strataList.indices.map { i in
                [strataList[i].name, StatisticsCSV.number(strataList[i].populationSize), String(format: "%.4f", allocation.exact[i]), String(allocation.sizes[i])]
            }
            try StatisticsCSV.write(header: ["stratum", "population", "exact", "n"], rows: rows, to: output.output)
            for row in rows { Terminal.error("\(row[0]): N = \(row[1]), exact \(row[2]), n = \(row[3])") }
            Terminal.error("wrote \(output.output) (\(rows.count) strata, n = \(allocation.sizes.reduce(0, +)))")
        }
    }
}
