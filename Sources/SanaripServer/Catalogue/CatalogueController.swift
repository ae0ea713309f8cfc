import Foundation
import Hummingbird
import SanaripCatalogue
import SanaripCore
import SanaripStorage

/// The study's catalogues on the web: list, search and filter per kind, entry edit (with its change history),
/// import of a filled-in template with every bad row and column shown, template download and export.
struct CatalogueController: Sendable {
    let catalogue: CatalogueService
    let studies: any StudyStore
    let auditLog: any AuditLogStore
    let pages: PageRenderer

    func addRoutes(to router: Router<SanaripRequestContext>) {
        router.get("/studies/{study}/catalogue", use: list)
        router.get("/studies/{study}/catalogue/{kind}/template.csv", use: template)
        router.get("/studies/{study}/catalogue/{kind}/template.xlsx", use: template)
        router.get("/studies/{study}/catalogue/{kind}/export", use: export)
        router.post("/studies/{study}/catalogue/{kind}/import", use: upload)
        router.get("/studies/{study}/catalogue/{kind}/entries/{entry}", use: entry)
        router.post("/studies/{study}/catalogue/{kind}/entries/{entry}", use: saveEntry)
        router.get("/studies/{study}/catalogue/{kind}/entries/{entry}/delete", use: confirmDelete)
        router.post("/studies/{study}/catalogue/{kind}/entries/{entry}/delete", use: delete)
        router.post("/studies/{study}/catalogue/{kind}/entries/{entry}/restore", use: restore)
    }

    /// The study, which must exist.
    func study(_ context: SanaripRequestContext) async throws -> String {
        let studyID = try context.parameters.require("study")
        guard try await studies.study(id: studyID) != nil else { throw HTTPError(.notFound) }
        return studyID
    }

    func kind(_ context: SanaripRequestContext) throws -> CatalogueKind {
        guard let kind = CatalogueKind(rawValue: try context.parameters.require("kind")) else { throw HTTPError(.notFound) }
        return kind
    }

    /// The catalogue menu: each kind, then the supply-versus-need and e-services views.
    func menu(_ studyID: String, _ context: SanaripRequestContext, current: String) -> [[String: Any]] {
        CatalogueKind.allCases.map { kind in
            ["href": "/studies/\(studyID)/catalogue?kind=\(kind.rawValue)", "name": pages.string("catalogue.kind.\(kind.rawValue)", context), "current": current == kind.rawValue]
        } + [
            ["href": "/studies/\(studyID)/supply", "name": pages.string("catalogue.supply", context), "current": current == "supply"],
            ["href": "/studies/\(studyID)/eservices", "name": pages.string("catalogue.eservicesUse", context), "current": current == "eservices-use"],
            ["href": "/studies/\(studyID)/monitoring", "name": pages.string("catalogue.monitoring", context), "current": current == "monitoring"],
        ]
    }

    func render(_ studyID: String, title: String, current: String, body: String, synthetic: Bool = false, request: Request, context: SanaripRequestContext,
                status: HTTPResponse.Status = .ok) throws -> Response {
        try pages.render("workspace", [
            "title": title, "menu": menu(studyID, context, current: current), "body": body, "synthetic": synthetic,
            "syntheticText": pages.string("catalogue.demoNote", context),
        ], request: request, context: context, status: status)
    }

    // MARK: List and search

    @Sendable func list(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let studyID = try await study(context)
        let query = request.uri.queryParameters
        let kind = query.get("kind").flatMap(CatalogueKind.init(rawValue:)) ?? .courses
        func chosen(_ name: String) -> String? { query.get(name).flatMap { $0.isEmpty ? nil : $0 } }
        let filter = CatalogueService.Filter(kind: kind, topic: chosen("topic"), place: chosen("place"), group: chosen("group"))
        let text = chosen("q")
        let entries: [CatalogueEntry]
        if let text {
            entries = try await catalogue.search(studyID: studyID, text: text, filter: filter)
        } else {
            entries = try await catalogue.entries(studyID: studyID, kind: kind, filter: filter)
        }
        var body = ""
        if let imported = query.get("imported") {
            body += "<p class=\"ok\" role=\"status\">\(pages.string("catalogue.imported", context).htmlEscaped) \(imported.htmlEscaped)</p>"
        }
        if let deleted = query.get("deleted") {
            body += "<div class=\"ok\" role=\"status\">\(pages.string("catalogue.s4.deleted", context).htmlEscaped) \(deleted.htmlEscaped) "
                + restoreForm(studyID, kind: kind, id: deleted, label: "catalogue.s4.undo", context: context) + "</div>"
        }
        body += try await searchForm(studyID, kind: kind, filter: filter, text: text ?? "", context: context)
        body += table(studyID, kind: kind, entries: entries, context: context)
        body += downloads(studyID, kind: kind, context: context)
        body += importForm(studyID, kind: kind, context: context)
        return try render(studyID, title: pages.string("catalogue.kind.\(kind.rawValue)", context), current: kind.rawValue, body: body,
                          synthetic: entries.contains { $0.demo }, request: request, context: context)
    }

    private func option(_ value: String, _ label: String, _ selected: Bool) -> String {
        "<option value=\"\(value.htmlEscaped)\"\(selected ? " selected" : "")>\(label.htmlEscaped)</option>"
    }

    private func searchForm(_ studyID: String, kind: CatalogueKind, filter: CatalogueService.Filter, text: String, context: SanaripRequestContext) async throws -> String {
        let all = pages.string("catalogue.all", context)
        var form = "<form class=\"workspace-form\" method=\"get\" action=\"/studies/\(studyID.htmlEscaped)/catalogue\" role=\"search\">"
            + "<input type=\"hidden\" name=\"kind\" value=\"\(kind.rawValue)\">"
            + "<label>\(pages.string("catalogue.search", context).htmlEscaped) <input type=\"search\" name=\"q\" value=\"\(text.htmlEscaped)\"></label> "
        let fields = Set(kind.schema.columnNames)
        if fields.contains("topics"), let topics = kind.schema.field(named: "topics")?.allowedValues {
            form += "<label>\(pages.string("catalogue.topic", context).htmlEscaped) <select name=\"topic\">" + option("", all, filter.topic == nil)
                + topics.map { option($0, $0, $0 == filter.topic) }.joined() + "</select></label> "
        }
        if fields.contains("places") {
            let districts = catalogue.districts(studyID: studyID) ?? []
            form += "<label>\(pages.string("catalogue.place", context).htmlEscaped) <select name=\"place\">" + option("", all, filter.place == nil)
                + option(CatalogueTaxonomy.online, pages.string("catalogue.online", context), filter.place == CatalogueTaxonomy.online)
                + districts.map { option($0.code, label(of: $0, context), $0.code == filter.place) }.joined() + "</select></label> "
        }
        if fields.contains("target_groups") {
            form += "<label>\(pages.string("catalogue.group", context).htmlEscaped) <select name=\"group\">" + option("", all, filter.group == nil)
                + CatalogueTaxonomy.targetGroups.map { option($0, pages.string("catalogue.group.\($0)", context), $0 == filter.group) }.joined() + "</select></label> "
        }
        return form + "<button type=\"submit\">\(pages.string("catalogue.find", context).htmlEscaped)</button></form>"
    }

    /// The catalogue's words in the request's language.
    func words(_ context: SanaripRequestContext) -> CatalogueWording {
        CatalogueWording(localizer: pages.localizer, language: context.language)
    }

    /// A district's label in the page's language.
    func label(of district: (code: String, labels: [String]), _ context: SanaripRequestContext) -> String {
        words(context).label(of: district)
    }

    /// The columns shown in the list besides the name.
    static func summaryColumns(_ kind: CatalogueKind) -> [String] {
        switch kind {
        case .courses: ["provider", "topics", "mode", "languages", "cost_som", "places"]
        case .providers: ["provider_type", "places"]
        case .eservices: ["agency", "channels", "tunduk", "online_level", "survey_items"]
        case .laws: ["act_type", "number", "adopted", "status", "amends"]
        case .initiatives: ["actor_type", "organisation", "target_groups", "status"]
        }
    }

    private func table(_ studyID: String, kind: CatalogueKind, entries: [CatalogueEntry], context: SanaripRequestContext) -> String {
        guard !entries.isEmpty else { return "<p class=\"empty\">\(pages.string("catalogue.empty", context).htmlEscaped)</p>" }
        let language = context.language.rawValue
        let columns = Self.summaryColumns(kind)
        let districts = Dictionary((catalogue.districts(studyID: studyID) ?? []).map { ($0.code, label(of: $0, context)) }) { first, _ in first }
        let words = self.words(context)
        func cell(_ entry: CatalogueEntry, _ column: String) -> String {
            column == "places" ? entry.list(column).map { districts[$0] ?? ($0 == CatalogueTaxonomy.online ? words["catalogue.online"] : $0) }.joined(separator: "; ")
                : entry.list(column).map { words.value(column, $0) }.joined(separator: "; ")
        }
        var html = "<p>\(pages.string("catalogue.found", context).htmlEscaped): \(entries.count)</p><div class=\"table-wrap\"><table class=\"catalogue\"><thead><tr><th>\(pages.string("catalogue.name", context).htmlEscaped)</th>"
            + columns.map { "<th>\(words.field($0).htmlEscaped)</th>" }.joined() + "<th>\(pages.string("catalogue.state", context).htmlEscaped)</th></tr></thead><tbody>"
        for entry in entries {
            let href = "/studies/\(studyID)/catalogue/\(kind.rawValue)/entries/\(entry.id)"
            html += "<tr><td><a href=\"\(href.htmlEscaped)\">\(entry.name(language).htmlEscaped)</a>"
                + (entry.demo ? " <span class=\"demo\">\(pages.string("catalogue.demo", context).htmlEscaped)</span>" : "") + "</td>"
                + columns.map { "<td>\(cell(entry, $0).htmlEscaped)</td>" }.joined()
                + "<td>\(pages.string("catalogue.state.\(entry.reviewState)", context).htmlEscaped)</td></tr>"
        }
        return html + "</tbody></table></div>"
    }

    private func downloads(_ studyID: String, kind: CatalogueKind, context: SanaripRequestContext) -> String {
        let base = "/studies/\(studyID)/catalogue/\(kind.rawValue)"
        let formats = CatalogueExport.Format.allCases.filter { $0 != .jsonld || kind == .courses }
        return "<p class=\"downloads\">\(pages.string("catalogue.template", context).htmlEscaped): "
            + "<a href=\"\(base.htmlEscaped)/template.xlsx\" download>XLSX</a> · <a href=\"\(base.htmlEscaped)/template.csv\" download>CSV</a>"
            + " — \(pages.string("catalogue.export", context).htmlEscaped): "
            + formats.map { "<a href=\"\(base.htmlEscaped)/export?format=\($0.rawValue)\" download>\($0.rawValue.uppercased())</a>" }.joined(separator: " · ")
            + " — <a href=\"\(base.htmlEscaped)/entries/new\">\(pages.string("catalogue.new", context).htmlEscaped)</a></p>"
    }

    private func importForm(_ studyID: String, kind: CatalogueKind, context: SanaripRequestContext) -> String {
        "<form class=\"catalogue-import\" method=\"post\" enctype=\"multipart/form-data\" action=\"/studies/\(studyID.htmlEscaped)/catalogue/\(kind.rawValue)/import\">"
            + "<input type=\"hidden\" name=\"_csrf\" value=\"\((context.sessions.session?.csrfToken ?? "").htmlEscaped)\">"
            + "<label>\(pages.string("catalogue.importFile", context).htmlEscaped) <input type=\"file\" name=\"file\" accept=\".csv,.xlsx\" required></label> "
            + "<button type=\"submit\">\(pages.string("catalogue.import", context).htmlEscaped)</button></form>"
    }

    // MARK: Files

    @Sendable func template(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        _ = try await study(context)
        let kind = try kind(context)
        let name = "\(kind.rawValue)-template.\(request.uri.path.hasSuffix(".xlsx") ? "xlsx" : "csv")"
        return Self.file(try CatalogueTemplate.data(kind, fileName: name), name: name)
    }

    @Sendable func export(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let studyID = try await study(context)
        let kind = try kind(context)
        guard let format = CatalogueExport.Format(rawValue: request.uri.queryParameters.get("format") ?? "csv") else { throw HTTPError(.badRequest) }
        do {
            let data = try await catalogue.export(studyID: studyID, kind: kind, format: format)
            return Self.file(data, name: "\(studyID)-\(kind.rawValue).\(format == .jsonld ? "jsonld" : format.rawValue)")
        } catch let error as CatalogueExportError {
            throw HTTPError(.badRequest, message: error.description)
        }
    }

    static func file(_ data: Data, name: String) -> Response {
        let type = switch URL(fileURLWithPath: name).pathExtension {
        case "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case "json": "application/json"
        case "jsonld": "application/ld+json"
        default: "text/csv; charset=utf-8"
        }
        return Response(status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(name)\"", .cacheControl: "no-store"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    @Sendable func upload(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let studyID = try await study(context)
        let kind = try kind(context)
        guard let user = context.identity else { throw HTTPError(.unauthorized) }
        let form = try await UploadForm.read(request)
        guard let file = form.file, !file.bytes.isEmpty, let name = file.filename else { throw HTTPError(.badRequest, message: "choose a CSV or XLSX file") }
        do {
            let counts = try await catalogue.importFile(Data(file.bytes), fileName: name, kind: kind, studyID: studyID, by: user.username)
            return Response(status: .seeOther, headers: [.location: "/studies/\(studyID)/catalogue?kind=\(kind.rawValue)&imported=\(counts.created + counts.updated)"])
        } catch let error as CatalogueImportError {
            let body = "<section class=\"problems\" role=\"alert\"><h2>\(pages.string("catalogue.importFailed", context).htmlEscaped) \(error.file.htmlEscaped)</h2>"
                + "<table class=\"catalogue-problems\"><thead><tr><th>\(pages.string("catalogue.row", context).htmlEscaped)</th><th>\(pages.string("catalogue.column", context).htmlEscaped)</th><th></th></tr></thead><tbody>"
                + error.problems.map { "<tr><td>\($0.row.map(String.init) ?? "")</td><td>\(($0.column ?? "").htmlEscaped)</td><td>\($0.message.htmlEscaped)</td></tr>" }.joined()
                + "</tbody></table></section>" + importForm(studyID, kind: kind, context: context)
            return try render(studyID, title: pages.string("catalogue.kind.\(kind.rawValue)", context), current: kind.rawValue, body: body,
                              request: request, context: context, status: .unprocessableContent)
        }
    }

    // MARK: One entry

    @Sendable func entry(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let studyID = try await study(context)
        let kind = try kind(context)
        let id = try context.parameters.require("entry")
        let existing = id == "new" ? nil : try await catalogue.entry(studyID: studyID, kind: kind, id: id)
        if id != "new" && existing == nil {
            guard let deleted = try await catalogue.deleted(studyID: studyID, kind: kind, id: id) else { throw HTTPError(.notFound) }
            let body = "<p class=\"note\">\(pages.string("catalogue.s4.deleted", context).htmlEscaped) \(id.htmlEscaped)</p>"
                + restoreForm(studyID, kind: kind, id: id, label: "catalogue.s4.restore", context: context) + (try await history(studyID, kind: kind, id: id, context: context))
            return try render(studyID, title: deleted.name(context.language.rawValue), current: kind.rawValue, body: body, synthetic: deleted.demo,
                              request: request, context: context, status: .notFound)
        }
        return try await entryPage(studyID, kind: kind, id: id, cells: existing?.values ?? [:], demo: existing?.demo ?? false, problems: [], request: request, context: context)
    }

    private func entryPage(_ studyID: String, kind: CatalogueKind, id: String, cells: [String: String], demo: Bool, problems: [CatalogueProblem],
                           request: Request, context: SanaripRequestContext) async throws -> Response {
        let language = context.language.rawValue
        let title = id == "new" ? pages.string("catalogue.new", context) : CatalogueEntry(kind: kind, id: id, values: cells).name(language)
        var body = ""
        if !problems.isEmpty {
            body += "<ul class=\"problems\" role=\"alert\">" + problems.map { "<li>\($0.description.htmlEscaped)</li>" }.joined() + "</ul>"
        }
        body += "<form method=\"post\" class=\"catalogue-entry\"><input type=\"hidden\" name=\"_csrf\" value=\"\((context.sessions.session?.csrfToken ?? "").htmlEscaped)\">"
        let words = self.words(context)
        for field in kind.schema.fields {
            let raw = cells[field.name] ?? ""
            let value = raw.replacingOccurrences(of: ";", with: "; ")
            let readOnly = field.name == "id" && id != "new"
            let input: String
            switch field.type {
            case .choice(let values):
                input = "<select name=\"\(field.name)\"><option value=\"\"></option>"
                    + values.map { "<option value=\"\($0.htmlEscaped)\"\($0 == raw ? " selected" : "")>\(words.value(field.name, $0).htmlEscaped)</option>" }.joined() + "</select>"
            case .boolean:
                input = "<select name=\"\(field.name)\"><option value=\"\"></option>"
                    + ["yes", "no"].map { "<option value=\"\($0)\"\($0 == raw ? " selected" : "")>\(words["catalogue.s4.\($0)"].htmlEscaped)</option>" }.joined() + "</select>"
            default:
                input = field.name.hasPrefix("description")
                    ? "<textarea name=\"\(field.name)\" rows=\"3\">\(value.htmlEscaped)</textarea>"
                    : "<input name=\"\(field.name)\" value=\"\(value.htmlEscaped)\"\(readOnly ? " readonly" : "")>"
            }
            // Lists take codes separated by ';': the allowed ones are shown with their meaning.
            var hint = field.required ? "*" : ""
            if case .list(let values?) = field.type {
                hint += " (" + values.map { code in
                    let label = field.name == "target_groups" ? words["catalogue.group.\(code)"] : words.value(field.name, code)
                    return label == code ? code : "\(code) = \(label)"
                }.joined(separator: "; ") + ")"
            }
            body += "<label><span>\(words.field(field.name).htmlEscaped)\(hint.isEmpty ? "" : " " + hint.htmlEscaped)</span> \(input)</label>"
        }
        body += "<button type=\"submit\">\(pages.string("catalogue.save", context).htmlEscaped)</button></form>"
        if kind == .laws && id != "new" {
            body += try await amendments(studyID, id: id, amends: CatalogueEntry(kind: kind, id: id, values: cells).list("amends"), context: context)
        }
        if id != "new" {
            body += "<p><a class=\"danger\" href=\"/studies/\(studyID.htmlEscaped)/catalogue/\(kind.rawValue)/entries/\(id.htmlEscaped)/delete\">\(words["catalogue.s4.delete"].htmlEscaped)</a></p>"
            body += try await history(studyID, kind: kind, id: id, context: context)
        }
        return try render(studyID, title: title, current: kind.rawValue, body: body, synthetic: demo, request: request, context: context,
                          status: problems.isEmpty ? .ok : .unprocessableContent)
    }

    /// The acts a law amends and the acts amending it.
    private func amendments(_ studyID: String, id: String, amends: [String], context: SanaripRequestContext) async throws -> String {
        let laws = try await catalogue.entries(studyID: studyID, kind: .laws)
        let language = context.language.rawValue
        func link(_ law: CatalogueEntry) -> String {
            "<li><a href=\"/studies/\(studyID.htmlEscaped)/catalogue/laws/entries/\(law.id.htmlEscaped)\">\(law.name(language).htmlEscaped)</a> (\(law["adopted"].htmlEscaped))</li>"
        }
        let amended = laws.filter { amends.contains($0.id) }
        let amending = laws.filter { $0.list("amends").contains(id) }.sorted { $0["adopted"] < $1["adopted"] }
        return "<h2>\(pages.string("catalogue.amends", context).htmlEscaped)</h2><ul>" + amended.map(link).joined() + "</ul>"
            + "<h2>\(pages.string("catalogue.amendedBy", context).htmlEscaped)</h2><ul>" + amending.map(link).joined() + "</ul>"
    }

    /// The entry's change history from the audit log, newest first, with the fields each change touched.
    private func history(_ studyID: String, kind: CatalogueKind, id: String, context: SanaripRequestContext) async throws -> String {
        let words = self.words(context)
        let history = try await auditLog.entries(objectType: "catalogue_entry", objectID: "\(studyID)/\(kind.rawValue)/\(id)")
        return "<h2>\(words["catalogue.history"].htmlEscaped)</h2><ul class=\"history\">"
            + history.reversed().map { item in
                let fields = item.detail.keys.filter { kind.schema.field(named: $0) != nil }.sorted().map(words.field)
                return "<li>\(ISO8601DateFormatter().string(from: item.at).htmlEscaped) — \(item.user.htmlEscaped) — \(item.action.rawValue.htmlEscaped)"
                    + (fields.isEmpty ? "" : ": " + fields.joined(separator: ", ").htmlEscaped) + "</li>"
            }.joined() + "</ul>"
    }

    private func restoreForm(_ studyID: String, kind: CatalogueKind, id: String, label: String, context: SanaripRequestContext) -> String {
        "<form class=\"inline\" method=\"post\" action=\"/studies/\(studyID.htmlEscaped)/catalogue/\(kind.rawValue)/entries/\(id.htmlEscaped)/restore\">"
            + "<input type=\"hidden\" name=\"_csrf\" value=\"\((context.sessions.session?.csrfToken ?? "").htmlEscaped)\">"
            + "<button type=\"submit\">\(pages.string(label, context).htmlEscaped)</button></form>"
    }

    // MARK: Deleting and restoring

    /// Asks before deleting: the entry's name and what deleting does, with the delete button and a way back.
    @Sendable func confirmDelete(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let studyID = try await study(context)
        let kind = try kind(context)
        let id = try context.parameters.require("entry")
        guard let entry = try await catalogue.entry(studyID: studyID, kind: kind, id: id) else { throw HTTPError(.notFound) }
        let words = self.words(context)
        let path = "/studies/\(studyID)/catalogue/\(kind.rawValue)/entries/\(id)"
        let body = "<section class=\"confirm\" role=\"alertdialog\" aria-labelledby=\"confirm-title\"><h2 id=\"confirm-title\">\(words["catalogue.s4.deleteTitle"].htmlEscaped)</h2>"
            + "<p><strong>\(entry.name(words.code).htmlEscaped)</strong> (\(words.field("id").htmlEscaped): \(id.htmlEscaped))</p><p>\(words["catalogue.s4.deleteText"].htmlEscaped)</p>"
            + "<form method=\"post\" action=\"\(path.htmlEscaped)/delete\"><input type=\"hidden\" name=\"_csrf\" value=\"\((context.sessions.session?.csrfToken ?? "").htmlEscaped)\">"
            + "<button type=\"submit\" class=\"danger\">\(words["catalogue.s4.delete"].htmlEscaped)</button> <a href=\"\(path.htmlEscaped)\">\(words["catalogue.s4.cancel"].htmlEscaped)</a></form></section>"
        return try render(studyID, title: entry.name(words.code), current: kind.rawValue, body: body, synthetic: entry.demo, request: request, context: context)
    }

    /// The study, kind and entry id of a change, and who makes it.
    private func change(_ context: SanaripRequestContext) async throws -> (studyID: String, kind: CatalogueKind, id: String, user: User) {
        let studyID = try await study(context)
        let kind = try kind(context)
        let id = try context.parameters.require("entry")
        guard let user = context.identity else { throw HTTPError(.unauthorized) }
        return (studyID, kind, id, user)
    }

    @Sendable func delete(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let (studyID, kind, id, user) = try await change(context)
        guard try await catalogue.entry(studyID: studyID, kind: kind, id: id) != nil else { throw HTTPError(.notFound) }
        try await catalogue.delete(studyID: studyID, kind: kind, id: id, by: user.username)
        let query = id.addingPercentEncoding(withAllowedCharacters: CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_.~"))) ?? id
        return Response(status: .seeOther, headers: [.location: "/studies/\(studyID)/catalogue?kind=\(kind.rawValue)&deleted=\(query)"])
    }

    @Sendable func restore(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let (studyID, kind, id, user) = try await change(context)
        guard try await catalogue.restore(studyID: studyID, kind: kind, id: id, by: user.username) else {
            throw HTTPError(.conflict, message: "catalogue entry \(kind.rawValue)/\(id) is not deleted, or its deletion kept nothing to restore")
        }
        return Response(status: .seeOther, headers: [.location: "/studies/\(studyID)/catalogue/\(kind.rawValue)/entries/\(id)"])
    }

    @Sendable func saveEntry(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let (studyID, kind, id, user) = try await change(context)
        var cells = try await request.form([String: String].self, context: context)
        cells[CSRFMiddleware.fieldName] = nil
        let existing = id == "new" ? nil : try await catalogue.entry(studyID: studyID, kind: kind, id: id)
        if id != "new" {
            guard existing != nil else { throw HTTPError(.notFound) }
            cells["id"] = id
        }
        let schema = kind.schema
        let checked = schema.entry(cells: cells, row: nil, demo: existing?.demo ?? false)
        var problems = checked.problems
        if let entry = checked.entry {
            let context = try await catalogue.context(studyID: studyID)
            problems += schema.checkPlaces(entry, row: nil, context: context) + schema.checkReferences([entry], rows: [nil], context: context)
            if id == "new", context.existingIDs[kind]?.contains(entry.id) == true {
                problems.append(CatalogueProblem(row: nil, column: "id", message: "'\(entry.id)' is already used; choose another id"))
            }
            if problems.isEmpty {
                try await catalogue.save([entry], studyID: studyID, by: user.username)
                return Response(status: .seeOther, headers: [.location: "/studies/\(studyID)/catalogue/\(kind.rawValue)/entries/\(entry.id)"])
            }
        }
        return try await entryPage(studyID, kind: kind, id: id, cells: cells, demo: existing?.demo ?? false, problems: problems, request: request, context: context)
    }
}
