import Foundation
import SanaripStatistics

/// `--calibration FILE.weighting.json`: the design of data that `sanarip weight` raked, calibrated or post-stratified,
/// with standard errors that account for it as R's `rake`/`calibrate`/`postStratify` designs do.
extension EstimationDesignOptions {
    /// The weight column: --weights, or the column `sanarip weight` adds when --calibration is given.
    var weightColumn: String? {
        weights ?? (calibration == nil ? nil : WeightingRecord.weightColumn)
    }

    /// The design of `table`; with --calibration, the data is weighted again from its base weights as the record says,
    /// which must give the weights of the weight column, and the design takes that calibration.
    func surveyDesign(_ table: DataTable) throws -> SurveyDesign {
        let design = try SurveyDesign(table, specification)
        guard let calibration else { return design }
        let result: WeightingResult
        do {
            let record = try WeightingRecord.read(calibration)
            guard let version = record.version, version >= 2 else {
                throw EstimationCommandError("\(calibration) was written by an older sanarip weight that did not record the base weights; run sanarip weight again")
            }
            let original = try StatisticsTable.load(data, what: "data")
            guard original.rows.count == table.rowCount else {
                throw EstimationCommandError("\(data): \(table.rowCount) rows, but \(original.rows.count) with a value; remove empty rows")
            }
            result = try record.weigh(original) { _ in }
        } catch let failure as StatisticsCommandFailure {
            throw EstimationCommandError("--calibration \(calibration): \(failure)")
        } catch let error as WeightingError {
            throw EstimationCommandError("--calibration \(calibration): weighting \(data) again failed: \(error)")
        }
        for (row, weight) in design.weights.enumerated() where abs(weight - result.weights[row]) > 1e-9 * max(abs(result.weights[row]), 1e-300) {
            throw EstimationCommandError(
                "\(data), row \(row + 1), column \(weightColumn ?? ""): weight \(weight), but weighting the base weights as \(calibration) records gives \(result.weights[row]); estimate from the data sanarip weight wrote, unchanged")
        }
        return design.calibrated(by: result)
    }
}
