/// A replicate-weight design: the full-sample weights and R sets of replicate weights, with the variance
/// V = scale · Σ_r rscale_r (θ̂_r − θ̄)², θ̄ the mean of the replicate estimates with rscale_r > 0 (R's `svrVar`,
/// `mse=FALSE`).
///
/// Built from a ``SurveyDesign`` as R's `as.svrepdesign` builds it (jackknife, BRR and Fay, bootstrap: replicate
/// factors per PSU, so estimates come from PSU totals without touching rows again) or read as given replicate-weight
/// columns (R's `svrepdesign`).
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

    /// What the rank of the replicate weights (R's degrees of freedom) follows from.
    enum Structure: Sendable {
        /// Delete-one-PSU jackknife: each PSU's stratum and how each stratum enters the replicates.
        case jackknife(stratumOfUnit: [Int32], strata: [JackknifeStratum])
        /// Balanced repeated replication: each PSU's half-sample pair, the number of pairs.
        case pairs(pairOfUnit: [Int32], count: Int)
        /// Anything else: the numerical rank of the replicate weights.
        case general
    }

    public let kind: Kind
    public let weights: [Double]
    let replicates: Replicates
    let structure: Structure
    public let replicateCount: Int
    public let scale: Double
    public let rscales: [Double]
    /// R's `degf`: the rank of the replicate weights minus one (for designs built here, #PSUs − #strata or the
    /// number of BRR pairs; for a bootstrap, at most the number of replicates − 1).
    public private(set) var degreesOfFreedom = 0
    /// The rank of all the replicate weights once known, for domains that reach every PSU or row.
    private(set) var fullRank: Int?

    init(kind: Kind, weights: [Double], replicates: Replicates, structure: Structure, count: Int, scale: Double, rscales: [Double]) {
        self.kind = kind
        self.weights = weights
        self.replicates = replicates
        self.structure = structure
        self.replicateCount = count
        self.scale = scale
        self.rscales = rscales
        degreesOfFreedom = degreesOfFreedom(domains: .whole(rows: weights.count)) { _ in true }[0]
        fullRank = degreesOfFreedom + 1
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
            kind: kind, weights: full, replicates: .rowWeights(replicateWeights), structure: .general, count: count,
            scale: scale ?? defaultScale, rscales: rscales ?? [Double](repeating: 1, count: count)
        )
    }

    /// Every row's weight in replicate `replicate`.
    func rowWeights(replicate: Int) -> [Double] {
        switch replicates {
        case .unitFactors(let unitOfRow, let units, let factors):
            weights.indices.map { weights[$0] * factors[replicate * units + Int(unitOfRow[$0])] }
        case .rowWeights(let replicateWeights):
            replicateWeights[replicate]
        }
    }

    /// The replicate variance of an estimator given its replicate values (NaN replicates left out).
    func variance(replicateValues values: [Double]) -> Double {
        covariance(replicateValues: values, columns: 1)[0]
    }

    /// The covariance matrix (row-major) of `columns` estimators from their replicate values
    /// `values[r * columns + j]`; replicates where any value is NaN are left out, as R's `svrVar` does.
    func covariance(replicateValues values: [Double], columns: Int) -> [Double] {
        let kept = (0..<replicateCount).filter { replicate in
            (0..<columns).allSatisfy { !values[replicate * columns + $0].isNaN }
        }
        let centred = kept.filter { rscales[$0] > 0 }
        guard !centred.isEmpty else { return [Double](repeating: .nan, count: columns * columns) }
        var centre = [Double](repeating: 0, count: columns)
        for replicate in centred {
            for j in 0..<columns { centre[j] += values[replicate * columns + j] }
        }
        for j in 0..<columns { centre[j] /= Double(centred.count) }
        var result = [Double](repeating: 0, count: columns * columns)
        for replicate in kept {
            for a in 0..<columns {
                let deviation = rscales[replicate] * (values[replicate * columns + a] - centre[a])
                for b in 0..<columns { result[a * columns + b] += deviation * (values[replicate * columns + b] - centre[b]) }
            }
        }
        return result.map { $0 * scale }
    }
}
