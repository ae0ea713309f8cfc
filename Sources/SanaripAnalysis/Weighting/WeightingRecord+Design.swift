import SanaripStatistics

extension WeightingRecord {
    /// Reads the record at `path` for a calibration-aware design; records from before version 2 cannot be re-run.
    public static func forDesign(_ path: String) throws -> WeightingRecord {
        let record = try read(path)
        guard let version = record.version, version >= 2 else {
            throw AnalysisError("\(path) was written by an older sanarip weight that did not record the base weights; run sanarip weight again")
        }
        return record
    }

    /// `design` with the calibration this record describes, so that standard errors account for it as R's
    /// `rake`/`calibrate`/`postStratify` designs do. `table` (holding ``columns``) is weighted again from its base
    /// weights, which must give the design's weights (column `weightColumn`) — the data `sanarip weight` wrote, unchanged.
    public func calibrate(_ design: SurveyDesign, table: DataTable, recordPath: String, weightColumn: String) throws -> SurveyDesign {
        let result: WeightingResult
        do {
            result = try weigh(table) { _ in }
        } catch let error as AnalysisError {
            throw AnalysisError("--calibration \(recordPath): \(error)")
        } catch let error as WeightingError {
            throw AnalysisError("--calibration \(recordPath): weighting \(table.origin.file) again failed: \(error)")
        }
        for (record, weight) in design.weights.enumerated() where abs(weight - result.weights[record]) > 1e-9 * max(abs(result.weights[record]), 1e-300) {
            throw AnalysisError(
                "\(table.origin.file), row \(table.origin.row(record)), column \(weightColumn): weight \(weight), but weighting the base weights as \(recordPath) records gives \(result.weights[record]); estimate from the data sanarip weight wrote, unchanged")
        }
        return design.calibrated(by: result)
    }
}
