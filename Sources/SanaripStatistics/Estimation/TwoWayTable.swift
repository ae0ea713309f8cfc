/// The cells of the two-way table of two factors, as R's `svychisq` lays them out: the levels present in each
/// factor, cells ordered with the row factor varying fastest (cell i + r·j), and each data row's cell
/// (−1 when either value is missing).
struct TwoWayTable: Sendable {
    let rowLevels: [String]
    let columnLevels: [String]
    let cellOfRow: [Int32]
    var rows: Int { rowLevels.count }
    var columns: Int { columnLevels.count }
    var cells: Int { rows * columns }

    init(rows rowFactor: DataFactor, columns columnFactor: DataFactor) {
        let rowsPresent = Set(rowFactor.codes.filter { $0 >= 0 }).sorted()
        let columnsPresent = Set(columnFactor.codes.filter { $0 >= 0 }).sorted()
        var rowIndex = [Int32](repeating: -1, count: rowFactor.levels.count)
        var columnIndex = [Int32](repeating: -1, count: columnFactor.levels.count)
        for (i, code) in rowsPresent.enumerated() { rowIndex[Int(code)] = Int32(i) }
        for (j, code) in columnsPresent.enumerated() { columnIndex[Int(code)] = Int32(j) }
        let nr = Int32(rowsPresent.count)
        cellOfRow = zip(rowFactor.codes, columnFactor.codes).map { rowCode, columnCode in
            rowCode < 0 || columnCode < 0 ? -1 : rowIndex[Int(rowCode)] + nr * columnIndex[Int(columnCode)]
        }
        rowLevels = rowsPresent.map { rowFactor.levels[Int($0)] }
        columnLevels = columnsPresent.map { columnFactor.levels[Int($0)] }
    }

    /// The cells as domains (for cell totals through the domain estimators).
    var domains: DomainSet {
        DomainSet(codes: cellOfRow, names: [], labels: (0..<cells).map { ["\($0)"] })
    }
}
