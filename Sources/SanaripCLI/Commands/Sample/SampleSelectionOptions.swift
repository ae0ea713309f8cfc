import ArgumentParser
import Foundation
import SanaripStatistics

/// Options shared by the selection commands: the frame, strata, sizes per stratum, seed and output.
struct SampleSelectionOptions: ParsableArguments {
    @Option(help: "The frame (CSV or XLSX); the output keeps all its columns.") var frame: String
    @Option(help: "Stratum column; --n is then the size in each stratum.") var strata: String?
    @Option(help: "Sample size (per stratum with --strata).") var n: Int?
    @Option(help: "A CSV/XLSX with columns stratum and n (as written by 'sample allocate').") var allocation: String?
    @Option(help: "Random seed: the same seed gives the same sample on every machine.") var seed: UInt64
    @Flag(name: .customLong("take-all-small"), help: "Take a stratum whole (π = 1) when it has fewer units than asked for, instead of failing.")
    var takeAllSmall = false
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if (n == nil) == (allocation == nil) { throw ValidationError("give either --n or --allocation") }
        if let n, n < 0 { throw ValidationError("--n must be ≥ 0") }
    }

    /// Units to select per stratum ("" without strata), from --n or the allocation file; with
    /// --take-all-small, never more than the stratum has. `strataValues` has one entry per frame unit.
    func sampleSizes(strataValues: [String]) throws -> [String: Int] {
        let sizes = try requestedSizes(strataValues: strataValues)
        guard takeAllSmall else { return sizes }
        var counts: [String: Int] = [:]
        for value in strataValues { counts[value, default: 0] += 1 }
        return sizes.reduce(into: [:]) { result, entry in
            result[entry.key] = min(entry.value, counts[entry.key] ?? entry.value)
        }
    }

    private func requestedSizes(strataValues: [String]) throws -> [String: Int] {
        if let n {
            return Dictionary(strataValues.map { ($0, n) }, uniquingKeysWith: { a, _ in a })
        }
        let table = try StatisticsTable.load(allocation!, what: "allocation")
        let s = try table.column("stratum", option: "--allocation")
        let c = try table.column("n", option: "--allocation")
        let sizes = try table.numbers(c, requirement: "a whole number ≥ 0", accept: { $0 >= 0 && $0 == $0.rounded() })
        var result: [String: Int] = [:]
        for (k, row) in table.rows.enumerated() {
            guard result[row[s]] == nil else {
                throw StatisticsCommandFailure("\(table.file), row \(table.rowNumbers[k]), column stratum: stratum '\(row[s])' is listed twice")
            }
            result[row[s]] = Int(sizes[k])
        }
        if strata == nil, result.count == 1, let only = result.values.first { return ["": only] }
        return result
    }
}
