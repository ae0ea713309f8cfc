import Foundation
import Logging
import SanaripAnalysis
import SanaripCore
import SanaripInstrument
import SanaripStatistics
import SanaripStorage

/// `sanarip demo`: a synthetic fielded study of the built-in instrument, so the whole workspace can be seen at once.
///
/// Over the real municipality frame of both oblasts: a PPS sampling plan of municipalities per oblast (stored like
/// any plan), a fixed number of interviews in each, stored as submissions through the same intake as ODK Collect's,
/// base weights from the plan, raked to the frame's oblast and urban/rural population margins. Every page and
/// report made from it says it is synthetic.
public struct DemoStudy: Sendable {
    let stores: Stores
    let configuration: ServerConfiguration
    /// The folder with `municipalities.csv`, `municipalities_soate.csv` and `margins.csv`.
    let framesDirectory: URL
    let logger: Logger

    public init(stores: Stores, configuration: ServerConfiguration, framesDirectory: URL, logger: Logger) {
        self.stores = stores
        self.configuration = configuration
        self.framesDirectory = framesDirectory
        self.logger = logger
    }

    /// What the demo stored.
    public struct Summary: Sendable {
        public var respondents: Int
        public var municipalities: Int
        public var planName: String
        public var formID: String
    }

    static let actor = "demo"
    static let planName = "Demo: municipalities, PPS by oblast (synthetic)"
    /// Municipalities selected per oblast.
    static let unitsPerOblast = 30

    struct FrameUnit {
        var oblastName: String
        var place: DemoRespondent.Place
        var size: Double
    }

    /// Fills the store; refuses when the study already has data, so real submissions are never mixed with synthetic ones.
    ///
    /// - Parameter rounds: survey rounds, one a year ending in 2026 (the interviews split evenly between them), so
    ///   monitoring has each round's estimates as points of a series.
    public func run(respondents: Int, seed: UInt64, rounds: Int = 1, progress: (String) -> Void) async throws -> Summary {
        guard respondents >= 100 else { throw AnalysisError("--respondents must be at least 100") }
        let accounts = Accounts(users: stores.users, sessions: stores.sessions, hasher: PasswordHasher(cost: configuration.bcryptCost))
        try await Bootstrap(stores: stores, accounts: accounts, configuration: configuration, logger: logger).run()
        guard let instruments = configuration.instrumentsDirectory else { throw AnalysisError("no instruments folder; run from the repository root") }
        let folder = instruments.appendingPathComponent(BuiltInStudy.id)
        let publication = try await FormPublisher(stores: stores, dataDirectory: configuration.dataDirectory).publish(contentsOf: folder, by: Self.actor)
        let formID = publication.version.formID
        if try await stores.submissions.currentSubmissionCount(formID: formID) > 0 {
            throw AnalysisError("the form \(formID) already has submissions in \(configuration.dataDirectory.path); the demo fills an empty store only (give --data NEWDIR)")
        }
        let result = XLSFormReader().read(contentsOf: folder)
        let instrument = result.instrument
        let frame = try readFrame(instrument)
        var random = SeededGenerator(seed: seed)

        // The plan: PPS (systematic) of municipalities within each oblast, by population.
        let perUnit = max(1, Int((Double(respondents) / Double(2 * Self.unitsPerOblast)).rounded(.up)))
        var units: [SamplingPlanUnit] = []
        var strata: [SamplingPlanStratum] = []
        for oblast in ["Issyk-Kul", "Osh"] {
            let members = frame.filter { $0.oblastName == oblast }
            let pik = try InclusionProbabilities.compute(sizes: members.map(\.size), sampleSize: min(Self.unitsPerOblast, members.count))
            let chosen = try PPSSelection.select(probabilities: pik, method: .systematic, using: &random)
            for (order, index) in chosen.enumerated() {
                let unit = members[index]
                units.append(SamplingPlanUnit(
                    position: units.count + 1, stratum: oblast, unitID: unit.place.municipality, unitName: unit.place.name,
                    columns: ["oblast": unit.place.oblast, "district": unit.place.district, "urban_rural": unit.place.urban ? "urban" : "rural"],
                    size: unit.size, probability: pik[index], certainty: pik[index] >= 1 - 1e-9, order: order + 1, expectedInterviews: perUnit))
            }
            strata.append(SamplingPlanStratum(name: oblast, selected: chosen.count, certainty: chosen.filter { pik[$0] >= 1 - 1e-9 }.count, expectedInterviews: chosen.count * perUnit))
        }
        var plan = SamplingPlan(
            studyID: BuiltInStudy.id, name: Self.planName, method: "pps-systematic", seed: String(seed), sizeColumn: "population",
            strataColumn: "oblast", sampleSize: String(Self.unitsPerOblast), interviewsPerUnit: perUnit,
            frameColumns: ["oblast", "district", "urban_rural"], strata: strata, createdBy: Self.actor, sourceFile: "data/frames/municipalities.csv (synthetic demo)")
        if let old = try await stores.samplingPlans.plans(studyID: BuiltInStudy.id).first(where: { $0.name == Self.planName }), let id = old.id {
            try await stores.samplingPlans.delete(id: id, by: Self.actor)
        }
        plan = try await stores.samplingPlans.insert(plan, units: units, by: Self.actor)
        progress("sampling plan: \(units.count) municipalities, \(perUnit) interviews each")

        // The interviews, through the intake Collect's submissions take.
        let intake = SubmissionIntake(stores: stores, dataDirectory: configuration.dataDirectory)
        let version = publication.version.version
        var weights: [AnalysisWeight] = []
        let sizeOf = Dictionary(frame.map { ($0.place.municipality, $0.size) }) { first, _ in first }
        var count = 0
        // Refusals draw from their own stream, so the interviews are the same with or without them.
        var refusing = SeededGenerator(seed: seed &+ 1)
        var refusals = 0
        for unit in units {
            guard let place = frame.first(where: { $0.place.municipality == unit.unitID })?.place else { continue }
            // Persons 15+ are about 70% of the population; the base weight is 1 / (π_unit · m / N15+).
            let adults = (sizeOf[unit.unitID] ?? 1000) * 0.7
            let base = 1 / (unit.probability * Double(perUnit) / adults)
            for person in 0..<perUnit where count < respondents {
                count += 1
                let day = 1 + (count % 27)
                let year = 2026 - (max(1, rounds) - 1) + (count - 1) * max(1, rounds) / respondents
                let respondent = DemoRespondent(place: place, interviewer: "DEMO-\(unit.position % 12 + 1)", date: String(format: "%d-03-%02d", year, day), using: &random)
                let instanceID = "uuid:demo-\(seed)-\(String(format: "%06d", count))"
                let xml = Self.xml(instrument, formID: formID, version: version, answers: respondent.answers, instanceID: instanceID)
                _ = try await intake.receive(xml: Data(xml.utf8), uploads: [], from: .init(name: "demo interviewer \(person % 3 + 1)"))
                weights.append(AnalysisWeight(instanceID: instanceID, baseWeight: base, weight: base))
                if count % 500 == 0 { progress("\(count) of \(respondents) interviews stored") }
                // Some selected persons refuse (more in towns): a questionnaire closed without consent, for the response rates.
                if refusing.nextUniform() < (place.urban ? 0.14 : 0.07) {
                    refusals += 1
                    let answers = ["interviewer_id": respondent.answers["interviewer_id"] ?? "", "interview_date": respondent.answers["interview_date"] ?? ""]
                    let refusal = Self.xml(instrument, formID: formID, version: version, answers: answers, instanceID: "uuid:demo-\(seed)-refusal-\(String(format: "%06d", refusals))")
                    _ = try await intake.receive(xml: Data(refusal.utf8), uploads: [], from: .init(name: "demo interviewer \(person % 3 + 1)"))
                }
            }
        }
        progress("\(count) interviews stored, \(refusals) refusals")

        // The design, then raking of the base weights to the frame's margins.
        var design = AnalysisDesign(SurveyDesignSpecification(ids: ["municipality"], strata: "oblast", weights: DataTableExportWriter.weightColumn))
        var analysis = StudyAnalysis(studyID: BuiltInStudy.id, source: .submissions, formID: formID, design: try JSONEncoder().encode(design), planID: plan.id, synthetic: true)
        analysis = try await stores.analysis.save(analysis, by: Self.actor)
        try await stores.analysis.replaceWeights(studyID: BuiltInStudy.id, weights, by: Self.actor)
        let table = try await StudyDataset.load(analysis, stores: stores, temporaryDirectory: configuration.dataDirectory.appendingPathComponent("tmp"))
        let record = WeightingRecord(
            method: .rake, margins: try margins(instrument), bounds: nil, trim: nil, baseColumn: DataTableExportWriter.baseWeightColumn,
            probabilityColumns: nil, responded: nil, nonresponseCells: nil, maxIterations: nil, epsilon: nil)
        let raked = try record.weigh(table) { _ in }
        let keys = try table.column("KEY")
        let stored = Dictionary(weights.map { ($0.instanceID, $0) }) { first, _ in first }
        var rakedWeights: [AnalysisWeight] = []
        for row in 0..<table.rowCount {
            guard let key = keys.string(at: row), let stored = stored[key] else { continue }
            rakedWeights.append(AnalysisWeight(instanceID: key, baseWeight: stored.baseWeight, weight: raked.weights[row]))
        }
        try await stores.analysis.replaceWeights(studyID: BuiltInStudy.id, rakedWeights, by: Self.actor)
        design.calibration = record
        analysis.design = try JSONEncoder().encode(design)
        try await stores.analysis.save(analysis, by: Self.actor)
        progress("weights raked to the oblast and urban/rural margins of data/frames/margins.csv")
        let demoEntries = try await DemoCatalogue.seed(CatalogueService(stores: stores, instrumentsDirectory: instruments), studyID: BuiltInStudy.id, by: Self.actor)
        progress("\(demoEntries) invented catalogue entries, marked demo")
        let monitoring = try await DemoCatalogue.seedMonitoring(CatalogueService(stores: stores, instrumentsDirectory: instruments), studyID: BuiltInStudy.id,
                                                                official: instruments.deletingLastPathComponent().appendingPathComponent("data/official/sdg-kyrgyzstan.csv"), by: Self.actor)
        progress("\(monitoring) official series values (data/official/sdg-kyrgyzstan.csv) and invented events and targets for monitoring, marked DEMO")
        return Summary(respondents: count, municipalities: units.count, planName: plan.name, formID: formID)
    }

    /// The frame's municipalities with their SOATE codes (the instrument's choice names) and sizes: the population
    /// where the frame has it, else 1,200 per village listed (an assumption of this synthetic study).
    func readFrame(_ instrument: Instrument) throws -> [FrameUnit] {
        let codec = CSVCodec()
        func records(_ name: String) throws -> [[String: String]] {
            let url = framesDirectory.appendingPathComponent(name)
            guard let data = try? Data(contentsOf: url) else { throw AnalysisError("\(url.path): no such file; the demo needs the frame in data/frames") }
            let rows = try codec.records(in: data)
            guard let header = rows.first else { return [] }
            return rows.dropFirst().map { Dictionary(zip(header, $0).map { ($0, $1) }) { first, _ in first } }
        }
        let frame = try records("municipalities.csv")
        let codes = try records("municipalities_soate.csv")
        let choices = instrument.choiceList(named: "municipality")?.choices ?? []
        var units: [FrameUnit] = []
        for (row, code) in zip(frame, codes) {
            guard row["municipality_ru"] == code["municipality_ru"], let soate = code["soate_code"],
                  let choice = choices.first(where: { $0.name == soate }) else {
                throw AnalysisError("data/frames: municipalities.csv and municipalities_soate.csv do not list the same units in the same order (\(row["municipality_ru"] ?? "?"))")
            }
            let villages = Double(row["villages"] ?? "") ?? 3
            let size = Double(row["population"] ?? "") ?? villages * 1200
            units.append(FrameUnit(
                oblastName: row["oblast"] ?? "",
                place: .init(oblast: choice.extra["oblast"] ?? "", district: choice.extra["district"] ?? "", municipality: soate,
                             urban: row["urban_rural"] == "urban", name: row["municipality_en"] ?? soate),
                size: max(size, 100)))
        }
        return units
    }

    /// The persons 15+ of each oblast and of urban and rural areas (70% of the population totals in `margins.csv`),
    /// as raking margins on the instrument's codes.
    func margins(_ instrument: Instrument) throws -> [WeightingMargin] {
        let url = framesDirectory.appendingPathComponent("margins.csv")
        guard let data = try? Data(contentsOf: url) else { throw AnalysisError("\(url.path): no such file") }
        let rows = try CSVCodec().records(in: data)
        let codes = ["Issyk-Kul": "41702000000000", "Osh": "41706000000000"]
        var oblast: [String: Double] = [:]
        var settlement: [String: Double] = [:]
        for row in rows.dropFirst() where row.count >= 4 {
            guard let code = codes[row[0]], row[1] == "urban_rural", let population = Double(row[3]), oblast[code] == nil || row[2] != "total" else { continue }
            if row[2] == "total" { oblast[code] = population * 0.7 } else if ["urban", "rural"].contains(row[2]) { settlement[row[2], default: 0] += population * 0.7 }
        }
        // The two oblasts' urban and rural totals must add up to the oblast totals for raking to converge.
        let total = oblast.values.reduce(0, +), split = settlement.values.reduce(0, +)
        guard oblast.count == 2, settlement.count == 2, split > 0 else { throw AnalysisError("\(url.path): needs oblast totals and urban/rural rows for Issyk-Kul and Osh") }
        return oblast.map { WeightingMargin(variable: "oblast", level: $0.key, total: $0.value) }.sorted { $0.level < $1.level }
            + settlement.map { WeightingMargin(variable: "settlement_type", level: $0.key, total: $0.value * total / split) }.sorted { $0.level < $1.level }
    }

    /// The submission XML of `answers` for `instrument`: every group and question in form order, empty when not asked.
    static func xml(_ instrument: Instrument, formID: String, version: String, answers: [String: String], instanceID: String) -> String {
        var xml = "<?xml version=\"1.0\"?>\n<data id=\"\(formID.htmlEscaped)\" version=\"\(version.htmlEscaped)\">"
        func visit(_ elements: [SurveyElement]) {
            for element in elements {
                switch element {
                case .question(let question):
                    guard question.type != .note else { continue }
                    xml += "<\(question.name)>\((answers[question.name] ?? "").htmlEscaped)</\(question.name)>"
                case .group(let group):
                    if group.isRepeat { continue }
                    xml += "<\(group.name)>"
                    visit(group.children)
                    xml += "</\(group.name)>"
                }
            }
        }
        visit(instrument.elements)
        return xml + "<meta><instanceID>\(instanceID)</instanceID></meta></data>"
    }
}
