/// The steps of a ``DesignCalibration`` as one linear map on influence values, prepared once for a design.
///
/// Every step replaces the influence values x (records × score columns) by x − B·K·Aᵀx: A and B have, per record,
/// the same few nonzero columns (its cell or level, or its model-matrix row) of a block of width q_b, and K is a
/// q_b × q_b matrix (see ``DesignCalibration`` for what each step puts there). Applied in sequence,
/// x_final = x − Σ_b B_b C_b with C_b the sum of the coefficients of block b's applications, and each application's
/// coefficients are K_b(A_bᵀx − Σ_{b'} A_bᵀB_{b'} C_{b'}). So an estimator needs only Aᵀx (one pass over its rows),
/// the Gram matrix AᵀB (here) and, per design unit, the sums of B's rows (here): the unit scores are corrected
/// without ever holding influence values per record and domain.
struct CalibrationProjection: Sendable {
    struct Block: Sendable {
        var start: Int
        var size: Int
        /// K, size × size, row-major.
        var map: [Double]
    }

    let calibration: DesignCalibration
    /// Total width q of the blocks.
    let width: Int
    /// Nonzero entries per record in A and B.
    let stride: Int
    /// Column of each entry (records × stride) and its values in A and in B.
    let entryColumn: [Int32]
    let aValue: [Double]
    let bValue: [Double]
    let blocks: [Block]
    /// Blocks in the order they are applied.
    let sequence: [Int]
    /// AᵀB, width × width, row-major.
    let gram: [Double]
    /// Per deepest design unit, the nonzero sums of B's rows: `unitColumn/unitValue[unitStart[u]..<unitStart[u+1]]`.
    let unitStart: [Int]
    let unitColumn: [Int32]
    let unitValue: [Double]

    /// R's `svyrecvar` sweeps the margins of a raking step this many times.
    static let rakingSweeps = 10

    init(_ calibration: DesignCalibration, unitOfRow: [Int32], units: Int) {
        self.calibration = calibration
        let rows = unitOfRow.count
        var stride = 0
        for step in calibration.steps {
            switch step {
            case .postStratification: stride += 1
            case .raking(_, _, _, let levelCounts, _): stride += levelCounts.count
            case .regression(_, let columns, _, _): stride += columns
            }
        }
        var entryColumn = [Int32](repeating: 0, count: rows * stride)
        var aValue = [Double](repeating: 0, count: rows * stride)
        var bValue = [Double](repeating: 0, count: rows * stride)
        var blocks: [Block] = []
        var sequence: [Int] = []
        var width = 0, slot = 0
        func addBlock(size: Int, map: [Double]) -> Int {
            blocks.append(Block(start: width, size: size, map: map))
            width += size
            return blocks.count - 1
        }
        func diagonal(_ entries: [Double]) -> [Double] {
            var map = [Double](repeating: 0, count: entries.count * entries.count)
            for (i, value) in entries.enumerated() { map[i * entries.count + i] = value }
            return map
        }
        for step in calibration.steps {
            switch step {
            case .postStratification(let cells, let before, let after):
                let cellCount = Int(cells.max() ?? -1) + 1
                var beforeTotal = [Double](repeating: 0, count: cellCount)
                for row in 0..<rows { beforeTotal[Int(cells[row])] += before[row] }
                let start = width
                sequence.append(addBlock(size: cellCount, map: diagonal(beforeTotal.map { $0 == 0 ? 0 : 1 / $0 })))
                for row in 0..<rows {
                    let entry = row * stride + slot
                    entryColumn[entry] = Int32(start + Int(cells[row]))
                    aValue[entry] = after[row] == 0 ? 0 : before[row] / after[row]
                    bValue[entry] = after[row]
                }
                slot += 1
            case .raking(let base, let cells, let cellLevels, let levelCounts, let stepFactors):
                let margins = levelCounts.count
                var marginBlocks: [Int] = []
                for margin in 0..<margins {
                    var counts = [Double](repeating: 0, count: levelCounts[margin])
                    let start = width
                    for row in 0..<rows {
                        let cell = Int(cells[row])
                        let level = Int(cellLevels[cell * margins + margin])
                        let weight = base[row] * stepFactors[margin][cell]
                        let entry = row * stride + slot + margin
                        entryColumn[entry] = Int32(start + level)
                        aValue[entry] = weight == 0 ? 0 : 1 / weight
                        bValue[entry] = weight
                        if weight != 0 { counts[level] += 1 }
                    }
                    marginBlocks.append(addBlock(size: levelCounts[margin], map: diagonal(counts.map { $0 == 0 ? 0 : 1 / $0 })))
                }
                for _ in 0..<Self.rakingSweeps { sequence += marginBlocks }
                slot += margins
            case .regression(let model, let columns, let before, let after):
                var moments = [Double](repeating: 0, count: columns * columns)
                for row in 0..<rows where before[row] != 0 {
                    for i in 0..<columns {
                        let scaled = before[row] * model[row * columns + i]
                        if scaled == 0 { continue }
                        for j in 0..<columns { moments[i * columns + j] += scaled * model[row * columns + j] }
                    }
                }
                let start = width
                sequence.append(addBlock(size: columns, map: Self.pseudoInverse(moments, columns)))
                for row in 0..<rows {
                    let g = after[row] == 0 ? 0 : before[row] / after[row]
                    for j in 0..<columns {
                        let entry = row * stride + slot + j
                        entryColumn[entry] = Int32(start + j)
                        aValue[entry] = model[row * columns + j] * g
                        bValue[entry] = model[row * columns + j] * after[row]
                    }
                }
                slot += columns
            }
        }

        var gram = [Double](repeating: 0, count: width * width)
        for row in 0..<rows {
            let first = row * stride
            for a in first..<(first + stride) where aValue[a] != 0 {
                let offset = Int(entryColumn[a]) * width
                for b in first..<(first + stride) { gram[offset + Int(entryColumn[b])] += aValue[a] * bValue[b] }
            }
        }

        // Rows grouped by unit (counting sort), then each unit's sums of B's rows.
        var rowStart = [Int](repeating: 0, count: units + 1)
        for unit in unitOfRow { rowStart[Int(unit) + 1] += 1 }
        for unit in 0..<units { rowStart[unit + 1] += rowStart[unit] }
        var fill = rowStart
        var rowsByUnit = [Int](repeating: 0, count: rows)
        for (row, unit) in unitOfRow.enumerated() {
            rowsByUnit[fill[Int(unit)]] = row
            fill[Int(unit)] += 1
        }
        var unitStart = [0]
        var unitColumn: [Int32] = []
        var unitValue: [Double] = []
        var sums = [Double](repeating: 0, count: width)
        var touched: [Int32] = []
        for unit in 0..<units {
            for position in rowStart[unit]..<rowStart[unit + 1] {
                let first = rowsByUnit[position] * stride
                for entry in first..<(first + stride) where bValue[entry] != 0 {
                    let column = entryColumn[entry]
                    if sums[Int(column)] == 0 { touched.append(column) }
                    sums[Int(column)] += bValue[entry]
                }
            }
            for column in touched {
                unitColumn.append(column)
                unitValue.append(sums[Int(column)])
                sums[Int(column)] = 0
            }
            touched.removeAll(keepingCapacity: true)
            unitStart.append(unitColumn.count)
        }

        self.width = width
        self.stride = stride
        self.entryColumn = entryColumn
        self.aValue = aValue
        self.bValue = bValue
        self.blocks = blocks
        self.sequence = sequence
        self.gram = gram
        self.unitStart = unitStart
        self.unitColumn = unitColumn
        self.unitValue = unitValue
    }

    /// Subtracts the calibration's share from `scores` (deepest unit × `columns`); `rowScores(row, add)` hands out
    /// the row's influence values as `add(column, value)` calls.
    func adjust(_ scores: inout [Double], columns: Int, rows: Int, rowScores: (_ row: Int, _ add: (_ column: Int, _ value: Double) -> Void) -> Void) {
        // Aᵀx per score column: summaries[column * width + i].
        var summaries = [Double](repeating: 0, count: columns * width)
        for row in 0..<rows {
            let first = row * stride
            rowScores(row) { column, value in
                let offset = column * width
                for entry in first..<(first + stride) { summaries[offset + Int(entryColumn[entry])] += aValue[entry] * value }
            }
        }
        // Accumulated coefficients per block column and score column: coefficients[i * columns + column].
        var coefficients = [Double](repeating: 0, count: width * columns)
        var accumulated = [Double](repeating: 0, count: width)
        var residual: [Double] = []
        for column in 0..<columns {
            let summary = summaries[(column * width)..<((column + 1) * width)]
            guard summary.contains(where: { $0 != 0 }) else { continue }
            for i in 0..<width { accumulated[i] = 0 }
            for index in sequence {
                let block = blocks[index]
                residual = [Double](repeating: 0, count: block.size)
                for i in 0..<block.size {
                    let row = block.start + i
                    var value = summary[summary.startIndex + row]
                    for t in 0..<width where accumulated[t] != 0 { value -= gram[row * width + t] * accumulated[t] }
                    residual[i] = value
                }
                for i in 0..<block.size {
                    var value = 0.0
                    for j in 0..<block.size { value += block.map[i * block.size + j] * residual[j] }
                    accumulated[block.start + i] += value
                }
            }
            for i in 0..<width { coefficients[i * columns + column] = accumulated[i] }
        }
        for unit in 0..<(unitStart.count - 1) {
            for entry in unitStart[unit]..<unitStart[unit + 1] {
                let value = unitValue[entry]
                let offset = Int(unitColumn[entry]) * columns
                for column in 0..<columns { scores[unit * columns + column] -= value * coefficients[offset + column] }
            }
        }
    }

    /// The Moore–Penrose inverse of a symmetric positive semi-definite matrix, computed on its equilibrated form
    /// (unit diagonal) so that the rank decision does not depend on the columns' scales.
    static func pseudoInverse(_ matrix: [Double], _ size: Int) -> [Double] {
        let scale = (0..<size).map { matrix[$0 * size + $0] > 0 ? 1 / matrix[$0 * size + $0].squareRoot() : 1 }
        var equilibrated = matrix
        for i in 0..<size { for j in 0..<size { equilibrated[i * size + j] *= scale[i] * scale[j] } }
        var inverse = [Double](repeating: 0, count: size * size)
        for j in 0..<size {
            var unit = [Double](repeating: 0, count: size)
            unit[j] = 1
            let column = SymmetricPseudoInverse.solve(equilibrated, size, unit, tolerance: 1e-13)
            for i in 0..<size { inverse[i * size + j] = scale[i] * column[i] * scale[j] }
        }
        return inverse
    }
}
