import ArgumentParser
import Foundation
import SanaripStatistics

/// `sanarip model linear|logistic Y --x X1,X2`: regression with design-based standard errors (as R's `svyglm`).
struct ModelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Linear or logistic regression with design-based standard errors, by linearisation or replicates."
    )

    @Argument(help: "linear or logistic.")
    var family: DesignRegression.Family

    @Argument(help: "The response column (0/1 for logistic).")
    var response: String

    @Option(name: .long, help: "Predictor columns (comma-separated, numeric).")
    var x: String

    @OptionGroup var design: EstimationDesignOptions

    func validate() throws {
        guard !EstimationDesignOptions.list(x).isEmpty else { throw ValidationError("give predictors with --x, e.g. --x ell,meals") }
    }

    func run() async throws {
        try EstimationDesignOptions.reportingErrors {
            let predictors = EstimationDesignOptions.list(x)
            let table = try design.loadTable(columns: [response] + predictors)
            let (surveyDesign, replicate) = try design.designs(table)
            let y = try table.numbers(response)
            if family == .logistic, let row = y.firstIndex(where: { !$0.isNaN && $0 != 0 && $0 != 1 }) {
                throw EstimationCommandError("logistic regression needs a 0/1 response; row \(row + 1) of '\(response)' is \(y[row])")
            }
            var columns: [(name: String, values: [Double])] = []
            for name in predictors { columns.append((name, try table.numbers(name))) }
            guard let model = replicate.map({ $0.regression(family, response: y, predictors: columns, level: design.level) })
                ?? surveyDesign.regression(family, response: y, predictors: columns, level: design.level)
            else {
                throw EstimationCommandError("the model cannot be fitted: predictors are collinear, too few rows, or the logistic fit did not converge")
            }
            let header = ["term", "estimate", "se", "t", "p", "ci_low", "ci_high"]
            let rows = model.terms.indices.map { j in
                [model.coefficients[j], model.standardErrors[j], model.tValues[j], model.pValues[j], model.ciLow[j], model.ciHigh[j]]
            }
            switch design.format {
            case "json":
                let terms = model.terms.indices.map { j in
                    "    " + EstimateOutput.json([("term", EstimateOutput.jsonString(model.terms[j]))] + zip(header.dropFirst(), rows[j]).map { ($0, EstimateOutput.number($1)) })
                }
                print("{\n  \"model\": \(EstimateOutput.jsonString(family.rawValue)), \"response\": \(EstimateOutput.jsonString(response)), \"n\": \(model.n), \"df\": \(model.degreesOfFreedom),\n  \"coefficients\": [\n\(terms.joined(separator: ",\n"))\n  ]\n}")
            case "csv":
                print(EstimateOutput.csv([header] + model.terms.indices.map { [model.terms[$0]] + rows[$0].map(EstimateOutput.csvNumber) }), terminator: "")
            default:
                print(EstimateOutput.table(header, model.terms.indices.map { [model.terms[$0]] + rows[$0].map(EstimateOutput.tableNumber) }), terminator: "")
            }
        }
    }
}

extension DesignRegression.Family: ExpressibleByArgument {}
