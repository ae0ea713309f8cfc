/// A checked SPSS dictionary and its layout in the system file: each variable's short names, its segments
/// (one, or several for a string over 255 bytes) and its position in 8-byte units.
struct SPSSDictionary: Sendable {
    struct Entry: Sendable {
        var variable: SPSSVariable
        /// One short name per segment.
        var shortNames: [String]
        /// The width of each segment (0 for a numeric variable).
        var segmentWidths: [Int]
        /// 1-based position of the first 8-byte unit, as value-label records count.
        var position: Int
    }

    static let maximumStringWidth = 32_767

    let entries: [Entry]
    /// 8-byte units per case.
    let caseUnits: Int

    /// Checks every variable and lays them out; the first problem found is thrown.
    init(variables: [SPSSVariable]) throws(SPSSError) {
        guard !variables.isEmpty else { throw SPSSError("the dictionary has no variables; give at least one") }
        var seen: [String: Int] = [:]
        for (index, variable) in variables.enumerated() {
            if let problem = SPSSName.problem(with: variable.name) {
                throw SPSSError(variable: index + 1, "invalid name: \(problem)")
            }
            let key = variable.name.uppercased()
            if let first = seen[key] {
                throw SPSSError(variable: index + 1, "the name \"\(variable.name)\" is already used by variable \(first) (\"\(variables[first - 1].name)\"); SPSS names are unique regardless of case, so rename one of them")
            }
            seen[key] = index + 1
            try Self.check(variable, at: index + 1)
        }
        // Names that fit in 8 bytes keep themselves as short names; the others derive one afterwards,
        // so a derived short name never takes another variable's own name.
        var shortNames = SPSSName.ShortNames()
        var firstShort = variables.map { shortNames.claimExact($0.name) }
        for index in variables.indices where firstShort[index] == nil {
            firstShort[index] = shortNames.derive(from: variables[index].name)
        }
        var entries: [Entry] = []
        var position = 1
        for (index, variable) in variables.enumerated() {
            let widths = Self.segmentWidths(of: variable)
            var names = [firstShort[index] ?? ""]
            for _ in widths.dropFirst() {
                names.append(shortNames.derive(from: String((firstShort[index] ?? "V").prefix(5))))
            }
            entries.append(Entry(variable: variable, shortNames: names, segmentWidths: widths, position: position))
            position += widths.reduce(0) { $0 + Self.units(ofWidth: $1) }
        }
        self.entries = entries
        caseUnits = position - 1
    }

    /// 8-byte units a segment of `width` takes (a number takes one).
    static func units(ofWidth width: Int) -> Int {
        width == 0 ? 1 : (width + 7) / 8
    }

    /// Segment widths: a string over 255 bytes becomes ⌈w/252⌉ segments of 255 bytes, the last w − (n−1)·252.
    static func segmentWidths(of variable: SPSSVariable) -> [Int] {
        let width = variable.width
        guard width > 255 else { return [width] }
        let count = (width + 251) / 252
        return (0..<count).map { $0 < count - 1 ? 255 : width - (count - 1) * 252 }
    }

    private static func check(_ variable: SPSSVariable, at index: Int) throws(SPSSError) {
        let name = variable.name
        switch variable.kind {
        case .numeric:
            if let problem = variable.format.problemForNumbers {
                throw SPSSError(variable: index, "\(name): \(problem)")
            }
        case .string(let width):
            guard (1...maximumStringWidth).contains(width) else {
                throw SPSSError(variable: index, "\(name): string width \(width) is out of range; use 1 to \(maximumStringWidth) bytes")
            }
        }
        for label in variable.valueLabels {
            if let problem = problem(of: label.value, in: variable, stringLimit: variable.width) {
                throw SPSSError(variable: index, "\(name): the value label \"\(label.label)\" is for \(label.value), \(problem)")
            }
        }
        switch variable.missingValues {
        case .none:
            break
        case .values(let values):
            guard values.count <= 3 else {
                throw SPSSError(variable: index, "\(name): \(values.count) missing values given; SPSS keeps at most three (or a range and one value)")
            }
            if variable.width > 8, values.count > 1 {
                throw SPSSError(variable: index, "\(name): \(values.count) missing values given for a string wider than 8 bytes; give one (PSPP 1.x and SPSS read the record for such strings differently when it holds more)")
            }
            for value in values {
                if let problem = problem(of: value, in: variable, stringLimit: min(8, variable.width)) {
                    throw SPSSError(variable: index, "\(name): the missing value \(value) \(problem)")
                }
            }
        case .range(let low, let high, let plus):
            guard variable.kind == .numeric else {
                throw SPSSError(variable: index, "\(name): a range of missing values needs a numeric variable; list string values instead")
            }
            guard low.isFinite, high.isFinite, low <= high, plus?.isFinite ?? true else {
                throw SPSSError(variable: index, "\(name): the missing range \(low)…\(high) must be finite with low ≤ high")
            }
        }
    }

    /// Why `value` does not fit `variable`, or nil.
    private static func problem(of value: SPSSValue, in variable: SPSSVariable, stringLimit: Int) -> String? {
        switch (variable.kind, value) {
        case (.numeric, .number(let number)):
            return number.isFinite ? nil : "which is not a finite number"
        case (.numeric, _):
            return "but the variable is numeric; give a number"
        case (.string, .string(let text)):
            let bytes = text.utf8.count
            return bytes <= stringLimit ? nil : "which is \(bytes) bytes long; at most \(stringLimit) bytes fit here"
        case (.string, _):
            return "but the variable is a string; give a string"
        }
    }
}
