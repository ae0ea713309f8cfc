import Foundation
import SanaripStatistics

/// A study's sample design as stored with the study or given on the command line: cluster ids, strata, weights or
/// inclusion probabilities, finite population corrections and, when the weights were raked or calibrated, the
/// weighting record that lets standard errors account for it.
///
/// One value drives the design of `estimate`, `indicators table`, the workspace pages and reports.
public struct AnalysisDesign: Codable, Sendable {
    /// Cluster id columns, PSU first; empty: every row is its own PSU.
    public var ids: [String]
    public var strata: String?
    /// The weight column; nil with ``probabilities`` or for equal weights.
    public var weights: String?
    /// Inclusion probability columns per stage, instead of ``weights``.
    public var probabilities: [String]
    /// Population sizes or sampling fractions per stage.
    public var fpc: [String]
    /// PSU ids restart within strata.
    public var nest: Bool
    /// What strata with one PSU do: a ``LonelyPSUPolicy`` raw value.
    public var lonelyPSU: String
    /// How the weights were calibrated (raking to margins); the data then holds the base weights it names.
    public var calibration: WeightingRecord?

    public init(
        ids: [String] = [], strata: String? = nil, weights: String? = nil, probabilities: [String] = [], fpc: [String] = [],
        nest: Bool = false, lonelyPSU: LonelyPSUPolicy = .fail, calibration: WeightingRecord? = nil
    ) {
        self.ids = ids
        self.strata = strata
        self.weights = weights
        self.probabilities = probabilities
        self.fpc = fpc
        self.nest = nest
        self.lonelyPSU = lonelyPSU.rawValue
        self.calibration = calibration
    }

    public var specification: SurveyDesignSpecification {
        SurveyDesignSpecification(ids: ids, strata: strata, weights: weights, probabilities: probabilities, fpc: fpc, nest: nest, lonelyPSU: LonelyPSUPolicy(rawValue: lonelyPSU) ?? .fail)
    }

    /// The data columns the design reads, the weighting record's included.
    public var columns: [String] {
        var names: [String] = []
        for name in ids + [strata, weights].compactMap(\.self) + probabilities + fpc + (calibration?.columns ?? []) where !names.contains(name) {
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
        return try calibration.calibrate(design, table: table, recordPath: recordName, weightColumn: weights ?? WeightingRecord.weightColumn)
    }

    /// A stable text of the design, for cache keys.
    public var fingerprint: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}
