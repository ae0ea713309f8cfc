import Hummingbird
import SanaripCore
import SanaripStorage

/// The home page: the study, where it works and its instruments.
struct StudyController: Sendable {
    let studies: any StudyStore
    let instruments: any InstrumentStore
    let pages: PageRenderer

    func addRoutes(to group: RouterGroup<SanaripRequestContext>) {
        group.get("/", use: home)
    }

    @Sendable func home(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let study: Study?
        if let builtIn = try await studies.study(id: BuiltInStudy.id) {
            study = builtIn
        } else {
            study = try await studies.studies().first
        }
        guard let study else {
            return pages.render("home", [:], request: request, context: context)
        }
        let language = context.language
        let page: [String: Any] = [
            "study": [
                "title": study.title.text(code: language.rawValue) ?? study.id,
                "summary": study.summary.text(code: language.rawValue) ?? "",
                "regions": study.regions.map { region in
                    pages.localizer.string("region.\(region)", in: language)
                },
            ] as [String: Any],
        ]
        let table = StoredInstrument.table(try await instruments.instruments(studyID: study.id), in: language)
        return pages.render("home", page.merging(table) { $1 }, request: request, context: context)
    }
}
