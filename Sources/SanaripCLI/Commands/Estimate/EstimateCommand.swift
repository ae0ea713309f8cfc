import ArgumentParser
import Foundation
import SanaripCore
import SanaripStatistics

/// `sanarip estimate`: design-based means, totals, ratios, proportions and quantiles, by domains, with SEs,
/// intervals, design effects and domain differences.
struct EstimateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "estimate",
        abstract: "Estimate means, totals, ratios, proportions, quantiles and variances from a complex sample.",
        discussion: """
        Standard errors by Taylor linearisation (or replicates with --replicates), domains on the full design, \
        intervals with t on the design degrees of freedom. With --calibration, data that sanarip weight raked or \
        calibrated gets standard errors that account for it. Examples:
          sanarip estimate --data api.csv --ids dnum --weights pw --fpc fpc --mean api00 --by stype --deff
          sanarip estimate --data weighted.csv --strata stype --fpc fpc --calibration weighted.csv.weighting.json --mean api00
        """
    )

    @OptionGroup var design: EstimationDesignOptions

    @Option(name: .long, help: "Mean of a numeric column. Repeatable.")
    var mean: [String] = []

    @Option(name: .long, help: "Total of a numeric column. Repeatable.")
    var total: [String] = []

    @Option(name: .long, help: "Ratio NUM/DEN of two column totals. Repeatable.")
    var ratio: [String] = []

    @Option(name: .long, help: "Proportion of rows where a condition holds, e.g. \"ell == 0\"; a bare column name gives the share of each of its levels. Repeatable.")
    var prop: [String] = []

    @Option(name: .long, help: "Quantiles VAR:P,P... e.g. api00:0.25,0.5,0.75. Repeatable.")
    var quantile: [String] = []

    @Option(name: .customLong("var"), help: "Population variance of a numeric column (R's svyvar). Repeatable.")
    var variance: [String] = []

    @Option(name: .long, help: "Domain columns (comma-separated).")
    var by: String?

    @Option(name: .long, help: "Difference between two domains of a --by column, COL:A-B.")
    var difference: String?

    @Option(name: .long, help: "Proportion interval: logit, wilson, beta (Korn–Graubard) or wald.")
    var ci: String = "logit"

    @Flag(name: .long, help: "Report design effects (deff and deft).")
    var deff = false

    func validate() throws {
        guard ci == "wald" || ProportionInterval.Method(rawValue: ci) != nil else { throw ValidationError("--ci must be logit, wilson, beta or wald") }
        if mean.isEmpty, total.isEmpty, ratio.isEmpty, prop.isEmpty, quantile.isEmpty, variance.isEmpty {
            throw ValidationError("ask for at least one statistic: --mean, --total, --ratio, --prop, --quantile or --var")
        }
    }

    func run() async throws {
        try EstimationDesignOptions.reportingErrors {
            print(try estimate(), terminator: "")
        }
    }

    func estimate() throws -> String {
        let expressions = try prop.map { try ProportionExpression($0) }
        let ratios = try ratio.map { text -> (String, String) in
            let parts = text.split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { throw EstimationCommandError("--ratio '\(text)' must be NUM/DEN, e.g. api.stu/enroll") }
            return (parts[0], parts[1])
        }
        let quantiles = try quantile.map { text -> (String, [Double]) in
            guard let colon = text.lastIndex(of: ":") else { throw EstimationCommandError("--quantile '\(text)' must be VAR:P,P..., e.g. api00:0.5") }
            let probabilities = text[text.index(after: colon)...].split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard !probabilities.isEmpty, probabilities.allSatisfy({ $0 != nil && $0! >= 0 && $0! <= 1 }) else {
                throw EstimationCommandError("--quantile '\(text)': probabilities must be numbers between 0 and 1")
            }
            return (String(text[..<colon]), probabilities.map { $0! })
        }
        let byColumns = EstimationDesignOptions.list(by)
        let contrast = try difference.map { text -> (column: String, a: String, b: String) in
            guard let colon = text.firstIndex(of: ":"), let dash = text[colon...].firstIndex(of: "-") else {
                throw EstimationCommandError("--difference '\(text)' must be COL:A-B, e.g. settlement:urban-rural")
            }
            let column = String(text[..<colon])
            guard byColumns.contains(column) else { throw EstimationCommandError("--difference column '\(column)' must be one of the --by columns") }
            return (column, String(text[text.index(after: colon)..<dash]), String(text[text.index(after: dash)...]))
        }
        let columns = mean + total + variance + ratios.flatMap { [$0.0, $0.1] } + expressions.flatMap(\.columns) + quantiles.map(\.0) + byColumns
        let table = try design.phase("read CSV") { try design.loadTable(columns: columns) }
        // The design and the domains need only the table: both at once, the domains on a second core.
        let (domainSet, designs) = design.phase("design and domains") {
            concurrently({ Result { try DomainSet(table, by: byColumns) } }, { Result { try design.designs(table) } })
        }
        let (surveyDesign, replicate) = try designs.get()
        let domains = try domainSet.get()
        if let contrast, let position = domains.names.firstIndex(of: contrast.column) {
            let values = Set(domains.labels.map { $0[position] })
            for value in [contrast.a, contrast.b] where !values.contains(value) {
                throw EstimationCommandError("--difference: '\(value)' is not a value of '\(contrast.column)'; it has: \(values.sorted().joined(separator: ", "))")
            }
        }
        if deff, replicate != nil { throw EstimationCommandError("--deff is computed with linearisation only; drop --replicates or --deff") }
        let method = ProportionInterval.Method(rawValue: ci) ?? .wald
        let options = EstimationOptions(level: design.level, deff: deff, proportionInterval: method)

        return try design.phase("estimates and output") { try estimates(table, surveyDesign, replicate, domains, options, expressions, ratios, quantiles, contrast) }
    }

    private func estimates(
        _ table: DataTable, _ surveyDesign: SurveyDesign, _ replicate: ReplicateDesign?, _ domains: DomainSet, _ options: EstimationOptions,
        _ expressions: [ProportionExpression], _ ratios: [(String, String)], _ quantiles: [(String, [Double])],
        _ contrast: (column: String, a: String, b: String)?
    ) throws -> String {
        var output: [DomainEstimate] = []
        func add(_ linear: LinearEstimates) {
            output += linear.estimates
            if let contrast { output += differences(contrast, domains) { linear.difference($0, $1, in: surveyDesign) } }
        }
        func add(_ replicates: ReplicateEstimates, level: String? = nil) {
            output += replicates.estimates.map { var estimate = $0; estimate.level = level; return estimate }
            if let contrast, let replicate {
                output += differences(contrast, domains) { var estimate = replicates.difference($0, $1, in: replicate); estimate.level = level; return estimate }
            }
        }
        if let replicate {
            for name in mean { add(replicate.mean(try table.numbers(name), variable: name, domains: domains, options: options)) }
        } else {
            // The variables are independent: spread over the cores.
            let names = mean
            let means = try Parallel.map(names.count) { index throws(DataTableError) in
                surveyDesign.mean(try table.numbers(names[index]), variable: names[index], domains: domains, options: options)
            }
            for estimates in means { add(estimates) }
        }
        for name in total {
            let values = try table.numbers(name)
            if let replicate { add(replicate.total(values, variable: name, domains: domains, options: options)) }
            else { add(surveyDesign.total(values, variable: name, domains: domains, options: options)) }
        }
        for name in variance {
            let values = try table.numbers(name)
            if let replicate { add(replicate.populationVariance(values, variable: name, domains: domains, options: options)) }
            else { add(surveyDesign.populationVariance(values, variable: name, domains: domains, options: options)) }
        }
        for (numerator, denominator) in ratios {
            let y = try table.numbers(numerator), x = try table.numbers(denominator)
            if let replicate { add(replicate.ratio(y, x, variable: "\(numerator)/\(denominator)", domains: domains, options: options)) }
            else { add(surveyDesign.ratio(y, x, variable: "\(numerator)/\(denominator)", domains: domains, options: options)) }
        }
        for expression in expressions {
            if let name = expression.bareColumn {
                let factor = try table.column(name).factor()
                if let replicate {
                    for (index, level) in factor.levels.enumerated() {
                        let indicator = factor.codes.map { $0 < 0 ? Double.nan : ($0 == Int32(index) ? 1 : 0) }
                        add(replicate.proportion(indicator, variable: name, domains: domains, options: options), level: level)
                    }
                } else {
                    for level in surveyDesign.proportions(factor, variable: name, domains: domains, options: options) { add(level) }
                }
                continue
            }
            let indicator = try expression.evaluate(table)
            if let replicate { add(replicate.proportion(indicator, variable: expression.source, domains: domains, options: options)) }
            else { add(surveyDesign.proportion(indicator, variable: expression.source, domains: domains, options: options)) }
        }
        for (name, probabilities) in quantiles {
            let y = try table.numbers(name)
            output += replicate?.quantiles(y, probabilities: probabilities, variable: name, domains: domains, options: options)
                ?? surveyDesign.quantiles(y, probabilities: probabilities, variable: name, domains: domains, options: options)
        }
        let degrees = replicate?.degreesOfFreedom ?? surveyDesign.degreesOfFreedom
        return EstimateOutput.render(output, design: surveyDesign, degreesOfFreedom: degrees, format: design.format, deff: deff)
    }

    /// For each pair of domains that differ only in `contrast.column` (A against B), the difference.
    private func differences(_ contrast: (column: String, a: String, b: String), _ domains: DomainSet, _ make: (Int, Int) -> DomainEstimate) -> [DomainEstimate] {
        domains.pairs(differingIn: contrast.column, contrast.a, contrast.b).map(make)
    }
}
