import Testing
@testable import SanaripStatistics

@Suite("Equal-probability and within-household selection")
struct EqualProbabilitySelectionTests {
    @Test("SRS and systematic: every unit selected with frequency n/N over 20,000 seeds")
    func frequencies() throws {
        let N = 13, n = 4, replications = 20_000
        var srs = [Int](repeating: 0, count: N), systematic = srs
        for seed in 0..<replications {
            var generator = SeededGenerator(seed: UInt64(seed))
            let a = try EqualProbabilitySelection.simpleRandom(populationSize: N, sampleSize: n, using: &generator)
            #expect(Set(a).count == n)
            for i in a { srs[i] += 1 }
            let b = try EqualProbabilitySelection.systematic(populationSize: N, sampleSize: n, start: generator.nextUniform())
            #expect(Set(b).count == n)
            for i in b { systematic[i] += 1 }
        }
        let pi = Double(n) / Double(N)
        let tolerance = 4.5 * (pi * (1 - pi) / Double(replications)).squareRoot()
        for i in 0..<N {
            #expect(abs(Double(srs[i]) / Double(replications) - pi) <= tolerance)
            #expect(abs(Double(systematic[i]) / Double(replications) - pi) <= tolerance)
        }
    }

    @Test("systematic: interval 13/4 from start 0.5 picks positions 1, 4, 8, 11 (0-based)")
    func systematicHandComputed() throws {
        // r = 0.5 · 3.25 = 1.625; positions ⌊1.625 + j·3.25⌋ = 1, 4, 8, 11.
        #expect(try EqualProbabilitySelection.systematic(populationSize: 13, sampleSize: 4, start: 0.5) == [1, 4, 8, 11])
    }

    @Test("Kish tables give 1/m for m ≤ 4 and the known probabilities for 5 and 6+")
    func kishProbabilities() throws {
        let expected: [Int: [Double]] = [
            1: [1], 2: [0.5, 0.5], 3: [1.0 / 3, 1.0 / 3, 1.0 / 3], 4: [0.25, 0.25, 0.25, 0.25],
            5: [1.0 / 6, 1.0 / 6, 0.25, 1.0 / 6, 0.25], 7: [1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 6, 0],
        ]
        for (m, probabilities) in expected {
            var byLine = [Double](repeating: 0, count: probabilities.count)
            for serial in 0..<12 {
                let choice = try PersonSelection.kish(eligible: m, table: .forHousehold(serial: serial))
                byLine[choice.line - 1] += 1.0 / 12
                #expect(abs(choice.probability - probabilities[choice.line - 1]) < 1e-15)
            }
            for line in probabilities.indices { #expect(abs(byLine[line] - probabilities[line]) < 1e-12) }
        }
    }

    @Test("random person selection records 1/m")
    func randomPerson() throws {
        var generator = SeededGenerator(seed: 3)
        let choice = try PersonSelection.random(eligible: 5, using: &generator)
        #expect((1...5).contains(choice.line))
        #expect(choice.probability == 0.2)
    }
}
