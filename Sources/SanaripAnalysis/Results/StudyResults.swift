import Foundation
import SanaripCore
import SanaripInstrument
import SanaripStatistics

/// A study's standard results from respondent data: indicators evaluated, the design built, every indicator
/// estimated overall and by breakdown, the gaps with design-based p-values and the ranked groups (barriers).
///
/// `sanarip indicators table`, the workspace pages and the reports all compute their numbers here.
public struct StudyResults: Sendable {
    public let set: IndicatorSet
    public let instrument: Instrument?
    public let design: SurveyDesign
    public let results: ResultsTable
    /// Each ranked group, in the whole sample and within each of the request's domains.
    public let rankings: [(group: String, ranking: Ranking)]
    public let request: ResultsRequest
    /// The gaps computed (the request's, or the standard ones the data has).
    public let gaps: [ResultsTable.Gap]
    /// The request's driver models, fitted on the same design.
    public let drivers: [DriverResult]
    /// How long each step took, in order (reading the data, evaluating indicators, the design, the table, rankings).
    public var timings: [Timing]

    /// One step of the computation and its wall-clock time.
    public struct Timing: Sendable {
        public var step: String
        public var seconds: Double

        public init(step: String, seconds: Double) {
            self.step = step
            self.seconds = seconds
        }

        /// The time from `start` until now.
        public init(step: String, since start: ContinuousClock.Instant) {
            let elapsed = (ContinuousClock.now - start).components
            self.init(step: step, seconds: Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18)
        }

        /// The time `body` takes, as a timing of `step`, with its result.
        public static func measure<T>(_ step: String, into timings: inout [Timing], _ body: () throws -> T) rethrows -> T {
            let start = ContinuousClock.now
            let value = try body()
            timings.append(Timing(step: step, since: start))
            return value
        }
    }

    /// The timings as one line: `total 3.2 s (data 1.1, indicators 0.9, …)`.
    public var timingSummary: String {
        let total = timings.reduce(0) { $0 + $1.seconds }
        return "\(String(format: "%.2f", total)) s (" + timings.map { "\($0.step) \(String(format: "%.2f", $0.seconds))" }.joined(separator: ", ") + ")"
    }

    /// The column derived from `age_group`: `youth` (15–28) or `adult`, for the youth − adults gap.
    public static let ageBand = "age_band"

    /// The survey round (wave) of each respondent, so that each round's estimates become a point of a series: the
    /// data's own `survey_round` column, else the year of the interview (``roundDateColumns``, the first present).
    public static let round = "survey_round"
    /// The columns a round is derived from, in order of preference.
    public static let roundDateColumns = ["interview_date", "today", "start", "end"]

    /// Computes the results of `table` (every column of the data file).
    ///
    /// - Throws: ``AnalysisError`` for data that does not fit the indicators or the request, naming the file and
    ///   column; the statistics module's errors for designs it refuses.
    public static func compute(
        table: DataTable, set: IndicatorSet, instrument: Instrument?, design: AnalysisDesign, request: ResultsRequest,
        designName: String = "the weighting record", values precomputed: [[IndicatorEvaluator.Value]]? = nil,
        progress: (Int) -> Void = { _ in }
    ) throws -> StudyResults {
        var table = table
        var timings: [Timing] = []
        let header = table.columnNames
        let file = table.origin.file
        // Indicator values depend on the data and the definitions only, so requests on the same data can share them.
        let values = try precomputed ?? Timing.measure("indicators", into: &timings) { try IndicatorValues.evaluate(set, instrument: instrument, table: table, progress: progress) }
        let gaps = request.gaps ?? ResultsRequest.standardGaps.filter { header.contains($0.column) || set[$0.column] != nil }
        let categorical = Set(request.breakdowns.flatMap(\.self) + gaps.map(\.column) + request.rankWithin.flatMap(\.self))
        // Category indicators the models use become columns too; a model's missing column is an omission, not an error.
        let modelFactors = Set(request.models.flatMap { $0.predictors.map(\DriverModel.Predictor.name) }.filter { set[$0]?.kind == .category })
        for name in categorical.union(modelFactors).sorted() where !table.columnNames.contains(name) {
            if name == ageBand || name == round { continue }
            if let position = set.indicators.firstIndex(where: { $0.name == name }) {
                guard set.indicators[position].kind == .category else {
                    throw AnalysisError("'\(name)' is a \(set.indicators[position].kind.rawValue) indicator; breakdowns need a category or a question")
                }
                table.set(DataColumn(name: name, strings: values.map { row in row[position] == .missing ? nil : row[position].text }))
            } else {
                throw AnalysisError("'\(name)' is neither a column of \(file) nor a category indicator; columns: \(header.prefix(30).joined(separator: ", "))")
            }
        }
        if categorical.contains(ageBand), !header.contains(ageBand) {
            guard let groups = try? table.column("age_group") else {
                throw AnalysisError("'\(ageBand)' (youth or adult) is derived from age_group, which \(file) does not have")
            }
            table.set(DataColumn(name: ageBand, strings: (0..<table.rowCount).map { row in
                groups.string(at: row).map { $0 == "15-28" ? "youth" : "adult" }
            }))
        }
        if categorical.contains(round), !header.contains(round) {
            guard let dates = roundDateColumns.lazy.compactMap({ try? table.column($0) }).first else {
                throw AnalysisError("'\(round)' is derived from the interview's date, and \(file) has none of \(roundDateColumns.joined(separator: ", ")); add a \(round) column (e.g. 2026) to the data")
            }
            table.set(DataColumn(name: round, strings: (0..<table.rowCount).map { row in
                dates.string(at: row).flatMap { text in text.count >= 4 && text.prefix(4).allSatisfy(\.isNumber) ? String(text.prefix(4)) : nil }
            }))
        }
        for gap in gaps {
            let present = Set(try table.column(gap.column).factor().levels)
            for value in [gap.a, gap.b] where !present.contains(value) {
                throw AnalysisError("gap \(gap.column):\(gap.a)-\(gap.b): '\(value)' is not a value of '\(gap.column)'; it has: \(present.sorted().joined(separator: ", "))")
            }
        }
        let reported = set.indicators.enumerated().filter {
            $0.element.kind != .category && !$0.element.group.isEmpty && (request.groups.isEmpty || request.groups.contains($0.element.group))
        }
        let variables = reported.map { position, indicator in
            ResultsTable.Variable(name: indicator.name, isProportion: indicator.kind == .proportion, values: values.map { $0[position].number })
        }
        let surveyDesign = try Timing.measure("design", into: &timings) { try design.surveyDesign(table, recordName: designName) }
        let options = EstimationOptions(level: request.level, deff: true, proportionInterval: .logit)
        let results = try Timing.measure("table", into: &timings) {
            try ResultsTable(design: surveyDesign, table: table, variables: variables, breakdowns: request.breakdowns, gaps: gaps,
                             gapWithin: request.gapWithin, options: options)
        }
        let start = ContinuousClock.now
        var rankings: [(group: String, ranking: Ranking)] = []
        let rankedGroups = request.rankGroups ?? (variables.contains { set[$0.name]?.group == "barrier" } ? ["barrier"] : [])
        for group in rankedGroups {
            let members = variables.filter { variable in set[variable.name]?.group == group }
            guard !members.isEmpty else { throw AnalysisError("rank \(group): no reported indicator of that group") }
            for columns in [[]] + request.rankWithin {
                rankings.append((group, Ranking(design: surveyDesign, variables: members, domains: try DomainSet(table, by: columns), options: options)))
            }
        }
        timings.append(Timing(step: "rankings", since: start))
        let modelTable = table
        let drivers = Timing.measure("models", into: &timings) {
            let positions = Dictionary(set.indicators.enumerated().filter { $0.element.kind != .category }.map { ($0.element.name, $0.offset) }) { first, _ in first }
            return Parallel.map(request.models.count) { (index: Int) -> DriverResult in
                request.models[index].fit(design: surveyDesign, table: modelTable, numbers: { name in positions[name].map { position in values.map { $0[position].number } } },
                                          level: request.level)
            }
        }
        return StudyResults(set: set, instrument: instrument, design: surveyDesign, results: results, rankings: rankings, request: request, gaps: gaps,
                            drivers: drivers, timings: timings)
    }
}
