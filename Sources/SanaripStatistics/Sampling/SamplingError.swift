/// Why a sample-design computation could not be done; `description` is a one-line message that says what to fix.
public enum SamplingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A size measure is missing, negative or not finite (`index` is 0-based in the input).
    case invalidSize(index: Int, value: Double)
    /// More units were asked for than there are units with a positive size.
    case sampleTooLarge(requested: Int, available: Int, stratum: String?)
    /// A parameter is out of its range (name, and what it must be).
    case invalidParameter(name: String, requirement: String)
    /// Sampford's rejective method did not accept a sample within the iteration limit.
    case sampfordDidNotAccept(attempts: Int)

    public var description: String {
        switch self {
        case let .invalidSize(index, value):
            return "size measure of unit \(index + 1) is \(value): sizes must be finite and ≥ 0; fix or remove the unit"
        case let .sampleTooLarge(requested, available, stratum):
            let place = stratum.map { " in stratum '\($0)'" } ?? ""
            return "\(requested) units requested\(place) but only \(available) have a positive size; lower the sample size or take the stratum whole"
        case let .invalidParameter(name, requirement):
            return "\(name) \(requirement)"
        case let .sampfordDidNotAccept(attempts):
            return "Sampford's method rejected \(attempts) draws in a row (sampling fraction too high); use --method brewer or systematic"
        }
    }
}
