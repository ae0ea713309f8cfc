/// A categorical variable: one code per row into sorted `levels`; −1 is missing.
public struct DataFactor: Sendable {
    public var codes: [Int32]
    public var levels: [String]

    public init(codes: [Int32], levels: [String]) {
        self.codes = codes
        self.levels = levels
    }

    /// The cross-classification of several factors, levels ordered with the first factor varying fastest
    /// (R's `interaction` order); a row missing in any factor is missing. `labels[level]` holds one label per factor.
    public static func crossing(_ factors: [DataFactor]) -> (factor: DataFactor, labels: [[String]]) {
        crossing(factors.map { (codes: $0.codes, recode: nil, levels: $0.levels) })
    }

    /// ``crossing(_:)`` of the columns of `table` named `columns`, each row read once: text columns' own codes are
    /// recoded on the way (``DataColumn/factorCodes()``) rather than copied into a factor first.
    static func crossing(_ table: DataTable, columns: [String]) throws(DataTableError) -> (factor: DataFactor, labels: [[String]]) {
        var parts: [(codes: [Int32], recode: [Int32]?, levels: [String])] = []
        for column in columns { parts.append(try table.column(column).factorCodes()) }
        return crossing(parts)
    }

    private static func crossing(_ factors: [(codes: [Int32], recode: [Int32]?, levels: [String])]) -> (factor: DataFactor, labels: [[String]]) {
        precondition(!factors.isEmpty)
        let rows = factors[0].codes.count
        var strides: [Int32] = []
        var stride = 1
        for factor in factors {
            strides.append(Int32(stride))
            stride *= factor.levels.count
        }
        // One pass over the rows, every factor's code (recoded where it has a table) added at its stride.
        let codes = [Int32](unsafeUninitializedCapacity: rows) { buffer, written in
            for (index, factor) in factors.enumerated() {
                let step = strides[index], first = index == 0, recoded = factor.recode != nil
                factor.codes.withUnsafeBufferPointer { source in
                    (factor.recode ?? []).withUnsafeBufferPointer { recode in
                        for row in 0..<rows {
                            // The first factor starts every row; a row missing in an earlier factor stays missing.
                            let previous: Int32 = first ? 0 : buffer[row]
                            guard previous >= 0 else { continue }
                            let code = source[row]
                            guard code >= 0 else {
                                buffer[row] = -1
                                continue
                            }
                            buffer[row] = previous &+ (recoded ? recode[Int(code)] : code) &* step
                        }
                    }
                }
            }
            written = rows
        }
        var labels: [[String]] = []
        labels.reserveCapacity(stride)
        for level in 0..<stride {
            var rest = level
            labels.append(factors.map { factor in
                defer { rest /= factor.levels.count }
                return factor.levels[rest % factor.levels.count]
            })
        }
        let names = labels.map { $0.joined(separator: ".") }
        return (DataFactor(codes: codes, levels: names), labels)
    }
}
