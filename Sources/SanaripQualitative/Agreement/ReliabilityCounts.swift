/// The binary (coded / not coded) reliability data of one code, compressed: each distinct pattern of which coders
/// took part in a unit and which of them applied the code, with the number of units showing it.
///
/// Cohen's κ and Krippendorff's α (nominal) depend only on these counts, so a 15,000-word transcript coded by
/// several people costs as many patterns as there are coding boundaries, not one entry per character.
public struct ReliabilityCounts: Sendable, Hashable {
    /// Bit i: coder i took part in the unit.
    public struct Pattern: Sendable, Hashable {
        public var present: UInt64
        public var coded: UInt64
    }

    public private(set) var counts: [Pattern: Int] = [:]

    public init() {}

    public mutating func add(present: UInt64, coded: UInt64, units: Int) {
        guard units > 0 else { return }
        counts[Pattern(present: present, coded: coded & present), default: 0] += units
    }

    public mutating func add(_ other: ReliabilityCounts) {
        for (pattern, count) in other.counts { counts[pattern, default: 0] += count }
    }

    /// Krippendorff's α for nominal data from the coincidence matrix: units with fewer than two values are not
    /// pairable and left out; nil when every pairable value is the same (the expected disagreement is 0).
    public var alpha: Double? {
        var o00 = 0.0, o11 = 0.0, o01 = 0.0
        for (pattern, weight) in counts {
            let m = Double(pattern.present.nonzeroBitCount)
            guard m >= 2 else { continue }
            let k = Double(pattern.coded.nonzeroBitCount)
            let w = Double(weight)
            o11 += w * k * (k - 1) / (m - 1)
            o00 += w * (m - k) * (m - k - 1) / (m - 1)
            o01 += w * k * (m - k) / (m - 1)
        }
        let n1 = o11 + o01, n0 = o00 + o01, n = n0 + n1
        guard n > 1 else { return nil }
        let expected = 2 * n0 * n1 / (n * (n - 1))
        guard expected > 0 else { return nil }
        let observed = 2 * o01 / n
        return 1 - observed / expected
    }

    /// The 2×2 table of two coders (bits `a` and `b`) over the units both took part in:
    /// (both coded, only a, only b, neither).
    public func table(_ a: Int, _ b: Int) -> (both: Int, onlyA: Int, onlyB: Int, neither: Int) {
        var result = (both: 0, onlyA: 0, onlyB: 0, neither: 0)
        let bitA: UInt64 = 1 << a, bitB: UInt64 = 1 << b
        for (pattern, weight) in counts where pattern.present & bitA != 0 && pattern.present & bitB != 0 {
            switch (pattern.coded & bitA != 0, pattern.coded & bitB != 0) {
            case (true, true): result.both += weight
            case (true, false): result.onlyA += weight
            case (false, true): result.onlyB += weight
            case (false, false): result.neither += weight
            }
        }
        return result
    }

    /// Cohen's κ of coders `a` and `b`: (p_o − p_e) / (1 − p_e); nil without shared units or when p_e = 1.
    public func kappa(_ a: Int, _ b: Int) -> Double? {
        let t = table(a, b)
        let n = Double(t.both + t.onlyA + t.onlyB + t.neither)
        guard n > 0 else { return nil }
        let observed = Double(t.both + t.neither) / n
        let aYes = Double(t.both + t.onlyA) / n, bYes = Double(t.both + t.onlyB) / n
        let expected = aYes * bYes + (1 - aYes) * (1 - bYes)
        guard expected < 1 else { return nil }
        return (observed - expected) / (1 - expected)
    }

    /// Units where at least two coders took part.
    public var pairableUnits: Int {
        counts.filter { $0.key.present.nonzeroBitCount >= 2 }.values.reduce(0, +)
    }

    /// Pairable units where the coders who took part did not all agree.
    public var disagreeingUnits: Int {
        counts.filter { $0.key.present.nonzeroBitCount >= 2 && $0.key.coded != 0 && $0.key.coded != $0.key.present }.values.reduce(0, +)
    }
}
