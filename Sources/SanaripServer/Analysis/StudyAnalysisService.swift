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
    /// Design checks, per data version and design.
    let checks = ResultsCache<DesignCheck>(capacity: 8, concurrency: 1)
    /// Response rates, per data version and plan.
    let rates = ResultsCache<ResponseRates>(capacity: 8, concurrency: 1)
    /// The study's data with its indicators evaluated, per data and definitions version: every request on the same
    /// data (the workspace's, the catalogue's supply by district, monitoring by round) tabulates from one evaluation.
    let prepared = ResultsCache<PreparedData>(capacity: 4, concurrency: 1)
    /// The study's dataset as read from the store, per data version: the design check and the indicator evaluation
    /// read it once.
    let tables = ResultsCache<DataTable>(capacity: 2, concurrency: 1)

    /// A dataset read from the store and its indicator values.
    struct PreparedData: Sendable {
        let table: DataTable
        let set: IndicatorSet
        let instrument: Instrument?
        let values: [[IndicatorEvaluator.Value]]
        let timings: [StudyResults.Timing]
    }

    public init(stores: Stores, dataDirectory: URL, instrumentsDirectory: URL?, cache: ResultsCache<StudyResults> = ResultsCache(capacity: 8, concurrency: 1)) {
        self.stores = stores
        self.dataDirectory = dataDirectory
        self.instrumentsDirectory = instrumentsDirectory
        self.cache = cache
    }

    /// The design page's check of the stored design on the study's dataset.
    public struct DesignCheck: Sendable {
        public var respondents: Int
        public var problems: [AnalysisDesign.Problem]
    }

    /// The check of the study's design on its dataset, cached per data version and design (the design page reads
    /// the dataset only when either changed).
    public func designCheck(studyID: String) async throws -> DesignCheck {
        let analysis = try await settings(studyID: studyID)
        let version = try await stores.analysis.dataVersion(studyID: studyID) ?? ""
        let design = try Self.design(of: analysis)
        let service = self
        return try await checks.value(for: [studyID, version, contentDigest(design.fingerprint.utf8)].joined(separator: ":")) {
            let table = try await service.table(analysis, version: version)
            return DesignCheck(respondents: table.rowCount, problems: design.check(table))
        }
    }

    /// The study's dataset at data version `version`, read from the store once per version.
    func table(_ analysis: StudyAnalysis, version: String) async throws -> DataTable {
        let stores = self.stores
        let temporary = dataDirectory.appendingPathComponent("tmp")
        return try await tables.value(for: [analysis.studyID, version].joined(separator: ":")) {
            try await StudyDataset.load(analysis, stores: stores, temporaryDirectory: temporary)
        }
    }

    /// Makes the file `name` (a CSV or XLSX export, one row per respondent; its bytes `data`) the study's analysis
    /// dataset with `design`: read as the workspace reads it, the design checked, stored. `sanarip dataset` and
    /// the design page's upload both come here.
    ///
    /// - Throws: ``AnalysisError`` naming the file, row and column of data that cannot be read; nothing is stored then.
    public func importDataset(_ data: Data, name: String, design: AnalysisDesign, studyID: String, by user: String) async throws
        -> (settings: StudyAnalysis, respondents: Int, problems: [AnalysisDesign.Problem])
    {
        let table = try StudyDataset.read(data, name: name, temporaryDirectory: dataDirectory.appendingPathComponent("tmp"))
        let problems = design.check(table)
        let settings = StudyAnalysis(studyID: studyID, source: .import, importName: URL(fileURLWithPath: name).lastPathComponent, importData: data,
                                     design: try JSONEncoder().encode(design))
        return (try await stores.analysis.save(settings, by: user), table.rowCount, problems)
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
        var report = StudyReport(results: outcome.results, language: language, synthetic: outcome.analysis.synthetic,
                                 source: outcome.analysis.formID ?? outcome.analysis.importName ?? studyID,
                                 official: try? await officialFigures(studyID: studyID), boundaries: try? oblastBoundaries())
        report.responseRates = try await responseRates(studyID: studyID)
        report.supplements += try await CatalogueReportSections(analysis: self).sections(studyID: studyID, results: outcome.results, language: language)
        return (report, outcome)
    }

    /// The response rates of the study's fieldwork: its sampling plan's units against its form's stored
    /// submissions, counted as the fieldwork dashboard counts them, cached per data version and plan; nil when the
    /// dataset is an imported file or the study has no plan.
    public func responseRates(studyID: String) async throws -> ResponseRates? {
        let analysis = try await settings(studyID: studyID)
        guard analysis.source == .submissions, let formID = analysis.formID, let planID = analysis.planID,
              let plan = try await stores.samplingPlans.plan(id: planID),
              let form = try await stores.forms.versions(formID: formID).first
        else { return nil }
        let version = try await stores.analysis.dataVersion(studyID: studyID) ?? ""
        let stores = self.stores
        return try await rates.value(for: [studyID, version, String(planID), form.instrumentID].joined(separator: ":")) {
            let instrument = try await InstrumentCache(instruments: stores.instruments).instrument(id: form.instrumentID)
            let progress = try await FieldworkController.progress(
                stores: stores, formID: formID, fields: FieldworkFields(instrument: instrument), plan: plan,
                units: try await stores.samplingPlans.units(planID: planID))
            return ResponseRates(
                units: progress.units.map { unit in
                    ResponseRates.Unit(oblast: unit.oblast, settlement: unit.unit.columns["urban_rural"] ?? "", target: unit.target, interviews: unit.completed,
                                       sampled: unit.status != .reserve)
                },
                refusals: progress.refusals.count, outsidePlan: progress.outsidePlan.count)
        }
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
        let service = self
        let dataKey = [studyID, version, contentDigest(definitionBytes)].joined(separator: ":")
        let prepared = self.prepared
        let results = try await cache.value(for: key) {
            let data = try await prepared.value(for: dataKey) {
                let start = ContinuousClock.now
                let table = try await service.table(analysis, version: version)
                var timings = [StudyResults.Timing(step: "data", since: start)]
                let (set, instrument) = try StudyResults.Timing.measure("definitions", into: &timings) { try service.definitions(studyID: studyID) }
                let values = try StudyResults.Timing.measure("indicators", into: &timings) { try IndicatorValues.evaluate(set, instrument: instrument, table: table) }
                return PreparedData(table: table, set: set, instrument: instrument, values: values, timings: timings)
            }
            var results = try StudyResults.compute(table: data.table, set: data.set, instrument: data.instrument, design: design, request: request,
                                                   designName: "the study's weighting", values: data.values)
            results.timings = data.timings + results.timings
            return results
        }
        return Outcome(analysis: analysis, results: results, key: key)
    }

    /// What the workspace shows: the standard breakdowns, with oblast crosses; rural−urban, women−men and
    /// youth−adults gaps overall and per oblast (the gap page and the report show no others); barriers, needs and
    /// e-service reasons ranked per target group; the driver models of skills, hygiene, e-services and internet use.
    public static let workspaceRequest = ResultsRequest(
        breakdowns: [[], ["oblast"], ["settlement_type"], ["sex"], ["age_group"], [StudyResults.ageBand], ["settlement_type", "sex"],
                     ["oblast", "settlement_type"], ["oblast", "sex"], ["oblast", StudyResults.ageBand],
                     ["settlement_type", "sex", StudyResults.ageBand]],
        gaps: ResultsRequest.standardGaps + [ResultsTable.Gap(column: StudyResults.ageBand, a: "youth", b: "adult")],
        gapWithin: [[], ["oblast"]],
        rankGroups: ["barrier", "nonuse_reason", "learning_barrier", "egov_barrier", "need"],
        rankWithin: [["settlement_type", "sex"], ["settlement_type", StudyResults.ageBand]],
        models: DriverModel.standard)
}
