/// Why replicate weights could not be built from a design; each message says what to do instead.
public enum ReplicateDesignError: Error, Sendable, Equatable, CustomStringConvertible {
    case allStrataTakeAll
    case lonelyPSU(stratum: String)
    case unstratified(ReplicateDesign.Kind)
    case fewerThanTwoPSUs(stratum: String)
    case oddPSUs(stratum: String, count: Int)

    public var description: String {
        switch self {
        case .allStrataTakeAll:
            "every stratum was sampled completely (fpc equals the sample size); there is no sampling variance to replicate"
        case .lonelyPSU(let stratum):
            "stratum '\(stratum)' has only one PSU; choose a lonely-PSU policy (remove, certainty, adjust, average) or merge strata"
        case .unstratified(let kind):
            "\(kind.rawValue) replicates need strata; use jk1 or bootstrap for an unstratified design"
        case .fewerThanTwoPSUs(let stratum):
            "stratum '\(stratum)' has fewer than two PSUs; BRR needs two per stratum (merge strata, or use jkn or bootstrap)"
        case .oddPSUs(let stratum, let count):
            "stratum '\(stratum)' has \(count) PSUs; BRR splits larger strata into pairs and needs an even number (use jkn or bootstrap)"
        }
    }
}
