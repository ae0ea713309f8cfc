/// Tests of association in a two-way table under a replicate design, as R's `svychisq` on a `svyrep.design`:
/// the same statistics as under linearisation with the covariance of the cell proportions (Rao–Scott) or cell
/// totals (Wald) from the replicates, and ν = R's `degf` of the design.
extension ReplicateDesign {
    /// The Rao–Scott F (second-order) and first-order chi-square tests.
    public func raoScott(rows rowFactor: DataFactor, columns columnFactor: DataFactor) -> RaoScott {
        let table = TwoWayTable(rows: rowFactor, columns: columnFactor)
        let cells = table.cells
        let totals = cellTotals(table)
        func proportions(_ values: ArraySlice<Double>) -> [Double] {
            let total = values.reduce(0, +)
            return values.map { $0 / total }
        }
        var replicateProportions: [Double] = []
        replicateProportions.reserveCapacity(replicateCount * cells)
        for replicate in 0..<replicateCount {
            replicateProportions += proportions(totals.replicates[(replicate * cells)..<((replicate + 1) * cells)])
        }
        return RaoScott(
            table: table, proportions: proportions(totals.full[...]),
            covariance: covariance(replicateValues: replicateProportions, columns: cells),
            sampleSize: Double(weights.count), degreesOfFreedom: Double(degreesOfFreedom)
        )
    }

    /// The Wald test (`adjusted` false) or adjusted Wald test of association.
    public func waldTest(rows rowFactor: DataFactor, columns columnFactor: DataFactor, adjusted: Bool) -> IndependenceWaldTest {
        let table = TwoWayTable(rows: rowFactor, columns: columnFactor)
        let totals = cellTotals(table)
        return IndependenceWaldTest(
            table: table, totals: totals.full, covariance: covariance(replicateValues: totals.replicates, columns: table.cells),
            degreesOfFreedom: Double(degreesOfFreedom), adjusted: adjusted
        )
    }

    /// Weighted cell counts over the rows where both factors are present, full-sample and per replicate
    /// (`replicates[r * cells + cell]`).
    private func cellTotals(_ table: TwoWayTable) -> (full: [Double], replicates: [Double]) {
        let ones = [Double](repeating: 1, count: weights.count)
        let totals = total(ones, variable: "cell", domains: table.domains)
        return (totals.estimates.map(\.estimate), totals.values)
    }
}
