/// Calibrated designs: R's `postStratify`, `rake` and `calibrate` designs.
///
/// The estimators hand their influence values per row to ``calibratedScores(_:columns:rowScores:)`` before the
/// variance, which removes what the calibration variables explain (see ``DesignCalibration``); estimates use the
/// calibrated weights. Means, totals, ratios and proportions by domain, their differences and design effects,
/// quantile intervals, t tests, Rao–Scott tests and regressions all follow, as in R.
extension SurveyDesign {
    /// This design with the weights of `result`, which post-stratification, raking or calibration computed from
    /// this design's weights, and standard errors that account for it. Calibrating a calibrated design keeps the
    /// earlier steps, as R does; weights without a calibration step (trimmed) replace the weights only. Replicate
    /// designs built from the result use its weights without calibrating each replicate, as R's `as.svrepdesign`.
    public func calibrated(by result: WeightingResult) -> SurveyDesign {
        precondition(result.weights.count == rowCount, "one weight per row")
        var design = self
        design.weights = result.weights
        let steps = (calibration?.calibration.steps ?? []) + result.calibration.steps
        design.calibration = steps.isEmpty ? nil : CalibrationProjection(DesignCalibration(steps: steps), unitOfRow: unitOfRow, units: deepestUnitCount)
        return design
    }

    /// `scores` (deepest unit × `columns`) after calibration; `rowScores(row, add)` gives the row's influence values
    /// (the terms the scores sum) as `add(column, value)` calls. Unchanged without calibration.
    func calibratedScores(_ scores: [Double], columns: Int, rowScores: (_ row: Int, _ add: (_ column: Int, _ value: Double) -> Void) -> Void) -> [Double] {
        guard let calibration else { return scores }
        var adjusted = scores
        calibration.adjust(&adjusted, columns: columns, rows: rowCount, rowScores: rowScores)
        return adjusted
    }

    /// The linear estimators' scores after calibration: in domain d, row k has influence w_k·y_k for a total and
    /// w_k(y_k − R̂_d x_k)/X̂_d otherwise (`totalX` nil for a total).
    func calibrated(linearScores scores: [Double], y: [Double], x: [Double]?, domains: DomainSet, estimate: [Double], totalX: [Double]?) -> [Double] {
        calibratedScores(scores, columns: domains.count) { row, add in
            let domain = domains.codes[row]
            let value = y[row], weight = weights[row], xValue = x?[row] ?? 1
            if domain < 0 || value.isNaN || weight == 0 || xValue.isNaN { return }
            let d = Int(domain)
            if let totalX {
                if totalX[d] != 0 { add(d, weight * (value - estimate[d] * xValue) / totalX[d]) }
            } else {
                add(d, weight * value)
            }
        }
    }
}
