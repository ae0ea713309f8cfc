import Foundation
import SanaripAnalysis
import SanaripCore
import SanaripInstrument
import SanaripReports
import SanaripStatistics
import SanaripStorage

/// A study's results from its stored dataset and design: the one entry point of the workspace pages, the reports
/// of the web app and of `sanarip report`.
///
/// Results are cached per key over the data's version (settings revision, submissions and their review states,
/// weights), the design and the indicator definitions; each key is computed once, off the event loops, one
/// computation at a time.
public struct StudyAnalysisService: Sendable {
    let stores: Stores
    let dataDirectory: URL
    /// Where each study's instrument folder (`<study id>/`, with `indicators.csv`) lives.
    let instrumentsDirectory: URL?
    let cache: ResultsCache<StudyResults>

    public init(stores: Stores, dataDirectory: URL, instrumentsDirectory: URL?, cache: ResultsCache<StudyResults> = ResultsCache(capacity: 8, concurrency: 1)) {
        self.stores = stores
        self.dataDirectory = dataDirectory
        self.instrumentsDirectory = instrumentsDirectory
        self.cache = cache
    }

    /// What a page needs: the settings (synthetic or not) and the results.
    public struct Outcome: Sendable {
        public var analysis: StudyAnalysis
        public var results: StudyResults
        /// The cache key the results were computed under.
        public var key: String
    }

    /// The instrument folder of `studyID`.
    func folder(studyID: String) throws -> URL {
        guard let instrumentsDirectory else { throw AnalysisError("no instruments folder is configured; start the server from the repository root or give --instruments") }
        let folder = instrumentsDirectory.appendingPathComponent(studyID)
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("indicators.csv").path) else {
            throw AnalysisError("\(folder.path)/indicators.csv: no indicator file for study \(studyID)")
        }
        return folder
    }

    /// A file of the official data shipped beside the instruments (`data/official/` of the repository).
    func officialFile(_ name: String) throws -> URL {
        try dataFile("official/" + name)
    }

    /// A file of the data shipped beside the instruments (`data/` of the repository).
    func dataFile(_ path: String) throws -> URL {
        guard let instrumentsDirectory else { throw AnalysisError("no instruments folder is configured, so no data/\(path) beside it") }
        return instrumentsDirectory.deletingLastPathComponent().appendingPathComponent("data/" + path)
    }

    /// The official figures (`data/official/sdg-kyrgyzstan.csv`).
    public func officialFigures() throws -> OfficialFigures {
        try OfficialFigures(contentsOf: try officialFile("sdg-kyrgyzstan.csv"))
    }

    /// The oblast boundaries for maps (`data/official/oblasts.geojson`).
    public func oblastBoundaries() throws -> OblastBoundaries {
        try OblastBoundaries(contentsOf: try officialFile("oblasts.geojson"))
    }

    /// The district outlines for maps by district (`data/geo/districts.geojson`, beside `data/official`).
    public func districtBoundaries() throws -> DistrictBoundaries {
        try DistrictBoundaries(contentsOf: try dataFile("geo/districts.geojson"))
    }

    /// The study's indicators and the instrument they read, checked against each other.
    public func definitions(studyID: String) throws -> (IndicatorSet, Instrument) {
        let folder = try folder(studyID: studyID)
        let result = XLSFormReader().read(contentsOf: folder)
        guard !result.hasErrors else {
            throw AnalysisError("\(folder.path): the instrument has errors; run 'sanarip form check \(folder.path)'")
        }
        do {
            let set = try IndicatorFileReader(instrument: result.instrument).read(contentsOf: folder.appendingPathComponent("indicators.csv"))
            return (set, result.instrument)
        } catch {
            throw AnalysisError("\(folder.path)/indicators.csv: \(error.diagnostics.map(\.description).joined(separator: "; "))")
        }
    }

    /// The stored design of the study's settings.
    public static func design(of analysis: StudyAnalysis) throws -> AnalysisDesign {
        do {
            return try JSONDecoder().decode(AnalysisDesign.self, from: analysis.design)
        } catch {
            throw AnalysisError("study \(analysis.studyID): its stored design cannot be read (\(error)); save the design page again")
        }
    }

    /// The study's settings, or a clear error saying how to create them.
    public func settings(studyID: String) async throws -> StudyAnalysis {
        guard let analysis = try await stores.analysis.analysis(studyID: studyID) else {
            throw AnalysisError("study \(studyID) has no analysis dataset yet: choose its form or import a CSV/XLSX export on its design page (or run 'sanarip demo')")
        }
        return analysis
    }

    /// The study's dataset as a table, read from the store now.
    public func dataset(studyID: String) async throws -> DataTable {
        try await StudyDataset.load(try await settings(studyID: studyID), stores: stores, temporaryDirectory: dataDirectory.appendingPathComponent("tmp"))
    }

    /// The study report in `language` (ky, ru, en), from the study's results now, with the official figures and
    /// the oblast map when they are shipped: what `sanarip report` and the web app's report downloads write.
    public func report(studyID: String, language: String) async throws -> (report: StudyReport, outcome: Outcome) {
        let outcome = try await results(studyID: studyID)
        let report = StudyReport(results: outcome.results, language: language, synthetic: outcome.analysis.synthetic,
                                 source: outcome.analysis.formID ?? outcome.analysis.importName ?? studyID,
                                 official: try? officialFigures(), boundaries: try? oblastBoundaries())
        return (report, outcome)
    }

    /// The study's results for `request`: cached when nothing changed, else computed from the stored data.
    public func results(studyID: String, request: ResultsRequest = StudyAnalysisService.workspaceRequest) async throws -> Outcome {
        let analysis = try await settings(studyID: studyID)
        let version = try await stores.analysis.dataVersion(studyID: studyID) ?? ""
        let folder = try folder(studyID: studyID)
        var definitionBytes: [UInt8] = []
        for name in ["indicators.csv", "survey.csv", "choices.csv"] {
            definitionBytes += (try? Data(contentsOf: folder.appendingPathComponent(name))).map(Array.init) ?? []
        }
        let design = try Self.design(of: analysis)
        let key = [studyID, version, contentDigest(design.fingerprint.utf8), contentDigest(definitionBytes), contentDigest(request.fingerprint.utf8)].joined(separator: ":")
        let stores = self.stores
        let temporary = dataDirectory.appendingPathComponent("tmp")
        let service = self
        let results = try await cache.value(for: key) {
            let start = ContinuousClock.now
            let table = try await StudyDataset.load(analysis, stores: stores, temporaryDirectory: temporary)
            var timings = [StudyResults.Timing(step: "data", since: start)]
            let (set, instrument) = try StudyResults.Timing.measure("definitions", into: &timings) { try service.definitions(studyID: studyID) }
            var results = try StudyResults.compute(table: table, set: set, instrument: instrument, design: design, request: request, designName: "the study's weighting")
            results.timings = timings + results.timings
            return results
        }
        return Outcome(analysis: analysis, results: results, key: key)
    }

    /// What the workspace shows: the standard breakdowns, with oblast crosses; rural−urban, women−men and
    /// youth−adults gaps overall and per oblast (the gap page and the report show no others); barriers, needs and
    /// e-service reasons ranked per target group.
    public static let workspaceRequest = ResultsRequest(
        breakdowns: [[], ["oblast"], ["settlement_type"], ["sex"], ["age_group"], [StudyResults.ageBand], ["settlement_type", "sex"],
                     ["oblast", "settlement_type"], ["oblast", "sex"], ["oblast", StudyResults.ageBand],
                     ["settlement_type", "sex", StudyResults.ageBand]],
        gaps: ResultsRequest.standardGaps + [ResultsTable.Gap(column: StudyResults.ageBand, a: "youth", b: "adult")],
        gapWithin: [[], ["oblast"]],
        rankGroups: ["barrier", "nonuse_reason", "learning_barrier", "egov_barrier", "need"],
        rankWithin: [["settlement_type", "sex"], ["settlement_type", StudyResults.ageBand]])
}
