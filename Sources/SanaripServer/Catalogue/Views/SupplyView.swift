import SanaripAnalysis
import SanaripCatalogue
import SanaripReports
import SanaripStatistics

/// Training supply against need in one district (and target group): the survey's estimated learning needs by
/// topic beside the courses reachable there, the barriers to learning beside the courses meeting them, and the
/// groups with no suitable offer. The supply page and the report's section are written from this.
struct SupplyView {
    /// A target group and the survey domain that measures it (nil: the whole district).
    static let groupDomains: [String: (column: String, value: String)] = [
        "women": ("sex", "female"), "youth": (StudyResults.ageBand, "youth"), "rural": ("settlement_type", "rural"),
    ]

    /// Learning needs and barriers by district, and within it by sex, age band and urban/rural (the age band is
    /// derived from the age groups, which are tabulated for that).
    static let request = ResultsRequest(
        breakdowns: [["age_group"], ["district"]] + ["sex", StudyResults.ageBand, "settlement_type"].map { ["district", $0] },
        gaps: [], rankGroups: [], rankWithin: [], groups: ["need", "learning_barrier"])

    /// The learning barriers a course can meet (see ``CourseReach``).
    static let barrierCodes = ["cost", "distance", "language", "no_time", "childcare"]

    let district: String
    let group: String?
    let needs: [String: DomainEstimate]
    let coverage: SupplyCoverage
    let needChart: IntervalBarChart?
    let topicGrid: ResultsGrid
    let barrierGrid: ResultsGrid
    /// The target groups no course in the district (or online) is aimed at, as labels.
    let withoutOffer: [String]

    static func estimate(_ results: StudyResults, _ variable: String, names: [String], values: [String]) -> DomainEstimate? {
        results.results.estimates.first { $0.variable == variable && $0.domainNames == names && $0.domainValues == values }
    }

    /// The survey domain of `district` and `group`.
    static func domain(district: String, group: String?) -> (names: [String], values: [String]) {
        let extra = group.flatMap { groupDomains[$0] }
        return (["district"] + (extra.map { [$0.column] } ?? []), [district] + (extra.map { [$0.value] } ?? []))
    }

    /// The estimated need for each survey topic in `district` for `group`.
    static func needs(_ results: StudyResults, district: String, group: String?) -> [String: DomainEstimate] {
        let domain = domain(district: district, group: group)
        var found: [String: DomainEstimate] = [:]
        for topic in CatalogueTaxonomy.surveyTopics {
            found[topic] = estimate(results, "need_\(topic)", names: domain.names, values: domain.values)
        }
        return found
    }

    init(results: StudyResults, labels: ResultsLabels, courses: [CatalogueEntry], district: String, group: String?, words: CatalogueWording) {
        self.district = district
        self.group = group
        let needs = Self.needs(results, district: district, group: group)
        self.needs = needs
        let coverage = SupplyCoverage(reach: CourseReach(district: district, group: group), courses: courses, needs: needs.mapValues(\.estimate))
        self.coverage = coverage
        let language = words.code
        let bars = coverage.topics.compactMap { topic in
            needs[topic.topic].map { IntervalBarChart.Bar(label: labels.indicator("need_\(topic.topic)"), value: $0.estimate, low: $0.ciLow, high: $0.ciHigh) }
        }
        needChart = bars.isEmpty ? nil : IntervalBarChart(title: words["catalogue.needChart"], bars: bars, percent: true, language: language)
        let gap = words["catalogue.gap"]
        topicGrid = ResultsGrid(
            title: words["catalogue.coverage"],
            columns: [words["catalogue.topic"], "%", words["catalogue.ciLow"], words["catalogue.ciHigh"], "n", words["catalogue.reachable"], words["catalogue.kind.courses"], gap],
            rows: coverage.topics.map { topic in
                let estimate = needs[topic.topic]
                return [.text(labels.indicator("need_\(topic.topic)")), .number((estimate?.estimate ?? .nan) * 100, digits: 1),
                        .number((estimate?.ciLow ?? .nan) * 100, digits: 1), .number((estimate?.ciHigh ?? .nan) * 100, digits: 1), .count(estimate?.n ?? 0),
                        .count(topic.courses.count), .text(topic.courses.map { $0.name(language) }.joined(separator: "; ")), .text(topic.isGap ? gap : "")]
            },
            marked: Set(coverage.topics.indices.filter { coverage.topics[$0].isGap }), note: words["catalogue.gapNote"])
        let domain = Self.domain(district: district, group: group)
        barrierGrid = ResultsGrid(
            title: words["catalogue.barriers"],
            columns: [words["catalogue.barrier"], "%", "n", words["catalogue.meeting"]],
            rows: Self.barrierCodes.map { code in
                let estimate = Self.estimate(results, "learn_barrier_\(code)", names: domain.names, values: domain.values)
                return [.text(labels.indicator("learn_barrier_\(code)")), .number((estimate?.estimate ?? .nan) * 100, digits: 1), .count(estimate?.n ?? 0),
                        .count(coverage.barriersMet[code] ?? 0)]
            })
        withoutOffer = SupplyCoverage.groupsWithoutOffer(district: district, courses: courses).map { words["catalogue.group.\($0)"] }
    }

    /// Every district at a glance: the courses reachable there and the topics that are gaps; also what the
    /// district map colours (reachable courses per district code).
    struct Overview {
        let grid: ResultsGrid
        let reachable: [String: Int]
        let gaps: [String: Int]

        init(results: StudyResults, labels: ResultsLabels, courses: [CatalogueEntry], districts: [(code: String, labels: [String])], group: String?,
             words: CatalogueWording) {
            var reachable: [String: Int] = [:], gaps: [String: Int] = [:]
            var rows: [[ResultsGrid.Cell]] = []
            for district in districts {
                let shown = SupplyCoverage(reach: CourseReach(district: district.code, group: group), courses: courses,
                                           needs: SupplyView.needs(results, district: district.code, group: group).mapValues(\.estimate))
                let gapTopics = shown.topics.filter(\.isGap)
                reachable[district.code] = shown.reachable.count
                gaps[district.code] = gapTopics.count
                rows.append([.text(words.label(of: district)), .count(shown.reachable.count),
                             .text(gapTopics.map { labels.indicator("need_\($0.topic)") }.joined(separator: "; ")),
                             .text(SupplyCoverage.groupsWithoutOffer(district: district.code, courses: courses).map { words["catalogue.group.\($0)"] }.joined(separator: ", "))])
            }
            grid = ResultsGrid(title: words["catalogue.byDistrict"],
                               columns: [words["catalogue.district"], words["catalogue.reachable"], words["catalogue.gaps"], words["catalogue.noOffer"]], rows: rows)
            self.reachable = reachable
            self.gaps = gaps
        }
    }
}
