import Foundation
import Testing
@testable import SanaripStatistics

@Suite("Sampling frame checks and stratified PPS selection")
struct SamplingFrameTests {
    static func realFrame() throws -> SamplingFrame {
        let rows = try FrameFixture.csv()
        return SamplingFrame(header: rows[0], rows: Array(rows.dropFirst()))
    }

    @Test("the shipped frame: 103 missing populations, duplicate Russian names across districts")
    func realFrameProblems() throws {
        let frame = try Self.realFrame()
        #expect(frame.rows.count == 155)
        let problems = frame.problems(idColumn: "municipality_ru", sizeColumn: "population", strataColumn: "oblast", allocation: ["Issyk-Kul": 30, "Osh": 20])
        let missing = problems.filter { if case .missingSize = $0 { true } else { false } }
        #expect(missing.count == 103)
        let duplicates = problems.compactMap { if case let .duplicateID(id, rows, _) = $0 { (id, rows) } else { nil } }
        #expect(duplicates.count == 7)
        // Only 16 Osh municipalities have a population: an allocation of 20 cannot be met.
        #expect(problems.contains(.stratumTooSmall(stratum: "Osh", units: 16, allocated: 20)))
        #expect(!problems.contains { if case .stratumTooSmall(stratum: "Issyk-Kul", _, _) = $0 { true } else { false } })
        #expect(missing.first?.description == "row 4, column population: size is empty; fill it in or remove the unit")
        #expect(frame.problems(sizeColumn: "pop").first == .unknownColumn("pop", available: frame.header))
    }

    @Test("stratified selection: π equals inclusionprobabilities per stratum; certainty first; reserves outside the sample; seed fixes it")
    func stratifiedSelection() throws {
        let full = try Self.realFrame()
        let p = full.column("population")!
        let withSize = full.rows.filter { !$0[p].isEmpty }
        let frame = SamplingFrame(header: full.header, rows: withSize)
        let allocation = ["Issyk-Kul": 12, "Osh": 5]
        for method in PPSSelection.Method.allCases {
            let design = SamplingFrame.PPSDesign(sizeColumn: "population", strataColumn: "oblast", allocation: allocation, method: method, seed: 20_260_101, reserve: 2, sortColumns: ["district"])
            let sample = try frame.selectPPS(design)
            #expect(sample == (try frame.selectPPS(design)))
            for (stratum, n) in allocation {
                let units = sample.units.filter { $0.stratum == stratum }
                let main = units.filter { !$0.reserve }
                #expect(main.count == n)
                #expect(units.filter(\.reserve).count == 2)
                #expect(Set(units.map(\.row)).count == n + 2)
                #expect(units.map(\.order) == Array(1...(n + 2)))
                let members = frame.rows.indices.filter { frame.rows[$0][0] == stratum }
                let pi = try InclusionProbabilities.compute(sizes: members.map { Double(frame.rows[$0][p])! }, sampleSize: n)
                for unit in units {
                    #expect(abs(unit.probability - pi[members.firstIndex(of: unit.row)!]) <= 1e-15)  // sorting changes the summation order
                }
                #expect(main.prefix { $0.certainty }.count == main.count { $0.certainty })
            }
            // Karakol (66,294) is a certainty unit in Issyk-Kul with n = 12.
            #expect(sample.units.contains { frame.rows[$0.row][2] == "Каракол шаары" && $0.certainty })
            #expect(method != .systematic || sample.starts.count == 2)
        }
        let a = try frame.selectPPS(.init(sizeColumn: "population", strataColumn: "oblast", allocation: allocation, seed: 1))
        let b = try frame.selectPPS(.init(sizeColumn: "population", strataColumn: "oblast", allocation: allocation, seed: 2))
        #expect(a.units.map(\.row) != b.units.map(\.row))
    }

    @Test("a stratum too small for its allocation and reserves is an error naming it")
    func tooSmall() throws {
        let frame = SamplingFrame(header: ["id", "size", "s"], rows: [["1", "10", "a"], ["2", "20", "a"], ["3", "0", "a"]])
        #expect(throws: SamplingError.sampleTooLarge(requested: 3, available: 2, stratum: "a")) {
            try frame.selectPPS(.init(sizeColumn: "size", strataColumn: "s", allocation: ["a": 2], seed: 1, reserve: 1))
        }
    }
}
