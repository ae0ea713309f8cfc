import Foundation
import SanaripStatistics

/// A study's sample design as stored with the study or given on the command line: the design columns
/// (``SurveyDesignSpecification``: cluster ids, strata, weights or inclusion probabilities, fpc, nesting, lonely
/// PSUs) and, when the weights were raked or calibrated, the weighting record that lets standard errors account for it.
///
/// One value drives the design of `estimate`, `indicators table`, the workspace pages and reports.
public struct AnalysisDesign: Sendable {
    /// The design columns, as R's `svydesign` takes them.
    public var specification: SurveyDesignSpecification
    /// How the weights were calibrated (raking to margins); the data then holds the base weights it names.
    public var calibration: WeightingRecord?

    public init(_ specification: SurveyDesignSpecification = SurveyDesignSpecification(), calibration: WeightingRecord? = nil) {
        self.specification = specification
        self.calibration = calibration
    }

    /// The data columns the design reads, the weighting record's included.
    public var columns: [String] {
        let design = specification
        var names: [String] = []
        for name in design.ids + [design.strata, design.weights].compactMap(\.self) + design.probabilities + design.fpc + (calibration?.columns ?? [])
        where !names.contains(name) {
            names.append(name)
        }
        return names
    }

    /// The linearisation design of `table`. With a calibration record the base weights are weighted again as it
    /// says, which must reproduce the weight column, and the design takes that calibration; `recordName` names
    /// the record in messages (a file, or "the study's weighting").
    public func surveyDesign(_ table: DataTable, recordName: String = "the weighting record") throws -> SurveyDesign {
        let design = try SurveyDesign(table, specification)
        guard let calibration else { return design }
        return try calibration.calibrate(design, table: table, recordPath: recordName, weightColumn: specification.weights ?? WeightingRecord.weightColumn)
    }

    /// A stable text of the design, for cache keys.
    public var fingerprint: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}
