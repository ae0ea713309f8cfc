import Hummingbird
import SanaripCore
import SanaripStorage

/// The home page: the study, where it works and its instruments; only a study the user belongs to.
struct StudyController: Sendable {
    let studies: any StudyStore
    let instruments: any InstrumentStore
    let pages: PageRenderer

    func addRoutes(to router: Router<SanaripRequestContext>) {
        router.get("/", use: home)
    }

    @Sendable func home(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let visible = try await studies.studies().filter { context.sees(study: $0.id) }
        let study = visible.first { $0.id == BuiltInStudy.id } ?? visible.first
        guard let study else {
            return try pages.render("home", [:], request: request, context: context)
        }
        let language = context.language
        var page: [String: Any] = [
            "study": [
                "title": study.title.text(code: language.rawValue) ?? study.id,
                "summary": study.summary.text(code: language.rawValue) ?? "",
                "regions": study.regions.map { region in
                    pages.localizer.string("region.\(region)", in: language)
                },
            ] as [String: Any],
        ]
        if let role = context.identity?.role, AccessGuardMiddleware.policy.grants(role, .viewResults) {
            page["workspace"] = "/studies/\(study.id)/workspace/explorer"
            page["catalogue"] = "/studies/\(study.id)/catalogue"
            page["focusGroups"] = "/studies/\(study.id)/qual"
            page["media"] = "/studies/\(study.id)/media"
        }
        let table = StoredInstrument.table(try await instruments.instruments(studyID: study.id), in: language)
        return try pages.render("home", page.merging(table) { $1 }, request: request, context: context)
    }
}
