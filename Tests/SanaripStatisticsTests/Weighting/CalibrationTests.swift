import Foundation
import Testing
@testable import SanaripStatistics

@Suite("Calibration and trimming against R survey")
struct CalibrationTests {
    /// apipop totals for ~stype + sch.wide + awards, as R's model.matrix columns.
    static let apiMargins = RakingTests.apiMargins + [
        WeightingMargin(variable: "awards", level: "No", total: 2027), WeightingMargin(variable: "awards", level: "Yes", total: 4167),
    ]
    static let rPopulation = "pop <- colSums(model.matrix(~stype + sch.wide + awards, apipop))"

    static func rCalibrated(_ data: WeightingData, _ call: String) throws -> [Double] {
        try RReference.numbers("""
            \(data.rDesign)
            \(rPopulation)
            cat(sprintf('%.17g', weights(\(call))), sep = '\\n')
            """)
    }

    static func calibrate(_ data: WeightingData, margins: [WeightingMargin] = apiMargins, _ options: Calibration.Options) throws -> WeightingResult {
        let variables = ["stype", "sch.wide", "awards"].compactMap { name in data.variables().first { $0.name == name } }
        return try Calibration.calibrate(weights: data.weights, variables: variables, numeric: data.numeric, margins: margins, options: options)
    }

    @Test("linear (GREG), unbounded: apistrat on stype + sch.wide + awards")
    func linearUnbounded() throws {
        let data = try WeightingData.apistrat()
        let result = try Self.calibrate(data, .init())
        let r = try Self.rCalibrated(data, "calibrate(des, ~stype + sch.wide + awards, pop)")
        #expect(RReference.maxAbsDiff(result.weights, r, label: "calibrate linear apistrat") <= 1e-8)
        #expect(result.diagnostics.maxRelativeError < 1e-10)
        #expect(result.method == .linear)
    }

    @Test("linear with bounds [0.81, 1.07] (58 units at a bound)")
    func linearBounded() throws {
        let data = try WeightingData.apistrat()
        let result = try Self.calibrate(data, .init(bounds: (0.81, 1.07)))
        let r = try Self.rCalibrated(data, "calibrate(des, ~stype + sch.wide + awards, pop, bounds = c(0.81, 1.07))")
        #expect(RReference.maxAbsDiff(result.weights, r, label: "calibrate linear bounded apistrat") <= 1e-8)
        let g = result.adjustments
        #expect(g.allSatisfy { $0 >= 0.81 - 1e-12 && $0 <= 1.07 + 1e-12 })
        #expect(g.count { abs($0 - 0.81) < 1e-9 || abs($0 - 1.07) < 1e-9 } == 58)
    }

    @Test("raking calibration with bounds [0.75, 1.07]")
    func rakingBounded() throws {
        let data = try WeightingData.apistrat()
        let result = try Self.calibrate(data, .init(distance: .raking, bounds: (0.75, 1.07)))
        let r = try Self.rCalibrated(data, "calibrate(des, ~stype + sch.wide + awards, pop, bounds = c(0.75, 1.07), calfun = 'raking')")
        #expect(RReference.maxAbsDiff(result.weights, r, label: "calibrate raking bounded apistrat") <= 1e-8)
        #expect(result.method == .rakingCalibration)
    }

    /// R ignores `trim` when linear calibration is unbounded (it returns the closed form first), so the
    /// comparison uses non-binding bounds, which route R through `grake` and its trimming.
    @Test("linear with trimming of g to [0.9, 1.05]")
    func linearTrimmed() throws {
        let data = try WeightingData.apistrat()
        let result = try Self.calibrate(data, .init(bounds: (0.5, 2), trim: (0.9, 1.05)))
        let r = try Self.rCalibrated(data, "suppressMessages(calibrate(des, ~stype + sch.wide + awards, pop, bounds = c(0.5, 2), trim = c(0.9, 1.05)))")
        #expect(RReference.maxAbsDiff(result.weights, r, label: "calibrate linear trimmed apistrat") <= 1e-8)
    }

    @Test("categorical and numeric auxiliaries: stype + enroll")
    func numericAuxiliary() throws {
        let data = try WeightingData.apistrat()
        let total = try RReference.numbers("data(api); cat(sprintf('%.17g', sum(apipop$enroll, na.rm = TRUE)))", count: 1)[0]
        let margins = Array(RakingTests.apiMargins.prefix(3)) + [WeightingMargin(variable: "enroll", level: "", total: total)]
        let result = try Self.calibrate(data, margins: margins, .init())
        let r = try Self.rCalibrated(data, "calibrate(des, ~stype + enroll, c(pop[1:3], enroll = \(String(format: "%.17g", total))))")
        #expect(RReference.maxAbsDiff(result.weights, r, label: "calibrate stype+enroll apistrat") <= 1e-8)
        #expect(result.calibrationVariables == ["stype", "enroll"])
    }

    @Test("generated survey: linear, bounded linear and raking calibration on region + sex + age + household size")
    func generated() throws {
        let data = WeightingData.generated()
        let variables = data.variables()
        let margins = WeightingData.generatedMargins + [WeightingMargin(variable: "hh", level: "", total: 1_900_000)]
        let nonReference: [Double] = WeightingData.generatedMargins.filter { !["Karakol", "f", "15-19"].contains($0.level) }.map(\.total)
        let rPopulation = "pop <- c(500000, " + nonReference.map { String(format: "%.17g", $0) }.joined(separator: ", ") + ", 1900000)"
        for (options, call) in [
            (Calibration.Options(), "calibrate(des, ~region + sex + age + hh, pop)"),
            (Calibration.Options(bounds: (0.4, 1.6)), "calibrate(des, ~region + sex + age + hh, pop, bounds = c(0.4, 1.6))"),
            (Calibration.Options(distance: .raking), "calibrate(des, ~region + sex + age + hh, pop, calfun = 'raking')"),
        ] {
            let result = try Calibration.calibrate(weights: data.weights, variables: variables, numeric: data.numeric, margins: margins, options: options)
            let r = try RReference.numbers("""
                \(data.rDesign)
                \(rPopulation)
                cat(sprintf('%.17g', weights(\(call))), sep = '\\n')
                """)
            #expect(RReference.maxAbsDiff(result.weights, r, label: "generated \(call)") <= 1e-8)
        }
    }

    @Test("raking calibration converges to the same weights as iterative raking")
    func rakingCalibrationEqualsRaking() throws {
        let data = try WeightingData.apistrat()
        let calibrated = try Self.calibrate(data, .init(distance: .raking, epsilon: 1e-12))
        let raked = try Raking.rake(weights: data.weights, variables: data.variables(), margins: Self.apiMargins, options: .init(maxIterations: 1000, epsilon: 1e-13))
        #expect(RReference.maxAbsDiff(calibrated.weights, raked.weights) <= 1e-8)
    }

    @Test("infeasible bounds fail with the worst margin named")
    func infeasibleBounds() throws {
        let data = try WeightingData.apistrat()
        let error = #expect(throws: WeightingError.self) { try Self.calibrate(data, .init(bounds: (0.8, 1.05))) }
        guard case let .notConverged(variable, _, relativeError, iterations) = error else {
            Issue.record("expected non-convergence, got \(String(describing: error))")
            return
        }
        #expect(iterations == 51)
        #expect(!variable.isEmpty && relativeError > 1e-7)
    }

    @Test("trimWeights(): equal redistribution, strict and not")
    func trimWeights() throws {
        let data = WeightingData.generated(count: 400, seed: 5)
        for strict in [false, true] {
            let result = try WeightTrimming.trim(weights: data.weights, lower: 70, upper: 230, strict: strict)
            let r = try RReference.numbers("""
                \(data.rDesign)
                cat(sprintf('%.17g', weights(trimWeights(des, lower = 70, upper = 230, strict = \(strict ? "TRUE" : "FALSE")))), sep = '\\n')
                """)
            #expect(RReference.maxAbsDiff(result.weights, r, label: "trimWeights strict=\(strict)") <= 1e-8)
            #expect(abs(result.weights.reduce(0, +) - data.weights.reduce(0, +)) < 1e-6)
        }
    }

    @Test("base weights and weighting-class nonresponse adjustment, hand computed")
    func baseAndNonresponse() throws {
        let base = try BaseWeights.compute(stageProbabilities: [[0.5, 0.5, 0.25, 0.25], [0.1, 0.2, 0.5, 1], [1, 0.5, 1, 1.0 / 3]])
        #expect(base == [20, 20, 8, 12])
        let classes = WeightingVariable(name: "urban_rural", values: ["urban", "urban", "rural", "rural"])
        let adjusted = try BaseWeights.adjustForNonresponse(weights: base, responded: [true, false, true, true], classes: classes)
        #expect(adjusted.weights == [40, 0, 8, 12])
        #expect(throws: WeightingError.emptyCell(variable: "urban_rural", level: "urban")) {
            try BaseWeights.adjustForNonresponse(weights: base, responded: [false, false, true, true], classes: classes)
        }
    }
}
