/// What calibration did to a design's weights, kept so that standard errors account for it, as R `survey` keeps
/// `design$postStrata`: each step's auxiliary information and weights, in the order applied.
///
/// The weighting methods produce it (``WeightingResult/calibration``) and ``SurveyDesign/calibrated(by:)`` applies
/// it. The variance then replaces the influence values x_k of the records, step after step, as R's `svyrecvar` does:
/// - post-stratification (`postStratify`): x_k − w_k · Σ_{j∈c} d_j x_j/w_j / Σ_{j∈c} d_j over the record's cell c,
///   d the weights before the step and w after it;
/// - raking (`rake`): for each margin in turn, ten times over, x_k − w_{m,k} · mean_{j∈l}(x_j/w_{m,j}) over the
///   record's level l, w_m the weights right after margin m's step in the last pass (a plain mean, as R's `ave`);
/// - calibration (`calibrate`: linear, raking or bounded): the residual x_k − w_k X_kᵀβ of the regression of
///   x/g on the model matrix X weighted by d, β = (Σ d X Xᵀ)⁻¹ Σ X x/g, g = w/d (R's `qr.resid` on √d·X).
public struct DesignCalibration: Sendable, Hashable {
    enum Step: Sendable, Hashable {
        /// The cell of each record (0-based) and the weights before and after.
        case postStratification(cells: [Int32], before: [Double], after: [Double])
        /// The cell of each record in the crossing of the margins, each cell's level per margin (cells × margins),
        /// the margins' level counts, and per margin each cell's factor from `base` after its step in the last pass.
        case raking(base: [Double], cells: [Int32], cellLevels: [Int32], levelCounts: [Int], stepFactors: [[Double]])
        /// The model matrix (records × `columns`, row-major) and the weights before and after.
        case regression(model: [Double], columns: Int, before: [Double], after: [Double])
    }

    var steps: [Step]

    /// No step: the weights changed (trimming, nonresponse adjustment) without changing the variance formula.
    static let none = DesignCalibration(steps: [])
}
