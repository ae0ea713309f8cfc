/// Small dense row-major matrices for the tests and models (a few dozen rows at most).
struct DenseMatrix: Sendable, Equatable {
    var rows: Int
    var columns: Int
    var values: [Double]

    init(rows: Int, columns: Int, values: [Double]? = nil) {
        self.rows = rows
        self.columns = columns
        self.values = values ?? [Double](repeating: 0, count: rows * columns)
    }

    static func identity(_ size: Int) -> DenseMatrix {
        var matrix = DenseMatrix(rows: size, columns: size)
        for i in 0..<size { matrix[i, i] = 1 }
        return matrix
    }

    static func diagonal(_ entries: [Double]) -> DenseMatrix {
        var matrix = DenseMatrix(rows: entries.count, columns: entries.count)
        for (i, value) in entries.enumerated() { matrix[i, i] = value }
        return matrix
    }

    subscript(row: Int, column: Int) -> Double {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    var transposed: DenseMatrix {
        var result = DenseMatrix(rows: columns, columns: rows)
        for i in 0..<rows { for j in 0..<columns { result[j, i] = self[i, j] } }
        return result
    }

    var trace: Double { (0..<min(rows, columns)).reduce(0) { $0 + self[$1, $1] } }

    static func * (a: DenseMatrix, b: DenseMatrix) -> DenseMatrix {
        precondition(a.columns == b.rows)
        var result = DenseMatrix(rows: a.rows, columns: b.columns)
        for i in 0..<a.rows {
            for k in 0..<a.columns where a[i, k] != 0 {
                let scale = a[i, k]
                for j in 0..<b.columns { result[i, j] += scale * b[k, j] }
            }
        }
        return result
    }

    static func - (a: DenseMatrix, b: DenseMatrix) -> DenseMatrix {
        DenseMatrix(rows: a.rows, columns: a.columns, values: zip(a.values, b.values).map { $0 - $1 })
    }

    /// Solves A·X = B by Gaussian elimination with partial pivoting; nil when A is singular.
    func solve(_ b: DenseMatrix) -> DenseMatrix? {
        precondition(rows == columns && b.rows == rows)
        var a = self, x = b
        let n = rows
        for column in 0..<n {
            var pivot = column
            for row in (column + 1)..<max(n, column + 1) where abs(a[row, column]) > abs(a[pivot, column]) { pivot = row }
            let largest = a.values.reduce(0) { max($0, abs($1)) }
            guard abs(a[pivot, column]) > 1e-13 * max(largest, 1e-300) else { return nil }
            if pivot != column {
                for j in 0..<n { a.values.swapAt(pivot * n + j, column * n + j) }
                for j in 0..<x.columns { x.values.swapAt(pivot * x.columns + j, column * x.columns + j) }
            }
            for row in 0..<n where row != column {
                let factor = a[row, column] / a[column, column]
                if factor == 0 { continue }
                for j in column..<n { a[row, j] -= factor * a[column, j] }
                for j in 0..<x.columns { x[row, j] -= factor * x[column, j] }
            }
        }
        for row in 0..<n {
            let divisor = a[row, row]
            for j in 0..<x.columns { x[row, j] /= divisor }
        }
        return x
    }

    var inverse: DenseMatrix? { solve(.identity(rows)) }
}
