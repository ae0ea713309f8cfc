import Foundation

/// A sampling frame: the list of units (municipalities, villages, enumeration areas, households) as a table.
///
/// Cells are kept as text so that every frame column can be written back next to the selection results;
/// the size measure is parsed when it is used. `rowNumbers` are the rows of the source file (for messages).
public struct SamplingFrame: Sendable, Hashable {
    public var header: [String]
    public var rows: [[String]]
    public var rowNumbers: [Int]

    /// - Parameters:
    ///   - rowNumbers: the source row of each unit; defaults to 2, 3, … (a file with a header row).
    public init(header: [String], rows: [[String]], rowNumbers: [Int]? = nil) {
        self.header = header
        self.rows = rows.map { $0.count < header.count ? $0 + Array(repeating: "", count: header.count - $0.count) : $0 }
        self.rowNumbers = rowNumbers ?? rows.indices.map { $0 + 2 }
    }

    /// The index of a column, by exact name (then case-insensitive).
    public func column(_ name: String) -> Int? {
        header.firstIndex(of: name) ?? header.firstIndex { $0.lowercased() == name.lowercased() }
    }

    /// The units (indices into `rows`) of each stratum, strata in order of first appearance; one stratum ""
    /// holding every unit when `column` is nil.
    public func unitsByStratum(column: Int?) -> [(stratum: String, units: [Int])] {
        var order: [String] = []
        var members: [String: [Int]] = [:]
        for (k, row) in rows.enumerated() {
            let stratum = column.map { row[$0] } ?? ""
            if members[stratum] == nil { order.append(stratum) }
            members[stratum, default: []].append(k)
        }
        return order.map { ($0, members[$0]!) }
    }

    /// A frame problem, located by source row and column, with what to do.
    public enum Problem: Sendable, Hashable, CustomStringConvertible {
        case unknownColumn(String, available: [String])
        case duplicateID(id: String, rows: [Int], column: String)
        case missingSize(row: Int, column: String)
        case invalidSize(row: Int, column: String, value: String)
        case nonPositiveSize(row: Int, column: String, value: Double)
        case stratumTooSmall(stratum: String, units: Int, allocated: Int)
        case stratumNotInFrame(stratum: String)

        public var description: String {
            switch self {
            case let .unknownColumn(name, available):
                return "column '\(name)' is not in the frame (columns: \(available.joined(separator: ", ")))"
            case let .duplicateID(id, rows, column):
                return "rows \(rows.map(String.init).joined(separator: ", ")), column \(column): id '\(id)' appears more than once; ids must be unique"
            case let .missingSize(row, column):
                return "row \(row), column \(column): size is empty; fill it in or remove the unit"
            case let .invalidSize(row, column, value):
                return "row \(row), column \(column): size '\(value)' is not a number"
            case let .nonPositiveSize(row, column, value):
                return "row \(row), column \(column): size \(value) is not positive; a unit of size 0 can never be selected"
            case let .stratumTooSmall(stratum, units, allocated):
                return "stratum '\(stratum)' has \(units) unit\(units == 1 ? "" : "s") with a positive size but \(allocated) are allocated; lower its allocation or take it whole"
            case let .stratumNotInFrame(stratum):
                return "the allocation names stratum '\(stratum)', which has no unit in the frame"
            }
        }
    }

    /// Checks ids, sizes and stratum allocations; an empty result means the frame can be sampled.
    ///
    /// - Parameters:
    ///   - allocation: units to select per stratum (key "" when there are no strata).
    ///   - reserve: reserve units wanted per stratum, counted with the allocation.
    public func problems(idColumn: String? = nil, sizeColumn: String? = nil, strataColumn: String? = nil, allocation: [String: Int] = [:], reserve: Int = 0) -> [Problem] {
        var problems: [Problem] = []
        var columns: [String: Int] = [:]
        for name in [idColumn, sizeColumn, strataColumn].compactMap({ $0 }) {
            if let index = column(name) { columns[name] = index } else { problems.append(.unknownColumn(name, available: header)) }
        }
        guard problems.isEmpty else { return problems }
        if let idColumn, let c = columns[idColumn] {
            var seen: [String: [Int]] = [:]
            var order: [String] = []
            for (k, row) in rows.enumerated() {
                if seen[row[c]] == nil { order.append(row[c]) }
                seen[row[c], default: []].append(rowNumbers[k])
            }
            for id in order where seen[id]!.count > 1 { problems.append(.duplicateID(id: id, rows: seen[id]!, column: header[c])) }
        }
        var positive: [String: Int] = [:]
        for (k, row) in rows.enumerated() {
            let stratum = strataColumn.flatMap { columns[$0] }.map { row[$0] } ?? ""
            guard let sizeColumn, let c = columns[sizeColumn] else { positive[stratum, default: 0] += 1; continue }
            let text = row[c].trimmingCharacters(in: .whitespaces)
            if text.isEmpty {
                problems.append(.missingSize(row: rowNumbers[k], column: header[c]))
            } else if let value = Double(text), value.isFinite {
                if value > 0 { positive[stratum, default: 0] += 1 } else { problems.append(.nonPositiveSize(row: rowNumbers[k], column: header[c], value: value)) }
            } else {
                problems.append(.invalidSize(row: rowNumbers[k], column: header[c], value: text))
            }
        }
        for (stratum, n) in allocation.sorted(by: { $0.key < $1.key }) {
            guard let units = positive[stratum] else { problems.append(.stratumNotInFrame(stratum: stratum)); continue }
            if units < n + (n > 0 ? reserve : 0) { problems.append(.stratumTooSmall(stratum: stratum, units: units, allocated: n + reserve)) }
        }
        return problems
    }
}
