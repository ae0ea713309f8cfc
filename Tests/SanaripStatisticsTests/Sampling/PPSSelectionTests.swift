import Foundation
import Testing
@testable import SanaripStatistics

/// Replays uniforms printed by R, so a selection can be compared with R's on the same random numbers.
struct ReplayedUniforms: UniformSource {
    var values: [Double]
    var position = 0
    mutating func nextUniform() -> Double {
        defer { position += 1 }
        return values[position]
    }
}

@Suite("PPS selection")
struct PPSSelectionTests {
    static let sizes: [Double] = [120, 45, 300, 80, 60, 500, 30, 90, 210, 15, 75, 150]

    @Test("systematic PPS equals R UPsystematic on the same start, over 40 seeds")
    func systematicMatchesR() throws {
        let pi = try InclusionProbabilities.compute(sizes: Self.sizes, sampleSize: 5)
        let script = """
            pik <- inclusionprobabilities(\(RReference.vector(Self.sizes)), 5)
            for (s in 1:40) { set.seed(s); u <- runif(1); set.seed(s); sel <- UPsystematic(pik)
              cat(sprintf('%.17g', u), which(sel == 1), '\\n') }
            """
        for line in try RReference.lines(script, count: 40) {
            let fields = line.split(separator: " ")
            let u = try #require(fields.first.flatMap { Double($0) }, "R line '\(line)'")
            let rSelected = try fields.dropFirst().map { try #require(Int($0), "R line '\(line)'") - 1 }
            let flags = try PPSSelection.systematicFlags(pi, start: u)
            #expect(flags.indices.filter { flags[$0] } == rSelected)
        }
    }

    @Test("Brewer's method equals R UPbrewer on the same uniforms, over 40 seeds")
    func brewerMatchesR() throws {
        let pi = try InclusionProbabilities.compute(sizes: Self.sizes, sampleSize: 5)
        let script = """
            pik <- inclusionprobabilities(\(RReference.vector(Self.sizes)), 5)
            for (s in 1:40) { set.seed(s); u <- runif(4); set.seed(s); sel <- UPbrewer(pik)
              cat(sprintf('%.17g', u), which(sel == 1), '\\n') }
            """
        for line in try RReference.lines(script, count: 40) {
            let fields = line.split(separator: " ")
            try #require(fields.count >= 4, "R line '\(line)'")
            var replay = ReplayedUniforms(values: try fields.prefix(4).map { try #require(Double($0), "R line '\(line)'") })
            let rSelected = try fields.dropFirst(4).map { try #require(Int($0), "R line '\(line)'") - 1 }
            let selected = try PPSSelection.select(probabilities: pi, method: .brewer, using: &replay)
            #expect(selected == rSelected)
            #expect(replay.position == 3)  // two certainty units (500, 300): three draws
        }
    }

    @Test("empirical selection frequencies match π over 20,000 seeds", arguments: PPSSelection.Method.allCases)
    func frequencies(method: PPSSelection.Method) throws {
        let pi = try InclusionProbabilities.compute(sizes: Self.sizes, sampleSize: 5)
        #expect(pi[5] == 1)
        let replications = 20_000
        var counts = [Int](repeating: 0, count: pi.count)
        for seed in 0..<replications {
            var generator = SeededGenerator(seed: UInt64(seed))
            let selected = try PPSSelection.select(probabilities: pi, method: method, using: &generator)
            #expect(selected.count == 5)
            for i in selected { counts[i] += 1 }
        }
        for i in pi.indices {
            let frequency = Double(counts[i]) / Double(replications)
            let standardError = (pi[i] * (1 - pi[i]) / Double(replications)).squareRoot()
            #expect(abs(frequency - pi[i]) <= 4.5 * standardError + 1e-12, "unit \(i + 1): \(frequency) vs π \(pi[i])")
        }
    }

    @Test("Sampford's joint inclusion frequencies match R UPsampfordpi2")
    func sampfordJointProbabilities() throws {
        let sizes: [Double] = [120, 45, 300, 80, 60, 30, 90, 210]  // no certainty unit: UPsampfordpi2 needs 0 < π < 1
        let pi = try InclusionProbabilities.compute(sizes: sizes, sampleSize: 3)
        let r = try RReference.numbers("pik <- inclusionprobabilities(\(RReference.vector(sizes)), 3); cat(sprintf('%.17g', UPsampfordpi2(pik)), sep = '\\n')")
        let count = sizes.count
        #expect(r.count == count * count)
        let replications = 40_000
        var joint = [Int](repeating: 0, count: count * count)
        for seed in 0..<replications {
            var generator = SeededGenerator(seed: UInt64(1_000_000 + seed))
            let selected = try PPSSelection.select(probabilities: pi, method: .sampford, using: &generator)
            for i in selected { for j in selected { joint[i * count + j] += 1 } }
        }
        for i in 0..<count {
            for j in 0..<count {
                let expected = r[j * count + i]
                let frequency = Double(joint[i * count + j]) / Double(replications)
                let standardError = (expected * (1 - expected) / Double(replications)).squareRoot()
                #expect(abs(frequency - expected) <= 4.5 * standardError + 1e-12, "π_\(i + 1)\(j + 1): \(frequency) vs \(expected)")
            }
        }
    }

    @Test("same seed, same sample; the generator's stream is fixed")
    func reproducible() throws {
        var generator = SeededGenerator(seed: 42)
        #expect(generator.next() == SeededGenerator(seed: 42).nextCopy())
        let pi = try InclusionProbabilities.compute(sizes: Self.sizes, sampleSize: 5)
        var a = SeededGenerator(seed: 7), b = SeededGenerator(seed: 7)
        #expect(try PPSSelection.select(probabilities: pi, method: .brewer, using: &a) == PPSSelection.select(probabilities: pi, method: .brewer, using: &b))
        var first = SeededGenerator(seed: 0)
        // SplitMix64 seeding of xoshiro256**: first outputs pinned so a change of algorithm is caught.
        #expect([first.next(), first.next()] == SeededGeneratorPins.seedZero)
    }
}

enum SeededGeneratorPins {
    static let seedZero: [UInt64] = [0x99EC_5F36_CB75_F2B4, 0xBF6E_1F78_4956_452A]
}

extension SeededGenerator {
    fileprivate func nextCopy() -> UInt64 {
        var copy = self
        return copy.next()
    }
}
