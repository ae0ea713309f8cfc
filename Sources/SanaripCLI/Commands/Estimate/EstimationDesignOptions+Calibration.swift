import Foundation
import SanaripAnalysis
import SanaripStatistics

/// `--calibration FILE.weighting.json`: the design of data that `sanarip weight` raked, calibrated or post-stratified,
/// with standard errors that account for it as R's `rake`/`calibrate`/`postStratify` designs do.
extension EstimationDesignOptions {
    /// The weight column: --weights, or the column `sanarip weight` adds when --calibration is given.
    var weightColumn: String? {
        weights ?? (calibration == nil ? nil : WeightingRecord.weightColumn)
    }

    /// The weighting record --calibration names, nil without it.
    func calibrationRecord() throws -> WeightingRecord? {
        guard let calibration else { return nil }
        do {
            return try WeightingRecord.forDesign(calibration)
        } catch let error as AnalysisError {
            throw EstimationCommandError("--calibration \(calibration): \(error)")
        }
    }

    /// The design the options describe, as the analysis layer takes it.
    func analysisDesign() throws -> AnalysisDesign {
        AnalysisDesign(
            SurveyDesignSpecification(ids: Self.list(ids), strata: strata, weights: weightColumn, probabilities: Self.list(probs), fpc: Self.list(fpc),
                                      nest: nest, lonelyPSU: LonelyPSUPolicy(rawValue: lonelyPSU) ?? .fail),
            calibration: try calibrationRecord())
    }

    /// The linearisation design as the analysis layer takes it; --replicates is refused, not ignored.
    func analysisDesign(command: String) throws -> AnalysisDesign {
        guard replicates == nil else {
            throw EstimationCommandError("sanarip \(command) uses Taylor linearisation only; drop --replicates")
        }
        return try analysisDesign()
    }

    /// The design of `table`; with --calibration, the data is weighted again from its base weights as the record says
    /// (the table holds the columns it needs), which must give the weights of the weight column, and the design takes
    /// that calibration.
    func surveyDesign(_ table: DataTable) throws -> SurveyDesign {
        try analysisDesign().surveyDesign(table, recordName: calibration ?? "the weighting record")
    }
}
