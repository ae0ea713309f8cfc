import Testing
@testable import SanaripStatistics

@Suite("Coding of categorical weighting variables")
struct WeightingVariableTests {
    @Test("levels in order of first appearance, below and above 16 levels")
    func coding() {
        let values = (0..<200).map { "level \(($0 * 7) % 40)" }
        let variable = WeightingVariable(name: "v", values: values)
        #expect(variable.levels.count == 40)
        #expect(variable.levels.prefix(3) == ["level 0", "level 7", "level 14"])
        #expect(variable.codes.indices.allSatisfy { variable.levels[Int(variable.codes[$0])] == values[$0] })
        let small = WeightingVariable(name: "sex", values: ["m", "f", "m", "m", "f"])
        #expect(small.levels == ["m", "f"])
        #expect(small.codes == [0, 1, 0, 0, 1])
    }
}
