import ArgumentParser
import Foundation
import SanaripAnalysis
import SanaripStatistics

/// The data file and sample design options shared by `estimate`, `test` and `model`.
struct EstimationDesignOptions: ParsableArguments {
    @Option(name: .long, help: "The data: CSV (comma, semicolon or tab separated) or XLSX (first sheet), with a header row.")
    var data: String

    @Option(name: .long, help: "Cluster id columns, PSU first (comma-separated). Without it every row is its own PSU.")
    var ids: String?

    @Option(name: .long, help: "The stratum column.")
    var strata: String?

    @Option(name: .long, help: "The sampling weight column.")
    var weights: String?

    @Option(name: .long, help: "Inclusion probability columns per stage (comma-separated); instead of --weights.")
    var probs: String?

    @Option(name: .long, help: "Finite population corrections per stage (comma-separated): population sizes, or fractions ≤ 1.")
    var fpc: String?

    @Flag(name: .long, help: "PSU ids restart within strata.")
    var nest = false

    @Option(name: .customLong("lonely-psu"), help: "Strata with one PSU: fail, remove, certainty, adjust or average.")
    var lonelyPSU: String = "fail"

    @Option(name: .long, help: ArgumentHelp(
        "The <output>.weighting.json that sanarip weight wrote for this data: standard errors then account for the raking, calibration or post-stratification, as R's rake/calibrate/postStratify designs do.",
        discussion: "The base weights are weighted again as the file records, which must reproduce the weight column (--weights, by default 'weight').",
        valueName: "file"))
    var calibration: String?

    @Option(name: .long, help: "Replicate variance instead of linearisation: jk1, jkn, brr, fay or bootstrap.")
    var replicates: String?

    @Option(name: .customLong("fay-rho"), help: "Fay's ρ for --replicates fay.")
    var fayRho: Double = 0.3

    @Option(name: .customLong("replicate-weights"), help: "Given replicate weight columns (comma-separated), with --replicates naming their kind.")
    var replicateWeights: String?

    @Option(name: .long, help: "Bootstrap replicates.")
    var bootstrapReplicates: Int = 200

    @Option(name: .long, help: "Bootstrap seed.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Texts read as missing besides empty cells (comma-separated).")
    var na: String = "NA"

    @Option(name: .long, help: "Confidence level.")
    var level: Double = 0.95

    @Option(name: .long, help: "Output: json, csv or table.")
    var format: String = "json"

    @Flag(name: .long, help: ArgumentHelp("Print the time of each phase to standard error (benchmarks).", visibility: .hidden))
    var timings = false

    /// Runs `body`, printing its duration to standard error under --timings.
    func phase<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        guard timings else { return try body() }
        let clock = ContinuousClock()
        let start = clock.now
        let value = try body()
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        Terminal.error(String(format: "  %@: %.3f s", name, seconds))
        return value
    }

    static func list(_ value: String?) -> [String] {
        (value ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func validate() throws {
        guard ["json", "csv", "table"].contains(format) else { throw ValidationError("--format must be json, csv or table") }
        guard LonelyPSUPolicy(rawValue: lonelyPSU) != nil else { throw ValidationError("--lonely-psu must be fail, remove, certainty, adjust or average") }
        if let replicates, ReplicateDesign.Kind(rawValue: replicates) == nil || replicates == "other" {
            throw ValidationError("--replicates must be jk1, jkn, brr, fay or bootstrap")
        }
        guard fayRho >= 0, fayRho < 1 else { throw ValidationError("--fay-rho must lie in [0, 1)") }
        guard level > 0, level < 1 else { throw ValidationError("--level must lie between 0 and 1, e.g. 0.95") }
        if weights != nil, probs != nil { throw ValidationError("give --weights or --probs, not both") }
        if calibration != nil, probs != nil { throw ValidationError("--calibration takes the calibrated weights (--weights), not --probs") }
        if calibration != nil, replicates != nil { throw ValidationError("--calibration works with Taylor linearisation; drop --replicates") }
    }

    /// The design columns (with --calibration, also those the weighting record reads) plus `columns`, read once
    /// from the data file; every column when `columns` is nil.
    func loadTable(columns: [String]?) throws -> DataTable {
        guard let columns else { return try DataFile.read(data, missing: Self.list(na)) }
        var wanted: [String] = []
        for column in try analysisDesign().columns + Self.list(replicateWeights) + columns where !wanted.contains(column) {
            wanted.append(column)
        }
        return try DataFile.read(data, columns: wanted, missing: Self.list(na))
    }

    /// The linearisation design, and the replicate design when --replicates asks for one.
    func designs(_ table: DataTable) throws -> (SurveyDesign, ReplicateDesign?) {
        let design = try surveyDesign(table)
        guard let replicates, let kind = ReplicateDesign.Kind(rawValue: replicates) else { return (design, nil) }
        let given = Self.list(replicateWeights)
        if !given.isEmpty {
            guard let weights else { throw EstimationCommandError("--replicate-weights needs --weights, the full-sample weight column") }
            guard kind != .jkn else {
                throw EstimationCommandError("given JKn replicate weights need their per-replicate scales (R's rscales), which the command line does not take; use the design columns with --replicates jkn instead")
            }
            return (design, try ReplicateDesign(table, weights: weights, replicateWeights: given, kind: kind, fayRho: fayRho))
        }
        switch kind {
        case .jk1, .jkn:
            if (kind == .jk1) != (strata == nil) {
                throw EstimationCommandError(kind == .jk1 ? "--replicates jk1 is for an unstratified design; use jkn with --strata" : "--replicates jkn needs --strata; use jk1 for an unstratified design")
            }
            return (design, try ReplicateDesign(jackknife: design))
        case .brr, .fay:
            return (design, try ReplicateDesign(balancedRepeatedReplication: design, fayRho: kind == .fay ? fayRho : 0))
        case .bootstrap:
            return (design, ReplicateDesign(bootstrap: design, replicates: bootstrapReplicates, seed: seed))
        case .other:
            throw EstimationCommandError("--replicates other needs --replicate-weights")
        }
    }

    /// Runs `body`, turning data and design errors into one line on standard error and exit code 1.
    static func reportingErrors(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as DataTableError {
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        } catch let error as SurveyDesignError {
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        } catch let error as ReplicateDesignError {
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        } catch let error as EstimationCommandError {
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        } catch let error as AnalysisError {
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        } catch let error as ProportionExpression.ParseError {
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        }
    }
}

/// A user-facing one-line error of the estimation commands.
struct EstimationCommandError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
