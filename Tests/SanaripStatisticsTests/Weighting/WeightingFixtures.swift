import Foundation
@testable import SanaripStatistics

/// Data sets for the weighting tests: R's `api` samples and a generated survey, with R code building the same design.
struct WeightingData {
    var weights: [Double]
    var categorical: [String: [String]]
    var numeric: [String: [Double]]
    /// R code that defines `des`, a `svydesign` on the same records and weights.
    var rDesign: String

    func variables() -> [WeightingVariable] {
        categorical.keys.sorted().map { WeightingVariable(name: $0, values: categorical[$0]!) }
    }

    /// `apistrat` (200 schools, stratified by school type) with `pw`.
    static func apistrat() throws -> WeightingData {
        let columns = try RReference.api("apistrat", columns: ["stype", "sch.wide", "awards", "pw", "enroll"])
        return WeightingData(
            weights: columns["pw"]!.map { Double($0)! },
            categorical: ["stype": columns["stype"]!, "sch.wide": columns["sch.wide"]!, "awards": columns["awards"]!],
            numeric: ["enroll": columns["enroll"]!.map { Double($0)! }],
            rDesign: "data(api); des <- svydesign(id = ~1, strata = ~stype, weights = ~pw, data = apistrat, fpc = ~fpc)")
    }

    /// `apiclus1` (183 schools in 15 districts) with `pw`.
    static func apiclus1() throws -> WeightingData {
        let columns = try RReference.api("apiclus1", columns: ["stype", "sch.wide", "pw"])
        return WeightingData(
            weights: columns["pw"]!.map { Double($0)! },
            categorical: ["stype": columns["stype"]!, "sch.wide": columns["sch.wide"]!],
            numeric: [:],
            rDesign: "data(api); des <- svydesign(id = ~dnum, weights = ~pw, data = apiclus1, fpc = ~fpc)")
    }

    /// A survey of `count` persons: region (5 levels, unequal), sex (2), age group (6), unequal base weights
    /// and household size as a numeric auxiliary.
    static func generated(count: Int = 3000, seed: UInt64 = 11) -> WeightingData {
        var g = SeededGenerator(seed: seed)
        let regions = ["Karakol", "Balykchy", "Ton", "Jeti-Oguz", "Tup"]
        let ages = ["15-19", "20-29", "30-39", "40-49", "50-64", "65+"]
        var region: [String] = [], sex: [String] = [], age: [String] = [], weights: [Double] = [], household: [Double] = []
        for _ in 0..<count {
            let r = min(4, Int(pow(g.nextUniform(), 1.6) * 5))
            region.append(regions[r])
            sex.append(g.nextUniform() < 0.46 ? "m" : "f")
            let a = g.nextUniform()
            age.append(ages[[0.15, 0.37, 0.57, 0.74, 0.9, 1.0].firstIndex { a < $0 } ?? 5])
            weights.append(50 + 150 * g.nextUniform() + Double(r) * 40)
            household.append(Double(1 + g.nextInt(below: 7)))
        }
        let design = """
            d <- data.frame(region = \(RReference.strings(region)), sex = \(RReference.strings(sex)),
              age = \(RReference.strings(age)), w = \(RReference.vector(weights)), hh = \(RReference.vector(household)))
            d$region <- factor(d$region, levels = \(RReference.strings(regions))); d$sex <- factor(d$sex, levels = c("f", "m"))
            d$age <- factor(d$age, levels = \(RReference.strings(ages)))
            des <- svydesign(id = ~1, weights = ~w, data = d)
            """
        return WeightingData(
            weights: weights, categorical: ["region": region, "sex": sex, "age": age], numeric: ["hh": household], rDesign: design)
    }

    /// Population margins for the generated survey (levels in R's factor order).
    static let generatedMargins: [WeightingMargin] = {
        let region: [(String, Double)] = [("Karakol", 160_000), ("Balykchy", 120_000), ("Ton", 90_000), ("Jeti-Oguz", 80_000), ("Tup", 50_000)]
        let sex: [(String, Double)] = [("f", 262_000), ("m", 238_000)]
        let age: [(String, Double)] = [("15-19", 60_000), ("20-29", 120_000), ("30-39", 110_000), ("40-49", 90_000), ("50-64", 80_000), ("65+", 40_000)]
        return region.map { WeightingMargin(variable: "region", level: $0.0, total: $0.1) }
            + sex.map { WeightingMargin(variable: "sex", level: $0.0, total: $0.1) }
            + age.map { WeightingMargin(variable: "age", level: $0.0, total: $0.1) }
    }()

    /// R code for `rake()`'s population margins from `margins` (one data frame per variable, in order).
    static func rMarginList(_ margins: [WeightingMargin]) -> (sample: String, population: String) {
        var order: [String] = []
        for m in margins where !order.contains(m.variable) { order.append(m.variable) }
        let sample = "list(" + order.map { "~`\($0)`" }.joined(separator: ", ") + ")"
        let population = "list(" + order.map { v in
            let rows = margins.filter { $0.variable == v }
            return "data.frame(`\(v)` = \(RReference.strings(rows.map(\.level))), Freq = \(RReference.vector(rows.map(\.total))), check.names = FALSE)"
        }.joined(separator: ", ") + ")"
        return (sample, population)
    }
}
