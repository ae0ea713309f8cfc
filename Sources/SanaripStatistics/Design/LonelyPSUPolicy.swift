/// What to do with a stratum (or, at later stages, a unit) that has a single sampled unit,
/// as R's `options(survey.lonely.psu=)`: there is no within-stratum variance to estimate.
public enum LonelyPSUPolicy: String, Sendable, CaseIterable {
    /// Refuse the design (R's default).
    case fail
    /// Contribute nothing to the variance.
    case remove
    /// Treat the unit as sampled with certainty: nothing to the variance.
    case certainty
    /// Centre the lonely unit at the population mean (zero for scores) instead of the stratum mean: conservative.
    case adjust
    /// Replace the stratum's contribution by the average of the other strata.
    case average
}
