/// Which courses a group of people in one district can take, and which of their stated barriers each course meets.
///
/// The rules:
/// - **reachable**: held in the district (onsite or blended with the district among its places), or online (mode
///   online, or `online` among its places) — and taught in one of the languages the people use, and aimed at the
///   group (its target groups include the group or `all`, or name no group).
/// - a reachable course **meets a barrier** when: *cost* — it is free (cost 0) or has free places; *distance* — it
///   is online or held in the district; *language* — it is taught in Kyrgyz; *time* and *childcare* — it is
///   self-paced or online.
public struct CourseReach: Sendable, Hashable {
    /// The district's code (SOATE).
    public var district: String
    /// The target group (`women`, `youth`, `rural`…), nil for everyone.
    public var group: String?
    /// The languages the people use.
    public var languages: Set<String>

    public init(district: String, group: String? = nil, languages: Set<String> = ["ky", "ru"]) {
        self.district = district
        self.group = group
        self.languages = languages
    }

    /// Whether the course is held in the district itself.
    public func isLocal(_ course: CatalogueEntry) -> Bool {
        course["mode"] != "online" && course.list("places").contains(district)
    }

    /// Whether the course can be followed online.
    public func isOnline(_ course: CatalogueEntry) -> Bool {
        course["mode"] == "online" || course.list("places").contains(CatalogueTaxonomy.online)
    }

    /// Whether the group in the district can take the course.
    public func reaches(_ course: CatalogueEntry) -> Bool {
        guard course.kind == .courses, isLocal(course) || isOnline(course) else { return false }
        guard !languages.isDisjoint(with: course.list("languages")) else { return false }
        let groups = course.list("target_groups")
        guard let group else { return true }
        return groups.isEmpty || groups.contains("all") || groups.contains(group)
    }

    /// The survey's learning barriers (the `learn_barrier` codes) a course meets.
    public func barriersMet(by course: CatalogueEntry) -> Set<String> {
        var met: Set<String> = []
        if course.number("cost_som") == 0 || (course.number("free_places") ?? 0) > 0 { met.insert("cost") }
        if isOnline(course) || isLocal(course) { met.insert("distance") }
        if course.list("languages").contains("ky") { met.insert("language") }
        if course["pace"] == "self_paced" || isOnline(course) { met.formUnion(["no_time", "childcare"]) }
        return met
    }
}
