import Foundation
import Testing
@testable import SanaripStatistics

@Suite("Inclusion probabilities against R sampling::inclusionprobabilities")
struct InclusionProbabilitiesTests {
    @Test("documented example: one certainty unit")
    func documentedExample() throws {
        let sizes: [Double] = [120, 45, 300, 80, 60, 500, 30, 90]
        let pi = try InclusionProbabilities.compute(sizes: sizes, sampleSize: 3)
        let r = try RReference.numbers("cat(sprintf('%.17g', inclusionprobabilities(\(RReference.vector(sizes)), 3)), sep = '\\n')", count: sizes.count)
        #expect(RReference.maxAbsDiff(pi, r, label: "inclusionprobabilities documented example") <= 1e-12)
        #expect(pi[5] == 1)
        #expect(abs(pi[0] - 2 * 120 / 725) < 1e-15)
        #expect(abs(pi.reduce(0, +) - 3) < 1e-12)
    }

    @Test("generated frames with several rounds of certainty units, and zero sizes")
    func generatedFrames() throws {
        var generator = SeededGenerator(seed: 2026)
        var cases: [(sizes: [Double], n: Int)] = []
        for frame in 0..<12 {
            let count = 20 + 15 * frame
            var sizes = (0..<count).map { _ in exp(3 * generator.nextUniform()) * 100 }
            for k in 0..<(frame % 4) { sizes[k * 7] *= 60 }
            if frame % 3 == 0 { sizes[1] = 0 }
            cases.append((sizes, max(2, count / (2 + frame % 5))))
        }
        var script = ""
        for c in cases {
            script += "cat(sprintf('%.17g', inclusionprobabilities(\(RReference.vector(c.sizes)), \(c.n))), sep = '\\n')\n"
        }
        let r = try RReference.numbers(script, count: cases.reduce(0) { $0 + $1.sizes.count })
        var offset = 0
        var worst = 0.0
        var certaintyRounds = 0
        for c in cases {
            let pi = try InclusionProbabilities.compute(sizes: c.sizes, sampleSize: c.n)
            worst = max(worst, RReference.maxAbsDiff(pi, Array(r[offset..<(offset + pi.count)])))
            offset += pi.count
            if pi.contains(1) { certaintyRounds += 1 }
            #expect(abs(pi.reduce(0, +) - Double(c.n)) < 1e-9)
        }
        #expect(offset == r.count)
        print("R-equivalence: inclusionprobabilities 12 generated frames max|Δ| = \(worst)")
        #expect(worst <= 1e-12)
        #expect(certaintyRounds >= 6)
    }

    @Test("real frame: 2009 populations of the Issyk-Kul municipalities that have one")
    func realFrame() throws {
        let sizes: [Double] = try FrameFixture.populations(oblast: "Issyk-Kul")
        #expect(sizes.count == 36)
        for n in [5, 12, 20, 30] {
            let pi = try InclusionProbabilities.compute(sizes: sizes, sampleSize: n)
            let r = try RReference.numbers("cat(sprintf('%.17g', inclusionprobabilities(\(RReference.vector(sizes)), \(n))), sep = '\\n')")
            #expect(RReference.maxAbsDiff(pi, r, label: "inclusionprobabilities Issyk-Kul frame n = \(n)") <= 1e-12)
        }
    }

    @Test("errors: negative size, sample larger than the positive units")
    func errors() {
        #expect(throws: SamplingError.invalidSize(index: 1, value: -3)) {
            try InclusionProbabilities.compute(sizes: [1, -3, 2], sampleSize: 1)
        }
        #expect(throws: SamplingError.sampleTooLarge(requested: 3, available: 2, stratum: nil)) {
            try InclusionProbabilities.compute(sizes: [1, 0, 2], sampleSize: 3)
        }
    }
}

/// The shipped municipality frame (`/work/shared/data/frames` or the repository's `data/frames`).
enum FrameFixture {
    static func csv() throws -> [[String]] {
        let candidates = [
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../data/frames/municipalities.csv").standardized,
            URL(fileURLWithPath: "/work/shared/data/frames/municipalities.csv"),
        ]
        guard let url = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
            throw RReference.Failure(description: "municipalities.csv not found")
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(whereSeparator: \.isNewline).map { line in
            var fields: [String] = [], field = "", quoted = false
            for c in line {
                if c == "\"" { quoted.toggle() } else if c == "," && !quoted { fields.append(field); field = "" } else { field.append(c) }
            }
            fields.append(field)
            return fields
        }
    }

    static func populations(oblast: String) throws -> [Double] {
        let rows = try csv()
        let header = rows[0]
        guard let o = header.firstIndex(of: "oblast"), let p = header.firstIndex(of: "population") else {
            throw RReference.Failure(description: "frame header lacks oblast/population: \(header)")
        }
        return rows.dropFirst().filter { $0[o].contains(oblast) }.compactMap { Double($0[p]) }
    }
}
