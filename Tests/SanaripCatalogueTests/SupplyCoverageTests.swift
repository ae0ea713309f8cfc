import Testing

@testable import SanaripCatalogue

@Suite("Matching courses to a district's needs")
struct SupplyCoverageTests {
    static let district = "41702205000000"
    static let other = "41706207000000"

    func course(_ id: String, topics: String, mode: String, languages: String, places: String, groups: String = "", cost: String = "", pace: String = "") throws -> CatalogueEntry {
        let cells = ["id": id, "name_ru": id, "topics": topics, "mode": mode, "languages": languages, "places": places, "target_groups": groups, "cost_som": cost, "pace": pace]
        return try #require(CatalogueKind.courses.schema.entry(cells: cells, row: nil).entry)
    }

    @Test("reachable: held in the district or online, in a language people use, for the group")
    func reach() throws {
        let local = try course("local", topics: "basic_use", mode: "onsite", languages: "ky", places: Self.district, groups: "women")
        let elsewhere = try course("elsewhere", topics: "basic_use", mode: "onsite", languages: "ky", places: Self.other)
        let online = try course("online", topics: "smm", mode: "online", languages: "ru", places: "online", groups: "youth")
        let english = try course("english", topics: "coding", mode: "online", languages: "en", places: "online")
        let reach = CourseReach(district: Self.district, group: "women")
        #expect([local, elsewhere, online, english].filter(reach.reaches).map(\.id) == ["local"])
        #expect([local, elsewhere, online, english].filter(CourseReach(district: Self.district).reaches).map(\.id) == ["local", "online"])
        #expect([local, elsewhere, online, english].filter(CourseReach(district: Self.district, languages: ["en", "ru"]).reaches).map(\.id) == ["online", "english"])
    }

    @Test("barriers met: free, near or online, in Kyrgyz, self-paced")
    func barriers() throws {
        let free = try course("free", topics: "safety", mode: "onsite", languages: "ky", places: Self.district, cost: "0")
        let paid = try course("paid", topics: "safety", mode: "onsite", languages: "ru", places: Self.district, cost: "3000", pace: "scheduled")
        let reach = CourseReach(district: Self.district)
        #expect(reach.barriersMet(by: free) == ["cost", "distance", "language"])
        #expect(reach.barriersMet(by: paid) == ["distance"])
    }

    @Test("a topic needed by many with at most one course is a gap; groups without any course are listed")
    func coverage() throws {
        let courses = [
            try course("a", topics: "basic_use;smartphone", mode: "onsite", languages: "ky", places: Self.district, groups: "women"),
            try course("b", topics: "basic_use", mode: "online", languages: "ru", places: "online", groups: "women;youth"),
        ]
        let coverage = SupplyCoverage(reach: CourseReach(district: Self.district), courses: courses, needs: ["basic_use": 0.40, "smartphone": 0.30, "coding": 0.05, "finance": 0.20])
        let byTopic = Dictionary(uniqueKeysWithValues: coverage.topics.map { ($0.topic, $0) })
        #expect(byTopic["basic_use"]?.courses.count == 2 && byTopic["basic_use"]?.isGap == false)
        #expect(byTopic["smartphone"]?.isGap == true)
        #expect(byTopic["finance"]?.isGap == true && byTopic["finance"]?.courses.isEmpty == true)
        #expect(byTopic["coding"]?.isGap == false)
        #expect(coverage.barriersMet["distance"] == 2)
        #expect(SupplyCoverage.groupsWithoutOffer(district: Self.district, courses: courses) == ["rural", "entrepreneurs", "persons_with_disabilities", "older_people", "unemployed", "students"])
    }
}
