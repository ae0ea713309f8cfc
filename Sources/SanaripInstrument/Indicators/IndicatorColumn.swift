import SanaripCore

/// One data column as the indicators read it: each row's code into the column's distinct texts, −1 when the cell
/// is empty (an unanswered or skipped question).
///
/// Holding each distinct text once lets an ``IndicatorProgram`` evaluate a condition on one question once per
/// distinct answer instead of once per respondent.
public struct IndicatorColumn: Sendable {
    /// Per row, the index of its text in ``levels``, or −1 for an empty cell.
    public let codes: [Int32]
    /// The distinct texts.
    public let levels: [String]

    public init(codes: [Int32], levels: [String]) {
        self.codes = codes
        self.levels = levels
    }

    /// A column from one text per row; `""` is an empty cell.
    public init(_ texts: [String]) {
        var lookup: [String: Int32] = [:]
        var levels: [String] = []
        codes = texts.map { text in
            guard !text.isEmpty else { return -1 }
            if let code = lookup[text] { return code }
            let code = Int32(levels.count)
            lookup[text] = code
            levels.append(text)
            return code
        }
        self.levels = levels
    }

    /// The answer in row `row` as the expression engine reads it.
    func answer(_ row: Int) -> AnswerValue {
        answer(code: codes[row])
    }

    /// The answer with code `code`: empty for −1 or an empty text.
    func answer(code: Int32) -> AnswerValue {
        guard code >= 0 else { return .empty }
        let text = levels[Int(code)]
        return text.isEmpty ? .empty : .text(text)
    }
}
