/// A design-based Wald test of independence in a two-way table (R's `svychisq(statistic="Wald")` or
/// `statistic="adjWald"`), on the interaction contrasts Y_ij = N̂_ij − N̂_i· N̂_·j / N̂ of the estimated cell totals.
public struct IndependenceWaldTest: Sendable, Equatable {
    /// Whether the F statistic is the adjusted one (Fellegi's denominator degrees of freedom ν − d + 1).
    public var adjusted: Bool
    /// W/d for the Wald test, W(ν − d + 1)/(dν) adjusted, with W = Y′V⁻¹Y over the (r−1)(c−1) cells i, j > 1.
    public var f: Double
    /// d = (r−1)(c−1).
    public var numeratorDF: Double
    /// ν, or ν − d + 1 adjusted.
    public var denominatorDF: Double
    public var pValue: Double
    public var rowLevels: [String]
    public var columnLevels: [String]
}

extension IndependenceWaldTest {
    /// The test from the cell totals (``TwoWayTable`` order), their covariance (row-major) and the design degrees of
    /// freedom ν. V = J Σ J′ with J the Jacobian of Y in the cell totals (row, column and grand totals being sums of them).
    init(table: TwoWayTable, totals: [Double], covariance: [Double], degreesOfFreedom nu: Double, adjusted: Bool) {
        let nr = table.rows, nc = table.columns, cells = table.cells
        var rowTotals = [Double](repeating: 0, count: nr), columnTotals = [Double](repeating: 0, count: nc)
        for j in 0..<nc {
            for i in 0..<nr {
                rowTotals[i] += totals[i + nr * j]
                columnTotals[j] += totals[i + nr * j]
            }
        }
        let grand = rowTotals.reduce(0, +)
        var jacobian = DenseMatrix(rows: cells, columns: cells)
        var y = [Double](repeating: 0, count: cells)
        for j in 0..<nc {
            for i in 0..<nr {
                let cell = i + nr * j
                y[cell] = totals[cell] - rowTotals[i] * columnTotals[j] / grand
                for l in 0..<nc {
                    for k in 0..<nr {
                        var derivative = rowTotals[i] * columnTotals[j] / (grand * grand)
                        if k == i { derivative -= columnTotals[j] / grand }
                        if l == j { derivative -= rowTotals[i] / grand }
                        if k == i, l == j { derivative += 1 }
                        jacobian[cell, k + nr * l] = derivative
                    }
                }
            }
        }
        let v = jacobian * DenseMatrix(rows: cells, columns: cells, values: covariance) * jacobian.transposed
        let used = (0..<cells).filter { $0 % nr > 0 && $0 / nr > 0 }
        var block = DenseMatrix(rows: used.count, columns: used.count)
        var contrasts = DenseMatrix(rows: used.count, columns: 1)
        for (a, cell) in used.enumerated() {
            contrasts[a, 0] = y[cell]
            for (b, other) in used.enumerated() { block[a, b] = v[cell, other] }
        }
        let wald = block.solve(contrasts).map { solution in used.indices.reduce(0) { $0 + contrasts[$1, 0] * solution[$1, 0] } } ?? .nan
        let d = Double(used.count)
        let ddf = adjusted ? nu - d + 1 : nu
        let f = adjusted ? wald * ddf / (d * nu) : wald / d
        self.init(
            adjusted: adjusted, f: f, numeratorDF: d, denominatorDF: ddf,
            pValue: FDistribution(numeratorDF: d, denominatorDF: ddf).cdf(f, lowerTail: false),
            rowLevels: table.rowLevels, columnLevels: table.columnLevels
        )
    }
}
