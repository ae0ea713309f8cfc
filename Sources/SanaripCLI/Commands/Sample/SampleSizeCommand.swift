import ArgumentParser
import Foundation
import SanaripStatistics

/// `sanarip sample size`: the interviews and issued units needed, with every factor of the formula.
struct SampleSizeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "size",
        abstract: "Sample size for a proportion or a mean, with design effect, finite population, response and eligibility.",
        discussion: """
            n0 = z²·p(1−p)/e² (or z²·S²/e²); n1 = n0·deff·(1+CV²); n2 = n1/(1+(n1−1)/N); issued = n2/(response·eligibility).
            With --domain NAME:SHARE (repeatable) every domain must reach n2 and the smallest drives the total.
            Example: sanarip sample size --proportion 0.5 --moe 0.05 --cluster-size 10 --icc 0.05 --response-rate 0.8 --domain urban:0.3 --domain rural:0.7
            """
    )

    @Option(help: "Anticipated proportion p (0.5 when unknown).") var proportion: Double?
    @Option(name: .customLong("sd"), help: "Anticipated standard deviation S, to size for a mean.") var standardDeviation: Double?
    @Option(name: .customLong("moe"), help: "Margin of error e (half-width of the interval), e.g. 0.05.") var marginOfError: Double
    @Option(help: "Confidence level.") var confidence: Double = 0.95
    @Option(help: "Design effect, if known.") var deff: Double?
    @Option(name: .customLong("cluster-size"), help: "Interviews per cluster m̄ (deff = 1 + (m̄−1)ρ).") var clusterSize: Double?
    @Option(help: "Intra-class correlation ρ.") var icc: Double?
    @Option(name: .customLong("weighting-effect"), help: "1 + CV² of the expected weights.") var weightingEffect: Double = 1
    @Option(help: "Population size N (finite-population correction); per domain it is N·share.") var population: Double?
    @Option(name: .customLong("response-rate"), help: "Expected response rate.") var responseRate: Double = 1
    @Option(name: .customLong("eligibility-rate"), help: "Expected eligibility rate.") var eligibilityRate: Double = 1
    @Option(name: .customLong("domain"), help: "A reporting domain NAME:SHARE, e.g. rural-women:0.35 (repeatable).") var domains: [String] = []

    func run() async throws {
        try reportingStatisticsFailures {
            let estimate: SampleSize.Estimate
            switch (proportion, standardDeviation) {
            case let (p?, nil): estimate = .proportion(p)
            case let (nil, s?): estimate = .mean(standardDeviation: s)
            default: throw StatisticsCommandFailure("give either --proportion or --sd (not both)")
            }
            let designEffect: SampleSize.DesignEffect
            switch (deff, clusterSize, icc) {
            case let (d?, nil, nil): designEffect = .given(d)
            case let (nil, m?, rho?): designEffect = .clustering(clusterSize: m, intraclassCorrelation: rho)
            case (nil, nil, nil): designEffect = .given(1)
            default: throw StatisticsCommandFailure("give either --deff, or both --cluster-size and --icc")
            }
            func requirement(share: Double) -> SampleSize {
                SampleSize(
                    estimate: estimate, marginOfError: marginOfError, confidenceLevel: confidence, designEffect: designEffect,
                    weightingEffect: weightingEffect, populationSize: population.map { $0 * share },
                    responseRate: responseRate, eligibilityRate: eligibilityRate)
            }
            if domains.isEmpty {
                let result = try requirement(share: 1).compute()
                print(describe(result))
                return
            }
            let parsed = try domains.map { text -> SampleSize.Domain in
                let parts = text.split(separator: ":", maxSplits: 1)
                guard parts.count == 2, let share = Double(parts[1]) else {
                    throw StatisticsCommandFailure("--domain '\(text)': write NAME:SHARE, e.g. rural:0.7")
                }
                return SampleSize.Domain(name: String(parts[0]), requirement: requirement(share: share), share: share)
            }
            let plan = try SampleSize.plan(domains: parsed)
            for (index, name) in plan.names.enumerated() {
                print("domain \(name) (share \(parsed[index].share)):")
                print(describe(plan.results[index]).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
                print("  total implied: \(plan.results[index].interviews) / \(parsed[index].share) = \(plan.totals[index])")
            }
            print("total: \(plan.interviews) interviews (driven by \(plan.drivingDomain)), \(plan.issued) units to issue")
        }
    }

    private func describe(_ r: SampleSize.Result) -> String {
        func f(_ x: Double) -> String { String(format: "%.4f", x) }
        let variance = proportion != nil ? "p(1−p) = \(f(r.variance))" : "S² = \(f(r.variance))"
        var lines = [
            "z = \(f(r.z)) (confidence \(confidence)), \(variance), e = \(marginOfError)",
            "n0 = z²·\(proportion != nil ? "p(1−p)" : "S²")/e² = \(f(r.simpleRandom))",
            "deff = \(f(r.designEffect))\(clusterSize != nil ? " (1 + (\(clusterSize!) − 1)·\(icc!))" : ""), weighting effect = \(f(r.weightingEffect))",
            "n1 = n0·deff·weighting = \(f(r.afterDesignEffect))",
        ]
        if r.finitePopulationFactor != 1 {
            lines.append("n2 = n1/(1 + (n1 − 1)/N) = \(f(r.afterFinitePopulation))")
        }
        lines.append("interviews = \(r.interviews); issued = ⌈\(r.interviews)/(\(responseRate)·\(eligibilityRate))⌉ = \(r.issued)")
        return lines.joined(separator: "\n")
    }
}
