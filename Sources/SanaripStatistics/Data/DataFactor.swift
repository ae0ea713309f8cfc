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
        precondition(!factors.isEmpty)
        let rows = factors[0].codes.count
        var codes = [Int32](repeating: 0, count: rows)
        var stride = 1
        for factor in factors {
            for row in 0..<rows where codes[row] >= 0 {
                let code = factor.codes[row]
                codes[row] = code < 0 ? -1 : codes[row] + code * Int32(stride)
            }
            stride *= factor.levels.count
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
