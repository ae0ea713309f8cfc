import SanaripStatistics

extension DataTable {
    /// The column `name`, or an error naming the option that asked for it and the columns there are.
    public func column(_ name: String, option: String) throws(AnalysisError) -> DataColumn {
        do {
            return try column(name)
        } catch {
            throw AnalysisError("\(origin.file): no column '\(name)' (given by \(option)); columns are: \(columnNames.joined(separator: ", "))")
        }
    }

    /// The numbers of column `name`; an empty cell, text, or a number `accept` refuses fails naming file, row and column.
    public func requiredNumbers(_ name: String, option: String, requirement: String = "a number", accept: (Double) -> Bool = { $0.isFinite }) throws(AnalysisError) -> [Double] {
        let column = try column(name, option: option)
        let values: [Double]
        do {
            values = try column.numbers(origin: origin)
        } catch {
            guard case .notNumeric(_, let row, _, let value) = error else { throw AnalysisError("\(error)") }
            throw AnalysisError("\(origin.file), row \(row), column \(name): is '\(value)'; it must be \(requirement)")
        }
        for (record, value) in values.enumerated() where value.isNaN || !accept(value) {
            let shown = value.isNaN ? "is empty" : "is '\(DataColumn.label(value))'"
            throw AnalysisError("\(origin.file), row \(origin.row(record)), column \(name): \(shown); it must be \(requirement)")
        }
        return values
    }

    /// Column `name` as yes/no answers: 1/0, yes/no, y/n or true/false in any case; anything else fails naming the row.
    public func flags(_ name: String, option: String) throws(AnalysisError) -> [Bool] {
        let column = try column(name, option: option)
        switch column.storage {
        case .numeric(let values):
            var flags = [Bool](repeating: false, count: values.count)
            for (record, value) in values.enumerated() {
                guard value == 1 || value == 0 else { throw badFlag(name, record, value.isNaN ? "" : DataColumn.label(value)) }
                flags[record] = value == 1
            }
            return flags
        case .text(let codes, let levels):
            let meaning: [Bool?] = levels.map { level in
                switch level.trimmingCharacters(in: .whitespaces).lowercased() {
                case "1", "yes", "true", "y": true
                case "0", "no", "false", "n": false
                default: nil
                }
            }
            var flags = [Bool](repeating: false, count: codes.count)
            for (record, code) in codes.enumerated() {
                guard code >= 0, let flag = meaning[Int(code)] else { throw badFlag(name, record, code < 0 ? "" : levels[Int(code)]) }
                flags[record] = flag
            }
            return flags
        }
    }

    private func badFlag(_ name: String, _ record: Int, _ text: String) -> AnalysisError {
        AnalysisError("\(origin.file), row \(origin.row(record)), column \(name): is '\(text.trimmingCharacters(in: .whitespaces))'; it must be 1/0, yes/no or true/false")
    }

    /// Column `name` as a categorical variable for weighting: each distinct value (blanks trimmed; numbers as R prints
    /// them; an empty cell as the empty level) in order of first appearance.
    public func weightingVariable(_ name: String, option: String) throws(AnalysisError) -> WeightingVariable {
        let column = try column(name, option: option)
        switch column.storage {
        case .numeric(let values):
            var levels: [String] = []
            var index: [Double: Int32] = [:]
            var codes = [Int32](repeating: 0, count: values.count)
            var missing: Int32 = -1
            for (record, value) in values.enumerated() {
                if value.isNaN {
                    if missing < 0 {
                        missing = Int32(levels.count)
                        levels.append("")
                    }
                    codes[record] = missing
                } else if let code = index[value] {
                    codes[record] = code
                } else {
                    let code = Int32(levels.count)
                    index[value] = code
                    levels.append(DataColumn.label(value))
                    codes[record] = code
                }
            }
            return WeightingVariable(name: name, levels: levels, codes: codes)
        case .text(let codes, let levels):
            // Levels that differ only in surrounding blanks are one level; an empty cell is the empty level.
            var merged: [String] = []
            var position: [String: Int32] = [:]
            func code(_ text: String) -> Int32 {
                if let code = position[text] { return code }
                let code = Int32(merged.count)
                position[text] = code
                merged.append(text)
                return code
            }
            let recode = levels.map { code($0.trimmingCharacters(in: .whitespaces)) }
            var missing: Int32 = -1
            let result = codes.map { value -> Int32 in
                if value >= 0 { return recode[Int(value)] }
                if missing < 0 { missing = code("") }
                return missing
            }
            // Levels in order of first appearance in the records.
            var order: [Int32] = Array(repeating: -1, count: merged.count)
            var ordered: [String] = []
            let codes = result.map { value -> Int32 in
                if order[Int(value)] < 0 {
                    order[Int(value)] = Int32(ordered.count)
                    ordered.append(merged[Int(value)])
                }
                return order[Int(value)]
            }
            return WeightingVariable(name: name, levels: ordered, codes: codes)
        }
    }

    /// Row `record`'s cells as text (missing as empty), in column order.
    public func texts(_ record: Int) -> [String] {
        columns.map { $0.string(at: record) ?? "" }
    }
}
