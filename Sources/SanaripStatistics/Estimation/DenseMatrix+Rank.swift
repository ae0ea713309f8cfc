extension DenseMatrix {
    /// The rank of a `rows × columns` matrix given by `entry(row, column)`, as R's `qr(x, tol)$rank` (LINPACK
    /// `dqrdc2`): Householder reflections column by column, where a column whose remaining norm falls below `tolerance`
    /// times its original norm counts as dependent and is moved to the end. Rows proportional to an earlier row
    /// (to 12 digits) and zero rows are dropped first; they cannot add to the rank.
    static func rank(rows: Int, columns: Int, tolerance: Double = 1e-5, entry: (Int, Int) -> Double) -> Int {
        var seen = Set<[Int64]>()
        var kept: [[Double]] = []
        for row in 0..<rows {
            let values = (0..<columns).map { entry(row, $0) }
            let largest = values.max { abs($0) < abs($1) } ?? 0
            guard largest != 0 else { continue }
            if seen.insert(values.map { Int64(($0 / largest * 1e12).rounded()) }).inserted { kept.append(values) }
        }
        let n = kept.count
        // Column-major copy: matrix[j][i].
        var matrix = (0..<columns).map { j in kept.map { $0[j] } }
        func norm(_ j: Int, from start: Int) -> Double {
            var sum = 0.0
            for i in start..<n { sum += matrix[j][i] * matrix[j][i] }
            return sum.squareRoot()
        }
        let original = (0..<columns).map { j in norm(j, from: 0) == 0 ? 1 : norm(j, from: 0) }
        var order = Array(0..<columns)
        var active = columns
        var step = 0
        while step < min(n, active) {
            let column = order[step]
            if norm(column, from: step) < original[column] * tolerance {
                order.remove(at: step)
                order.append(column)
                active -= 1
                continue
            }
            var length = norm(column, from: step)
            if matrix[column][step] < 0 { length = -length }
            for i in step..<n { matrix[column][i] /= length }
            matrix[column][step] += 1
            for other in order[(step + 1)...] {
                var dot = 0.0
                for i in step..<n { dot += matrix[column][i] * matrix[other][i] }
                let factor = -dot / matrix[column][step]
                for i in step..<n { matrix[other][i] += factor * matrix[column][i] }
            }
            step += 1
        }
        return min(active, n)
    }
}
