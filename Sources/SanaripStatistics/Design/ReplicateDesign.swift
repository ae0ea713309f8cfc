/// A replicate-weight design: the full-sample weights and R sets of replicate weights, with the variance
/// V = scale · Σ_r rscale_r (θ̂_r − θ̄)², θ̄ the mean of the replicate estimates (R's `svrVar`, `mse=FALSE`).
///
/// Built from a ``SurveyDesign`` (jackknife, BRR, bootstrap: replicate factors per PSU, so estimates come from
/// PSU totals without touching rows again) or read as given replicate-weight columns (R's `svrepdesign`).
public struct ReplicateDesign: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case jk1, jkn, brr, fay, bootstrap, other
    }

    enum Replicates: Sendable {
        /// `factors[r * units + u]` multiplies the weights of PSU `u` in replicate r.
        case unitFactors(unitOfRow: [Int32], units: Int, factors: [Double])
        /// Full replicate weights per row: `weights[r][row]`.
        case rowWeights([[Double]])
    }

    public let kind: Kind
    public let weights: [Double]
    let replicates: Replicates
    public let replicateCount: Int
    public let scale: Double
    public let rscales: [Double]
    /// Degrees of freedom for intervals: the design's for replicates built from a design, replicates − 1 when given.
    public let degreesOfFreedom: Int

    init(kind: Kind, weights: [Double], replicates: Replicates, count: Int, scale: Double, rscales: [Double], degreesOfFreedom: Int) {
        self.kind = kind
        self.weights = weights
        self.replicates = replicates
        self.replicateCount = count
        self.scale = scale
        self.rscales = rscales
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// Delete-one-PSU jackknife: JK1 for an unstratified design, JKn (one replicate per PSU, deleting it and
    /// reweighting its stratum by n_h/(n_h − 1), rscale (n_h − 1)/n_h) for a stratified one; stage-1 fpcs scale
    /// each stratum by (N_h − n_h)/N_h as R's `as.svrepdesign` does.
    public init(jackknife design: SurveyDesign) {
        let stage = design.stages[0]
        let psus = stage.unitCount
        var factors = [Double](repeating: 1, count: psus * psus)
        var rscales = [Double](repeating: 0, count: psus)
        for psu in 0..<psus {
            let stratum = Int(stage.groupOfUnit[psu])
            let size = Double(stage.groupSizes[stratum])
            for member in stage.memberStart[stratum]..<stage.memberStart[stratum + 1] {
                factors[psu * psus + Int(stage.members[member])] = size > 1 ? size / (size - 1) : 1
            }
            factors[psu * psus + psu] = 0
            rscales[psu] = size > 1 ? stage.correction(stratum) * (size - 1) / size : 0
        }
        let stratified = design.strataCount > 1
        self.init(
            kind: stratified ? .jkn : .jk1, weights: design.weights,
            replicates: .unitFactors(unitOfRow: design.psuOfRow, units: psus, factors: factors),
            count: psus, scale: 1, rscales: rscales, degreesOfFreedom: design.degreesOfFreedom
        )
    }

    /// Balanced repeated replication for a design with exactly two PSUs per stratum: replicate r keeps one PSU
    /// per stratum (doubling its weight) following column h of a Sylvester–Hadamard matrix; scale 1/R.
    /// Returns nil unless every stratum has two PSUs.
    public init?(balancedRepeatedReplication design: SurveyDesign, fayRho: Double = 0) {
        let stage = design.stages[0]
        guard stage.groupSizes.allSatisfy({ $0 == 2 }) else { return nil }
        let strata = stage.groupSizes.count
        var size = 1
        while size <= strata { size *= 2 }
        let psus = stage.unitCount
        var factors = [Double](repeating: 0, count: size * psus)
        for replicate in 0..<size {
            for stratum in 0..<strata {
                // Sylvester–Hadamard entry H[replicate, stratum + 1] = (−1)^popcount(replicate & (stratum + 1)).
                let plus = (replicate & (stratum + 1)).nonzeroBitCount % 2 == 0
                let first = Int(stage.members[stage.memberStart[stratum]]), second = Int(stage.members[stage.memberStart[stratum] + 1])
                factors[replicate * psus + first] = plus ? 2 - fayRho : fayRho
                factors[replicate * psus + second] = plus ? fayRho : 2 - fayRho
            }
        }
        self.init(
            kind: fayRho == 0 ? .brr : .fay, weights: design.weights,
            replicates: .unitFactors(unitOfRow: design.psuOfRow, units: psus, factors: factors),
            count: size, scale: 1 / (Double(size) * (1 - fayRho) * (1 - fayRho)),
            rscales: [Double](repeating: 1, count: size), degreesOfFreedom: design.degreesOfFreedom
        )
    }

    /// Rao–Wu bootstrap as R's `bootweights`: in each stratum draw n_h PSUs with replacement (factor = times drawn),
    /// scale m/((m − 1)(R − 1)) with m the harmonic mean of the n_h. Reproducible for a given `seed`.
    public init(bootstrap design: SurveyDesign, replicates: Int, seed: UInt64) {
        let stage = design.stages[0]
        let psus = stage.unitCount
        var random = ReplicateRandom(seed: seed)
        var factors = [Double](repeating: 0, count: replicates * psus)
        for replicate in 0..<replicates {
            for stratum in stage.groupSizes.indices {
                let start = stage.memberStart[stratum], size = stage.groupSizes[stratum]
                for _ in 0..<size {
                    let drawn = Int(stage.members[start + random.below(size)])
                    factors[replicate * psus + drawn] += 1
                }
            }
        }
        let harmonic = Double(stage.groupSizes.count) / stage.groupSizes.reduce(0) { $0 + 1 / Double($1) }
        self.init(
            kind: .bootstrap, weights: design.weights,
            replicates: .unitFactors(unitOfRow: design.psuOfRow, units: psus, factors: factors),
            count: replicates, scale: harmonic / ((harmonic - 1) * Double(replicates - 1)),
            rscales: [Double](repeating: 1, count: replicates), degreesOfFreedom: design.degreesOfFreedom
        )
    }

    /// Given replicate weights (R's `svrepdesign(..., combined.weights=TRUE)`). The scale follows the kind:
    /// JK1 (R−1)/R, BRR 1/R, Fay 1/(R(1−ρ)²), bootstrap 1/(R−1); `scale`/`rscales` override (needed for JKn, other).
    public init(
        _ table: DataTable,
        weights column: String,
        replicateWeights columns: [String],
        kind: Kind,
        fayRho: Double = 0,
        scale: Double? = nil,
        rscales: [Double]? = nil
    ) throws(SurveyDesignError) {
        func numbers(_ name: String) throws(SurveyDesignError) -> [Double] {
            let values: [Double]
            do { values = try table.numbers(name) } catch { throw .data(error) }
            if let row = values.firstIndex(where: \.isNaN) { throw .missingDesignValue(column: name, row: row + 1) }
            if let row = values.firstIndex(where: { $0 < 0 }) { throw .negativeWeight(column: name, row: row + 1, value: values[row]) }
            return values
        }
        let full = try numbers(column)
        var replicateWeights: [[Double]] = []
        for name in columns { replicateWeights.append(try numbers(name)) }
        let count = columns.count
        let defaultScale: Double = switch kind {
        case .jk1: Double(count - 1) / Double(count)
        case .brr: 1 / Double(count)
        case .fay: 1 / (Double(count) * (1 - fayRho) * (1 - fayRho))
        case .bootstrap: 1 / Double(count - 1)
        case .jkn, .other: 1
        }
        self.init(
            kind: kind, weights: full, replicates: .rowWeights(replicateWeights), count: count,
            scale: scale ?? defaultScale, rscales: rscales ?? [Double](repeating: 1, count: count),
            degreesOfFreedom: count - 1
        )
    }

    /// The replicate variance of an estimator given its full-sample and replicate values.
    func variance(replicateValues values: [Double]) -> Double {
        let valid = values.filter { !$0.isNaN }
        guard !valid.isEmpty else { return .nan }
        let centre = valid.reduce(0, +) / Double(valid.count)
        var sum = 0.0
        for (replicate, value) in values.enumerated() where !value.isNaN {
            sum += rscales[replicate] * (value - centre) * (value - centre)
        }
        return scale * sum
    }
}

/// SplitMix64, private to the replicate designs so bootstrap replicates are reproducible from a seed.
struct ReplicateRandom {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<bound without modulo bias.
    mutating func below(_ bound: Int) -> Int {
        let limit = UInt64(bound)
        let threshold = (0 &- limit) % limit
        while true {
            let value = next()
            if value >= threshold { return Int(value % limit) }
        }
    }
}
