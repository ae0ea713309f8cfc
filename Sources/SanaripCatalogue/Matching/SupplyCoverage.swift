/// Training supply against need in one district: for each of the survey's learning topics, the estimated share who
/// want to learn it beside the courses the people can reach, and the topics needed by many with few or no courses.
public struct SupplyCoverage: Sendable, Hashable {
    /// One topic's need and supply.
    public struct Topic: Sendable, Hashable {
        /// The survey's `learn_topic` code.
        public var topic: String
        /// The estimated share wanting to learn it (nil when the survey has no estimate for the district).
        public var need: Double?
        /// The reachable courses teaching it.
        public var courses: [CatalogueEntry]
        /// Needed by at least ``SupplyCoverage/highNeed`` of people with at most ``SupplyCoverage/fewCourses`` courses.
        public var isGap: Bool
    }

    /// A share of people at or above which a topic counts as needed by many.
    public static let highNeed = 0.15
    /// As many reachable courses as count as few.
    public static let fewCourses = 1

    public var reach: CourseReach
    public var topics: [Topic]
    /// Every reachable course.
    public var reachable: [CatalogueEntry]
    /// For each learning barrier, how many reachable courses meet it.
    public var barriersMet: [String: Int]

    /// - Parameter needs: topic code → estimated share (from the survey's `need_<topic>` indicators).
    public init(reach: CourseReach, courses: [CatalogueEntry], needs: [String: Double]) {
        self.reach = reach
        reachable = courses.filter(reach.reaches)
        topics = CatalogueTaxonomy.surveyTopics.map { topic in
            let teaching = courses.filter(reach.reaches).filter { $0.list("topics").contains(topic) }
            let need = needs[topic]
            return Topic(topic: topic, need: need, courses: teaching, isGap: (need ?? 0) >= Self.highNeed && teaching.count <= Self.fewCourses)
        }
        var met: [String: Int] = [:]
        for course in reachable { for barrier in reach.barriersMet(by: course) { met[barrier, default: 0] += 1 } }
        barriersMet = met
    }

    /// The target groups with no reachable course in the district.
    public static func groupsWithoutOffer(district: String, courses: [CatalogueEntry], languages: Set<String> = ["ky", "ru"]) -> [String] {
        CatalogueTaxonomy.targetGroups.filter { $0 != "all" }.filter { group in
            !courses.contains(where: CourseReach(district: district, group: group, languages: languages).reaches)
        }
    }
}
