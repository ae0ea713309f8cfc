/// Why a design could not be built from a table; each message names the column or row and what to do.
public enum SurveyDesignError: Error, Sendable, Equatable, CustomStringConvertible {
    case data(DataTableError)
    case missingDesignValue(column: String, row: Int)
    case negativeWeight(column: String, row: Int, value: Double)
    case weightsAndProbabilities
    case notNested(psu: String)
    case lonelyPSU(stratum: String, stage: Int)
    case mixedFPC(column: String)
    case fpcBelowSample(column: String, group: String, population: Double, sample: Int)
    case fpcStages(ids: Int, fpc: Int)
    case singlePSU

    public var description: String {
        switch self {
        case .data(let error):
            error.description
        case .missingDesignValue(let column, let row):
            "missing value at row \(row) column '\(column)'; design columns (ids, strata, weights, fpc) must be complete"
        case .negativeWeight(let column, let row, let value):
            "negative weight \(value) at row \(row) column '\(column)'; weights must be zero or positive"
        case .weightsAndProbabilities:
            "give either weights or probabilities, not both"
        case .notNested(let psu):
            "PSU '\(psu)' appears in more than one stratum; pass --nest if PSU ids restart within strata"
        case .lonelyPSU(let stratum, let stage):
            "stratum '\(stratum)' has only one PSU at stage \(stage); choose a lonely-PSU policy (remove, certainty, adjust, average) or merge strata"
        case .mixedFPC(let column):
            "fpc column '\(column)' mixes population sizes (>1) and sampling fractions (≤1); use one kind"
        case .fpcBelowSample(let column, let group, let population, let sample):
            "fpc column '\(column)' gives population \(population) for '\(group)' but \(sample) units were sampled there; fix the fpc"
        case .fpcStages(let ids, let fpc):
            "\(fpc) fpc columns for \(ids) id stages; give at most one fpc per stage"
        case .singlePSU:
            "the design has only one primary sampling unit; variances cannot be estimated"
        }
    }
}
