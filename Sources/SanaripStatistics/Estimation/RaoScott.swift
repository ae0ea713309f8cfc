/// Rao–Scott tests of independence in a two-way table from a complex sample (R's `svychisq`).
public struct RaoScott: Sendable, Equatable {
    /// Second-order corrected F = X²/tr Δ on (d, d·ν) degrees of freedom, d = (tr Δ)²/tr Δ², ν = design df.
    public var f: Double
    public var numeratorDF: Double
    public var denominatorDF: Double
    public var pValue: Double
    /// First-order corrected X²/mean(diag Δ), referred to chi-square on (r−1)(c−1) degrees of freedom.
    public var firstOrder: Double
    public var chiSquareDF: Int
    public var chiSquarePValue: Double
    /// Pearson's X² on the weighted table scaled to the number of rows (what R prints for `statistic="Chisq"`).
    public var pearson: Double
    public var rowLevels: [String]
    public var columnLevels: [String]
}

extension RaoScott {
    /// The tests from the cell proportions p̂ (``TwoWayTable`` order), their design covariance V (row-major),
    /// the number of rows N and the design degrees of freedom ν.
    ///
    /// Δ = (C′D⁻¹C/N)⁻¹ C′D⁻¹VD⁻¹C, D = diag(p̂), C the interaction contrasts projected off the main effects;
    /// X² is Pearson's statistic on the weighted table scaled to N.
    init(table: TwoWayTable, proportions p: [Double], covariance: [Double], sampleSize n: Double, degreesOfFreedom nu: Double) {
        let nr = table.rows, nc = table.columns, cells = table.cells
        let v = DenseMatrix(rows: cells, columns: cells, values: covariance)

        // Main-effects design X1 and interaction columns, cells ordered rows fastest.
        let mainColumns = 1 + (nr - 1) + (nc - 1)
        let interactions = (nr - 1) * (nc - 1)
        var x1 = DenseMatrix(rows: cells, columns: mainColumns)
        var x2 = DenseMatrix(rows: cells, columns: interactions)
        for j in 0..<nc {
            for i in 0..<nr {
                let cell = i + nr * j
                x1[cell, 0] = 1
                if i > 0 { x1[cell, i] = 1 }
                if j > 0 { x1[cell, nr - 1 + j] = 1 }
                if i > 0, j > 0 { x2[cell, (i - 1) + (nr - 1) * (j - 1)] = 1 }
            }
        }
        let x1t = x1.transposed
        let projection = (x1t * x1).solve(x1t * x2) ?? DenseMatrix(rows: mainColumns, columns: interactions)
        let c = x2 - x1 * projection
        let inverseD = DenseMatrix.diagonal(p.map { $0 == 0 ? 0 : 1 / $0 })
        let ct = c.transposed
        var denominator = ct * inverseD * c
        denominator.values = denominator.values.map { $0 / n }
        let numerator = ct * inverseD * v * inverseD * c
        let delta = denominator.solve(numerator) ?? DenseMatrix(rows: interactions, columns: interactions, values: .init(repeating: .nan, count: interactions * interactions))
        let traceDelta = delta.trace
        let traceDelta2 = (delta * delta).trace
        let d = traceDelta * traceDelta / traceDelta2

        var pearson = 0.0
        var rowTotals = [Double](repeating: 0, count: nr), columnTotals = [Double](repeating: 0, count: nc)
        for j in 0..<nc {
            for i in 0..<nr {
                rowTotals[i] += p[i + nr * j] * n
                columnTotals[j] += p[i + nr * j] * n
            }
        }
        for j in 0..<nc {
            for i in 0..<nr {
                let expected = rowTotals[i] * columnTotals[j] / n
                let observed = p[i + nr * j] * n
                pearson += (observed - expected) * (observed - expected) / expected
            }
        }
        let f = pearson / traceDelta
        let firstOrder = pearson / (traceDelta / Double(interactions))
        self.init(
            f: f, numeratorDF: d, denominatorDF: d * nu,
            pValue: FDistribution(numeratorDF: d, denominatorDF: d * nu).cdf(f, lowerTail: false),
            firstOrder: firstOrder, chiSquareDF: interactions,
            chiSquarePValue: ChiSquareDistribution(degreesOfFreedom: Double(interactions)).cdf(firstOrder, lowerTail: false),
            pearson: pearson, rowLevels: table.rowLevels, columnLevels: table.columnLevels
        )
    }
}

extension SurveyDesign {
    /// The Rao–Scott tests for the association of two categorical variables: cell proportions over the rows where
    /// both are present, their covariance by linearisation, ν = #PSUs − #strata.
    public func raoScott(rows rowFactor: DataFactor, columns columnFactor: DataFactor) -> RaoScott {
        let table = TwoWayTable(rows: rowFactor, columns: columnFactor)
        let cells = table.cells
        let units = deepestUnitCount
        var sumCell = [Double](repeating: 0, count: units * cells)
        var sumWeight = [Double](repeating: 0, count: units)
        var totalCell = [Double](repeating: 0, count: cells)
        var total = 0.0
        for row in 0..<rowCount where table.cellOfRow[row] >= 0 {
            let cell = Int(table.cellOfRow[row]), unit = Int(unitOfRow[row]), weight = weights[row]
            sumCell[unit * cells + cell] += weight
            sumWeight[unit] += weight
            totalCell[cell] += weight
            total += weight
        }
        let p = totalCell.map { $0 / total }
        var scores = [Double](repeating: 0, count: units * cells)
        for unit in 0..<units {
            for cell in 0..<cells { scores[unit * cells + cell] = (sumCell[unit * cells + cell] - p[cell] * sumWeight[unit]) / total }
        }
        scores = calibratedScores(scores, columns: cells) { row, add in
            let cell = Int(table.cellOfRow[row])
            guard cell >= 0 else { return }
            for other in 0..<cells { add(other, weights[row] * ((other == cell ? 1 : 0) - p[other]) / total) }
        }
        return RaoScott(
            table: table, proportions: p, covariance: covariance(ofUnitScores: scores, columns: cells),
            sampleSize: Double(rowCount), degreesOfFreedom: Double(psuCount - strataCount)
        )
    }

    /// The design-based Wald tests of association (R's `svychisq(statistic="Wald")` and `"adjWald"`) from the cell
    /// totals and their covariance by linearisation, ν = #PSUs − #strata.
    public func waldTest(rows rowFactor: DataFactor, columns columnFactor: DataFactor, adjusted: Bool) -> IndependenceWaldTest {
        let table = TwoWayTable(rows: rowFactor, columns: columnFactor)
        let cells = table.cells
        var scores = [Double](repeating: 0, count: deepestUnitCount * cells)
        var totals = [Double](repeating: 0, count: cells)
        for row in 0..<rowCount where table.cellOfRow[row] >= 0 {
            let cell = Int(table.cellOfRow[row])
            scores[Int(unitOfRow[row]) * cells + cell] += weights[row]
            totals[cell] += weights[row]
        }
        scores = calibratedScores(scores, columns: cells) { row, add in
            let cell = Int(table.cellOfRow[row])
            if cell >= 0 { add(cell, weights[row]) }
        }
        return IndependenceWaldTest(
            table: table, totals: totals, covariance: covariance(ofUnitScores: scores, columns: cells),
            degreesOfFreedom: Double(psuCount - strataCount), adjusted: adjusted
        )
    }
}
