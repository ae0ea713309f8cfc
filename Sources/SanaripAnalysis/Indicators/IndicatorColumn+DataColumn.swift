import SanaripInstrument
import SanaripStatistics

extension IndicatorColumn {
    /// The column as the indicators read it: text as it is coded, numbers by their distinct values, each written
    /// as ``DataColumn/string(at:)`` writes it.
    init(_ column: DataColumn) {
        switch column.storage {
        case .text(let codes, let levels):
            self.init(codes: codes, levels: levels)
        case .numeric(let numbers):
            var lookup: [Double: Int32] = [:]
            var levels: [String] = []
            let codes = numbers.map { number -> Int32 in
                guard !number.isNaN else { return -1 }
                if let code = lookup[number] { return code }
                let code = Int32(levels.count)
                lookup[number] = code
                levels.append(DataColumn.label(number))
                return code
            }
            self.init(codes: codes, levels: levels)
        }
    }
}
