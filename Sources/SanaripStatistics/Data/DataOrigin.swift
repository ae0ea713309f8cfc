/// Where the records of a ``DataTable`` came from, so that a message can name the file and the row a person sees
/// when opening it (the header is row 1; skipped blank rows are counted).
public struct DataOrigin: Sendable, Hashable {
    /// The file, as the user named it.
    public var file: String
    /// The row of the first record (2 after one header row).
    public var firstRow: Int
    /// Records from `gapRecords[i]` on lie `gapRows[i]` rows further down than their position says (blank rows
    /// before them); ascending, one entry per gap, so a file without blank rows costs nothing.
    private var gapRecords: [Int] = []
    private var gapRows: [Int] = []

    public init(file: String, firstRow: Int = 2) {
        self.file = file
        self.firstRow = firstRow
    }

    /// Records that `rows` blank rows come before record `record` (0-based).
    public mutating func skip(_ rows: Int, before record: Int) {
        guard rows > 0 else { return }
        let total = (gapRows.last ?? 0) + rows
        if gapRecords.last == record {
            gapRows[gapRows.count - 1] = total
        } else {
            gapRecords.append(record)
            gapRows.append(total)
        }
    }

    /// The file row of record `record` (0-based).
    public func row(_ record: Int) -> Int {
        var low = 0, high = gapRecords.count
        while low < high {
            let middle = (low + high) / 2
            if gapRecords[middle] <= record { low = middle + 1 } else { high = middle }
        }
        return firstRow + record + (low == 0 ? 0 : gapRows[low - 1])
    }
}
