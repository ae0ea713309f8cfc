import Foundation
import Testing
@testable import SanaripStatistics

@Suite("Sample size and allocation")
struct SampleSizeTests {
    @Test("normal quantile equals R qnorm to 1e-15 relative")
    func normalQuantile() throws {
        let p: [Double] = [1e-300, 1e-20, 1e-8, 0.001, 0.025, 0.05, 0.1, 0.3, 0.5, 0.7, 0.9, 0.95, 0.975, 0.995, 1 - 1e-12]
        let r = try RReference.numbers("cat(sprintf('%.17g', qnorm(\(RReference.vector(p)))), sep = '\\n')")
        for (x, expected) in zip(p.map { NormalDistribution.quantile($0) }, r) {
            #expect(abs(x - expected) <= 1e-15 * max(1, abs(expected)))
        }
    }

    @Test("proportion, ±5 points at 95%, deff from clusters of 10 with ρ = 0.05, N = 20,000, 80% response, 95% eligible")
    func proportionWithEveryFactor() throws {
        let spec = SampleSize(
            estimate: .proportion(0.5), marginOfError: 0.05, designEffect: .clustering(clusterSize: 10, intraclassCorrelation: 0.05),
            populationSize: 20_000, responseRate: 0.8, eligibilityRate: 0.95)
        let result = try spec.compute()
        let z = 1.959963984540054
        let n0 = z * z * 0.25 / 0.0025  // 384.1458820694124
        #expect(abs(result.simpleRandom - n0) < 1e-9)
        #expect(result.designEffect == 1.45)
        let n1 = n0 * 1.45
        #expect(abs(result.afterDesignEffect - n1) < 1e-9)
        let n2 = n1 / (1 + (n1 - 1) / 20_000)  // 557.01 / 1.0278 = 541.94 → 542
        #expect(abs(result.afterFinitePopulation - n2) < 1e-9)
        #expect(result.interviews == 542)
        #expect(result.issued == 714)  // ⌈542 / 0.76⌉ = ⌈713.2⌉
    }

    @Test("mean with S = 12, e = 1.5, 99%: n₀ = z²S²/e²")
    func mean() throws {
        let result = try SampleSize(estimate: .mean(standardDeviation: 12), marginOfError: 1.5, confidenceLevel: 0.99).compute()
        let z = 2.5758293035489004
        #expect(abs(result.simpleRandom - z * z * 144 / 2.25) < 1e-9)
        #expect(result.interviews == 425)  // 424.6…
    }

    @Test("the smallest domain drives the total")
    func domains() throws {
        let base = SampleSize(estimate: .proportion(0.5), marginOfError: 0.08)  // n₀ = 150.06 → 151
        let plan = try SampleSize.plan(domains: [
            .init(name: "urban", requirement: base, share: 0.3),
            .init(name: "rural", requirement: base, share: 0.7),
            .init(name: "women 15-28", requirement: base, share: 0.12),
        ])
        #expect(plan.totals == [504, 216, 1259])  // ⌈151/0.3⌉, ⌈151/0.7⌉, ⌈151/0.12⌉
        #expect(plan.drivingDomain == "women 15-28")
        #expect(plan.interviews == 1259)
    }

    @Test("invalid parameters are named")
    func invalid() {
        #expect(throws: SamplingError.invalidParameter(name: "response rate", requirement: "must be in (0, 1]")) {
            try SampleSize(estimate: .proportion(0.5), marginOfError: 0.05, responseRate: 0).compute()
        }
    }

    @Test("proportional, equal, Neyman and power allocation, hand computed")
    func allocationMethods() throws {
        let strata = [
            Allocation.Stratum(name: "A", populationSize: 5000, standardDeviation: 10),
            Allocation.Stratum(name: "B", populationSize: 3000, standardDeviation: 20),
            Allocation.Stratum(name: "C", populationSize: 2000, standardDeviation: 5),
        ]
        #expect(try Allocation.allocate(total: 100, strata: strata, method: .proportional).sizes == [50, 30, 20])
        #expect(try Allocation.allocate(total: 100, strata: strata, method: .equal).sizes == [34, 33, 33])
        // N·S = 50,000, 60,000, 10,000 → 41.67, 50, 8.33
        let neyman = try Allocation.allocate(total: 100, strata: strata, method: .neyman)
        #expect(neyman.sizes == [42, 50, 8])
        #expect(abs(neyman.exact[0] - 100 * 50_000.0 / 120_000) < 1e-12)
        // √N = 70.71, 54.77, 44.72 (Σ 170.21) → 41.54, 32.18, 26.28
        #expect(try Allocation.allocate(total: 100, strata: strata, method: .power(0.5)).sizes == [42, 32, 26])
    }

    @Test("bounds: minimum re-shares the rest, N_h caps a stratum, rounding keeps the total")
    func allocationBounds() throws {
        let strata = [
            Allocation.Stratum(name: "big", populationSize: 9000),
            Allocation.Stratum(name: "mid", populationSize: 900),
            Allocation.Stratum(name: "tiny", populationSize: 100),
        ]
        // proportional 90, 9, 1; minimum 5 fixes 'tiny' at 5 and shares 95 as 9000:900 → 86.36, 8.64.
        let a = try Allocation.allocate(total: 100, strata: strata, method: .proportional, minimum: 5)
        #expect(a.sizes == [86, 9, 5])
        #expect(abs(a.exact[0] - 95 * 9000.0 / 9900) < 1e-12)
        // maximum 60 caps 'big'; 40 left shared 900:100 → 36, 4.
        #expect(try Allocation.allocate(total: 100, strata: strata, method: .proportional, maximum: 60).sizes == [60, 36, 4])
        // equal allocation of 300 with N_h = 100 for 'tiny': 100 each.
        #expect(try Allocation.allocate(total: 300, strata: strata, method: .equal).sizes == [100, 100, 100])
        #expect(throws: SamplingError.self) { try Allocation.allocate(total: 1001, strata: [strata[1], strata[2]], method: .equal) }
        // Rounding: 7 over three equal strata → 3, 2, 2 and always the total.
        for total in [7, 10, 11, 999] {
            #expect(try Allocation.allocate(total: total, strata: strata, method: .power(0.3)).sizes.reduce(0, +) == total)
        }
    }
}
