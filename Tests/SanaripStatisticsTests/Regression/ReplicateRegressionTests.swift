import Foundation
import Testing
@testable import SanaripStatistics

@Suite("Linear and logistic regression on replicate designs against R svyglm")
struct ReplicateRegressionTests {
    /// R iterates every fit to convergence (glm.control(epsilon=1e-15)); its default 1e-8 stops the replicate logistic
    /// fits short of it.
    static let reference: [String: Double] = RScript.cached(RScript.prelude + ReplicateFixtures.rDesigns + """
    control <- glm.control(epsilon = 1e-15, maxit = 100)
    for (name in names(designs)) {
      r <- designs[[name]]
      m <- svyglm(api00 ~ ell + meals + mobility, r); s <- summary(m)$coefficients; ci <- confint(m)
      out(paste0(name, "_lin"), c(s[, 1], s[, 2], s[, 4], m$df.residual, ci[, 1], ci[, 2]))
      m <- svyglm(I(sch.wide == "Yes") ~ ell + meals, r, family = quasibinomial, control = control); s <- summary(m)$coefficients
      out(paste0(name, "_log"), c(s[, 1], s[, 2], s[, 4], m$df.residual))
    }
    for (name in names(nhdesigns)) {
      m <- svyglm(HI_CHOL ~ RIAGENDR + age2, nhdesigns[[name]], family = quasibinomial, control = control); s <- summary(m)$coefficients
      out(name, c(s[, 1], s[, 2], s[, 4], m$df.residual))
    }
    """)

    /// Compares coefficients, SEs, p-values and df (`values` laid out as R's c(b, se, p, df)).
    static func expectModel(_ model: DesignRegression, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let r = reference, p = model.terms.count
        for j in 0..<p {
            expectClose(model.coefficients[j], r["\(name)_\(j + 1)"], 1e-9, "\(name) coefficient \(model.terms[j])", sourceLocation: sourceLocation)
            expectClose(model.standardErrors[j], r["\(name)_\(p + j + 1)"], 1e-8, "\(name) SE \(model.terms[j])", sourceLocation: sourceLocation)
            expectClose(model.pValues[j], r["\(name)_\(2 * p + j + 1)"], 1e-6, "\(name) p \(model.terms[j])", sourceLocation: sourceLocation)
        }
        #expect(Double(model.degreesOfFreedom) == r["\(name)_\(3 * p + 1)"], "\(name) df", sourceLocation: sourceLocation)
    }

    @Test(arguments: ReplicateFixtures.names)
    func linearAndLogistic(design name: String) throws {
        let (table, design) = try ReplicateFixtures.design(name)
        let linear = try #require(design.regression(.linear, response: try table.numbers("api00"), predictors: [
            ("ell", try table.numbers("ell")), ("meals", try table.numbers("meals")), ("mobility", try table.numbers("mobility")),
        ]))
        Self.expectModel(linear, "\(name)_lin")
        for j in 0..<4 {
            expectClose(linear.ciLow[j], Self.reference["\(name)_lin_\(13 + 1 + j)"], 1e-9, "\(name) CI low")
            expectClose(linear.ciHigh[j], Self.reference["\(name)_lin_\(13 + 5 + j)"], 1e-9, "\(name) CI high")
        }
        let wide = try table.column("sch.wide").factor()
        let yes = wide.codes.map { $0 < 0 ? Double.nan : (wide.levels[Int($0)] == "Yes" ? 1.0 : 0.0) }
        let logistic = try #require(design.regression(.logistic, response: yes, predictors: [("ell", try table.numbers("ell")), ("meals", try table.numbers("meals"))]))
        Self.expectModel(logistic, "\(name)_log")
    }

    @Test(arguments: ReplicateFixtures.nhanesNames)
    func logisticWithMissingValues(design name: String) throws {
        let (table, design) = try ReplicateFixtures.design(name)
        let model = try #require(design.regression(.logistic, response: try table.numbers("HI_CHOL"), predictors: [
            ("RIAGENDR", try table.numbers("RIAGENDR")), ("age2", try table.numbers("age2")),
        ]))
        Self.expectModel(model, name)
    }
}
