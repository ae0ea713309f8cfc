import SanaripCore
import SanaripInstrument
import SanaripStatistics

/// Evaluating a study's indicators on respondent data: the one code path of `indicators compute`,
/// `indicators table`, the workspace pages and reports.
public enum IndicatorValues {
    /// Every indicator's value on every row of `table`, the rows shared out over the cores; `progress` hears the
    /// rows done so far (about every 1,000).
    ///
    /// - Throws: ``AnalysisError`` naming the file, the question without a column or the first row (in row order)
    ///   and indicator that failed.
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
        let program = evaluator.program { IndicatorColumn(table.columns[$0]) }
        let chunks = Parallel.chunks(table.rowCount, piecesPerCore: 8)
        var result: [[IndicatorEvaluator.Value]] = []
        result.reserveCapacity(table.rowCount)
        // A batch of chunks at a time, so progress is heard between batches.
        var next = 0
        while next < chunks.count {
            let batch = Array(chunks[next..<min(chunks.count, next + Parallel.width)])
            let parts = try Parallel.map(batch.count) { (index: Int) throws(AnalysisError) -> [[IndicatorEvaluator.Value]] in
                var values: [[IndicatorEvaluator.Value]] = []
                values.reserveCapacity(batch[index].count)
                for record in batch[index] {
                    do {
                        values.append(try program.values(at: record, row: table.origin.row(record)))
                    } catch {
                        throw AnalysisError("\(file), \(error)")
                    }
                }
                return values
            }
            for part in parts { result += part }
            next += batch.count
            progress(result.count)
        }
        return result
    }
}
