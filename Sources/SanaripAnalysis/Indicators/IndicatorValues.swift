import SanaripCore
import SanaripInstrument
import SanaripStatistics

/// Evaluating a study's indicators on respondent data: the one code path of `indicators compute`,
/// `indicators table`, the workspace pages and reports.
public enum IndicatorValues {
    /// Every indicator's value on every row of `table`; `progress` hears the rows done so far (every 1,000).
    ///
    /// - Throws: ``AnalysisError`` naming the file, the question without a column or the row and indicator that failed.
    public static func evaluate(
        _ set: IndicatorSet, instrument: Instrument?, table: DataTable, progress: (Int) -> Void = { _ in }
    ) throws(AnalysisError) -> [[IndicatorEvaluator.Value]] {
        let file = table.origin.file
        let evaluator: IndicatorEvaluator
        do {
            evaluator = try IndicatorEvaluator(set, header: table.columnNames, instrument: instrument)
        } catch {
            throw AnalysisError("\(file): \(error)")
        }
        var result: [[IndicatorEvaluator.Value]] = []
        result.reserveCapacity(table.rowCount)
        for record in 0..<table.rowCount {
            do {
                result.append(try evaluator.values(table.texts(record), row: table.origin.row(record)))
            } catch {
                throw AnalysisError("\(file), \(error)")
            }
            if record % 1000 == 0 { progress(record) }
        }
        return result
    }
}
