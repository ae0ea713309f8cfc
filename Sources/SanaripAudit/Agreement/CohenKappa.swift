/// Agreement of two reviewers on nominal answers (yes, partly, no): Cohen's κ = (p_o − p_e)/(1 − p_e), with
/// p_o the share of items they agree on and p_e = Σ_k (n_kA/N)(n_kB/N) the agreement expected by chance.
public struct CohenKappa: Sendable, Hashable, Codable {
    /// Items both reviewers answered.
    public var items: Int
    public var observed: Double
    public var expected: Double
    /// nil when it is undefined: no items, or chance agreement is already perfect (both gave one answer throughout).
    public var kappa: Double?

    /// κ over the pairs of answers (A's, B's) to the same items.
    public init<Answer: Hashable>(_ pairs: [(Answer, Answer)]) {
        items = pairs.count
        guard !pairs.isEmpty else {
            observed = 0
            expected = 0
            kappa = nil
            return
        }
        let n = Double(pairs.count)
        var countsA: [Answer: Double] = [:]
        var countsB: [Answer: Double] = [:]
        var agreed = 0.0
        for (a, b) in pairs {
            countsA[a, default: 0] += 1
            countsB[b, default: 0] += 1
            if a == b { agreed += 1 }
        }
        observed = agreed / n
        expected = countsA.reduce(0) { $0 + ($1.value / n) * ((countsB[$1.key] ?? 0) / n) }
        kappa = expected < 1 ? (observed - expected) / (1 - expected) : nil
    }
}
