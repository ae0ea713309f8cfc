/// One column of a ``DataTable``: numbers (missing = NaN) or dictionary-encoded text (missing = code −1).
///
/// A CSV column becomes numeric when every non-missing cell parses as a decimal number, text otherwise.
/// Text keeps its distinct values once (`levels`, in order of first appearance) and one `Int32` code per row.
public struct DataColumn: Sendable {
    /// How the values are held.
    public enum Storage: Sendable {
        case numeric([Double])
        case text(codes: [Int32], levels: [String])
    }

    public let name: String
    public let storage: Storage

    public init(name: String, numbers: [Double]) {
        self.name = name
        self.storage = .numeric(numbers)
    }

    public init(name: String, codes: [Int32], levels: [String]) {
        self.name = name
        self.storage = .text(codes: codes, levels: levels)
    }

    /// Builds a text column from strings; `nil` is missing.
    public init(name: String, strings: [String?]) {
        var lookup: [String: Int32] = [:]
        var levels: [String] = []
        let codes = strings.map { value -> Int32 in
            guard let value else { return -1 }
            if let code = lookup[value] { return code }
            let code = Int32(levels.count)
            lookup[value] = code
            levels.append(value)
            return code
        }
        self.init(name: name, codes: codes, levels: levels)
    }

    public var count: Int {
        switch storage {
        case .numeric(let values): values.count
        case .text(let codes, _): codes.count
        }
    }

    public var isNumeric: Bool {
        if case .numeric = storage { return true }
        return false
    }

    /// Whether row `row` is missing.
    public func isMissing(_ row: Int) -> Bool {
        switch storage {
        case .numeric(let values): values[row].isNaN
        case .text(let codes, _): codes[row] < 0
        }
    }

    /// The value of row `row` as text (`nil` when missing); numbers print as R prints them.
    public func string(at row: Int) -> String? {
        switch storage {
        case .numeric(let values): values[row].isNaN ? nil : DataColumn.label(values[row])
        case .text(let codes, let levels): codes[row] < 0 ? nil : levels[Int(codes[row])]
        }
    }

    /// The numbers of this column; a text column fails naming the first row that is not a number (its row in
    /// `origin`, the file it was read from).
    public func numbers(origin: DataOrigin = DataOrigin(file: "data")) throws(DataTableError) -> [Double] {
        switch storage {
        case .numeric(let values):
            return values
        case .text(let codes, let levels):
            let parsed = levels.map { DecimalParser.parse(Array($0.utf8)) }
            var values = [Double](repeating: .nan, count: codes.count)
            for (row, code) in codes.enumerated() where code >= 0 {
                guard let value = parsed[Int(code)] else {
                    throw .notNumeric(file: origin.file, row: origin.row(row), column: name, value: levels[Int(code)])
                }
                values[row] = value
            }
            return values
        }
    }

    /// The column as a categorical variable with sorted levels (numerically for numbers, by code points for text).
    public func factor() -> DataFactor {
        let (codes, recode, levels) = factorCodes()
        guard let recode else { return DataFactor(codes: codes, levels: levels) }
        return DataFactor(codes: codes.map { $0 < 0 ? -1 : recode[Int($0)] }, levels: levels)
    }

    /// ``factor()`` without its last pass: codes, and, when they are not yet the factor's, the table from each code
    /// to the factor's (`factor code = recode[code]`, −1 stays missing). A text column gives its own codes, shared
    /// rather than copied, so that a reader of several factors (a crossing) recodes each row once.
    func factorCodes() -> (codes: [Int32], recode: [Int32]?, levels: [String]) {
        switch storage {
        case .numeric(let values):
            if let factor = DataColumn.integerFactor(values) { return (factor.codes, nil, factor.levels) }
            let distinct = Array(Set(values.lazy.filter { !$0.isNaN })).sorted()
            var index: [Double: Int32] = [:]
            for (position, value) in distinct.enumerated() { index[value] = Int32(position) }
            let codes = values.map { $0.isNaN ? -1 : index[$0]! }
            return (codes, nil, distinct.map(DataColumn.label))
        case .text(let codes, let levels):
            let order = levels.indices.sorted { levels[$0] < levels[$1] }
            let sortedLevels = order.map { levels[$0] }
            if order.elementsEqual(levels.indices) { return (codes, nil, sortedLevels) }
            var recode = [Int32](repeating: 0, count: levels.count)
            for (position, old) in order.enumerated() { recode[old] = Int32(position) }
            return (codes, recode, sortedLevels)
        }
    }

    /// Codes for whole numbers in a modest range by direct indexing (ids, strata, codes), nil otherwise.
    private static func integerFactor(_ values: [Double]) -> DataFactor? {
        var low = Double.infinity, high = -Double.infinity
        for value in values where !value.isNaN {
            guard value == value.rounded() else { return nil }
            low = min(low, value)
            high = max(high, value)
        }
        guard low.isFinite, high - low < Double(max(4 * values.count, 1 << 16)) else {
            return low.isFinite ? nil : DataFactor(codes: [Int32](repeating: -1, count: values.count), levels: [])
        }
        let offset = Int(low)
        // Codes are first the values' offsets from the lowest (marking which are present); when some value in the
        // range is absent, a second pass over the codes (not the values) numbers the present ones densely.
        var present = [Bool](repeating: false, count: Int(high - low) + 1)
        var codes = [Int32](unsafeUninitializedCapacity: values.count) { codes, written in
            values.withUnsafeBufferPointer { values in
                present.withUnsafeMutableBufferPointer { present in
                    for row in 0..<values.count {
                        let value = values[row]
                        if value.isNaN {
                            codes[row] = -1
                        } else {
                            let slot = Int(value) - offset
                            codes[row] = Int32(slot)
                            present[slot] = true
                        }
                    }
                }
            }
            written = values.count
        }
        var dense = [Int32](repeating: -1, count: present.count)
        var levels: [String] = []
        for slot in present.indices where present[slot] {
            dense[slot] = Int32(levels.count)
            levels.append(String(slot + offset))
        }
        if levels.count < present.count {
            codes.withUnsafeMutableBufferPointer { codes in
                for row in 0..<codes.count where codes[row] >= 0 { codes[row] = dense[Int(codes[row])] }
            }
        }
        return DataFactor(codes: codes, levels: levels)
    }

    /// Appends ``label(_:)`` of `value` to `bytes`; NaN appends nothing (an empty cell).
    public static func appendLabel(_ value: Double, to bytes: inout [UInt8]) {
        guard !value.isNaN else { return }
        if value == value.rounded(), abs(value) < 1e15 {
            var magnitude = UInt64(abs(value))
            if value < 0 { bytes.append(0x2D) }
            var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            var count = 0
            withUnsafeMutableBytes(of: &digits) { buffer in
                repeat {
                    buffer[count] = UInt8(magnitude % 10) + 0x30
                    magnitude /= 10
                    count += 1
                } while magnitude > 0
                for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
            }
            return
        }
        bytes += value.description.utf8
    }

    /// R's `as.character` of a number: integers without a decimal point, others shortest round-trip.
    public static func label(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
