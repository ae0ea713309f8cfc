import Foundation
import SanaripCore
import Testing

@testable import SanaripInstrument

/// Inputs the fuzzer (`Benchmarks/fuzz/run.sh`) found to crash a parser, kept so they never come back.
@Suite("Fuzzing findings")
struct FuzzFindingsTests {
    @Test("a parameters cell with a bare '=' or '=value' reads instead of trapping")
    func bareEqualsInParameters() throws {
        let workbook = Workbook(sheets: [
            Sheet(name: "survey", cells: [
                ["type", "name", "label", "parameters"],
                ["range", "score", "Score", "= start=1 =5 end=10 step"],
            ])
        ])
        let result = XLSFormReader().read(workbook)
        let question = try #require(result.instrument.questions.first)
        #expect(question.parameters.map(\.0) == ["", "start", "", "end", "step"])
        #expect(question.parameters.map(\.1) == ["", "1", "5", "10", ""])
    }
}
