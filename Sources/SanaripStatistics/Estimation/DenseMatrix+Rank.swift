extension DenseMatrix {
    /// The rank of a `rows × columns` matrix given by `entry(row, column)`, as R's `qr(x, tol)$rank` (LINPACK
    /// `dqrdc2`): Householder reflections column by column, where a column whose remaining norm falls below `tolerance`
    /// times its original norm counts as dependent and is moved to the end. Rows proportional to an earlier row
    /// (to 12 digits) and zero rows are dropped first; they cannot add to the rank.
    static func rank(rows: Int, columns: Int, tolerance: Double = 1e-5, entry: (Int, Int) -> Double) -> Int {
        var seen = Set<[Int64]>()
        var kept: [Int] = []
        var values = [Double](repeating: 0, count: columns)
        for row in 0..<rows {
            var largest = 0.0
            for column in 0..<columns {
                values[column] = entry(row, column)
                if abs(values[column]) > abs(largest) { largest = values[column] }
            }
            if largest != 0, seen.insert(values.map { Int64(($0 / largest * 1e12).rounded()) }).inserted { kept.append(row) }
        }
        let n = kept.count
        // Column-major: matrix[j * n + i].
        var matrix = [Double](repeating: 0, count: n * columns)
        for (i, row) in kept.enumerated() {
            for j in 0..<columns { matrix[j * n + i] = entry(row, j) }
        }
        return matrix.withUnsafeMutableBufferPointer { a in
            func norm(_ j: Int, from start: Int) -> Double {
                var sum = 0.0
                for i in start..<n { sum += a[j * n + i] * a[j * n + i] }
                return sum.squareRoot()
            }
            let original = (0..<columns).map { j in norm(j, from: 0) == 0 ? 1 : norm(j, from: 0) }
            var order = Array(0..<columns)
            var active = columns
            var step = 0
            while step < min(n, active) {
                let column = order[step]
                var length = norm(column, from: step)
                if length < original[column] * tolerance {
                    order.remove(at: step)
                    order.append(column)
                    active -= 1
                    continue
                }
                let base = column * n
                if a[base + step] < 0 { length = -length }
                for i in step..<n { a[base + i] /= length }
                a[base + step] += 1
                for other in order[(step + 1)..<active] {
                    let target = other * n
                    var dot = 0.0
                    for i in step..<n { dot += a[base + i] * a[target + i] }
                    let factor = -dot / a[base + step]
                    for i in step..<n { a[target + i] += factor * a[base + i] }
                }
                step += 1
            }
            return min(active, n)
        }
    }
}
