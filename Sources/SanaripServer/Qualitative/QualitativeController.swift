import Foundation
import Hummingbird
import SanaripCore
import SanaripQualitative
import SanaripReports
import SanaripStorage

/// The focus-group pages of a study (issue 12): projects, sessions with their pseudonymised participants and
/// transcript upload, the codebook, coding in the browser, agreement, the code × group heat map, quotes and the
/// downloads. Participants appear only as P1, P2… (moderators M1…); every page that shows transcript text or
/// participants' attributes, and every download, is written to the audit log.
struct QualitativeController: Sendable {
    let stores: Stores
    let pages: PageRenderer
    /// The project a study's pages open first (the CLI's default).
    static let defaultProject = "focus-groups"

    func addRoutes(to router: Router<SanaripRequestContext>) {
        router.get("/studies/{study}/qual", use: overview)
        router.get("/studies/{study}/qual/{project}", use: projectPage)
        router.post("/studies/{study}/qual/{project}/transcripts", use: upload)
        router.post("/studies/{study}/qual/{project}/participants/{participant}", use: editParticipant)
        router.get("/studies/{study}/qual/{project}/codebook", use: codebookPage)
        router.post("/studies/{study}/qual/{project}/codebook", use: importCodebook)
        router.get("/studies/{study}/qual/{project}/codebook.qdc", use: exportCodebook)
        router.post("/studies/{study}/qual/{project}/codes/{code}/memo", use: codeMemo)
        router.get("/studies/{study}/qual/{project}/transcripts/{transcript}", use: transcriptPage)
        router.post("/studies/{study}/qual/{project}/transcripts/{transcript}/turns", use: codeTurns)
        router.post("/studies/{study}/qual/{project}/transcripts/{transcript}/spans", use: codeSpan)
        router.post("/studies/{study}/qual/{project}/transcripts/{transcript}/codings/{coding}", use: editCoding)
        router.get("/studies/{study}/qual/{project}/agreement", use: agreementPage)
        router.get("/studies/{study}/qual/{project}/matrix", use: matrixPage)
        router.get("/studies/{study}/qual/{project}/quotes", use: quotesPage)
        router.get("/studies/{study}/qual/{project}/project.qdpx", use: exportProject)
        router.get("/studies/{study}/qual/{project}/codings.xlsx", use: exportCodings)
        router.get("/studies/{study}/qual/{project}/matrix.xlsx", use: exportMatrix)
        router.get("/studies/{study}/qual/{project}/quotes.xlsx", use: exportQuotes)
    }

    // MARK: shared

    /// The study and project named in the path.
    struct Place {
        var study: String
        var project: String
        var base: String { "/studies/\(study)/qual/\(project.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? project)" }
    }

    func place(_ context: SanaripRequestContext) throws -> Place {
        Place(study: try context.parameters.require("study"), project: try context.parameters.require("project"))
    }

    /// The stored project, or 404.
    func load(_ place: Place) async throws -> QualitativeProject {
        guard let project = try await stores.qualitative.project(study: place.study, name: place.project) else {
            throw HTTPError(.notFound, message: "study \(place.study) has no focus-group project \(place.project)")
        }
        return project
    }

    /// Records a view or change of sensitive material in the audit log.
    func audit(_ place: Place, _ action: AuditAction, _ context: SanaripRequestContext, _ detail: [String: String] = [:]) async throws {
        try await stores.auditLog.record(AuditEntry(user: context.identity?.username ?? "", action: action, objectType: "qual_project",
                                                    objectID: "\(place.study)/\(place.project)", detail: detail))
    }

    /// Whether the signed-in user's role holds `permission` (the route's own permission is checked by the guard).
    func may(_ permission: Permission, _ context: SanaripRequestContext) -> Bool {
        context.identity.map { AccessGuardMiddleware.policy.grants($0.role, permission) } ?? false
    }

    /// Links shared by the project's pages.
    func navigation(_ place: Place, _ context: SanaripRequestContext) -> [String: Any] {
        ["base": place.base, "projectName": place.project, "study": place.study,
         "mayViewTranscripts": may(.viewTranscripts, context), "mayCode": may(.codeTranscripts, context),
         "mayDownload": may(.downloadResults, context)]
    }

    /// The codebook in tree order with each code's depth.
    static func tree(_ codebook: Codebook) -> [(code: Code, depth: Int)] {
        var result: [(Code, Int)] = []
        var seen = Set<UUID>()
        func walk(_ parent: UUID?, _ depth: Int) {
            for code in codebook.children(of: parent) where seen.insert(code.id).inserted {
                result.append((code, depth))
                walk(code.id, depth + 1)
            }
        }
        walk(nil, 0)
        // Codes whose parent is missing still show, at the top level.
        for code in codebook.codes where !seen.contains(code.id) { result.append((code, 0)) }
        return result
    }

    /// `fields` without its empty strings, so that a template's `{{#field}}…{{/field}}` shows only what is there.
    static func present(_ fields: [String: Any]) -> [String: Any] {
        fields.filter { ($0.value as? String)?.isEmpty != true }
    }

    static func number(_ value: Double?, _ context: SanaripRequestContext, digits: Int = 3) -> String {
        value.map { LocalizedNumber.text($0, digits: digits, language: context.language.rawValue) } ?? "–"
    }

    /// A file download that is never cached.
    static func download(_ data: [UInt8], type: String, name: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-store", .contentDisposition: "attachment; filename=\"\(name)\""],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static let xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    // MARK: projects and sessions

    @Sendable func overview(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let study = try context.parameters.require("study")
        var names = try await stores.qualitative.projectNames(study: study)
        if !names.contains(Self.defaultProject) { names.insert(Self.defaultProject, at: 0) }
        return try pages.render("qual", [
            "projects": names.map { ["name": $0, "href": Place(study: study, project: $0).base] },
        ], request: request, context: context)
    }

    @Sendable func projectPage(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        try await projectPage(request, context: context, error: nil)
    }

    /// Sessions with their participants (pseudonyms, attributes, consent) and transcripts; the upload form. A project
    /// not stored yet shows empty, ready for its first transcript.
    func projectPage(_ request: Request, context: SanaripRequestContext, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let place = try place(context)
        let project = try await stores.qualitative.project(study: place.study, name: place.project) ?? QualitativeProject(name: place.project)
        let sessions = project.sessions.map { session -> [String: Any] in
            let people = project.participants.filter { $0.sessionID == session.id }
            return [
                "title": session.title,
                "facts": ([session.date, session.place, session.municipality, session.language]
                    + session.attributes.keys.sorted().map { "\($0): \(session.attributes[$0] ?? "")" }).filter { !$0.isEmpty }.joined(separator: " · "),
                "participants": people.map { person -> [String: Any] in
                    ["pseudonym": person.pseudonym, "moderator": person.isModerator, "consent": person.consent,
                     "attributes": person.attributes.keys.sorted().map { "\($0)=\(person.attributes[$0] ?? "")" }.joined(separator: ", ")]
                },
                "transcripts": project.transcripts.filter { $0.sessionID == session.id }.map { transcript -> [String: Any] in
                    ["name": transcript.name, "turns": transcript.turns.count, "characters": transcript.length,
                     "href": "\(place.base)/transcripts/\(transcript.name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? transcript.name)",
                     "codings": project.codings.filter { $0.transcriptID == transcript.id }.count]
                },
            ]
        }
        try await audit(place, "qual.view", context, ["view": "sessions"])
        var page = navigation(place, context)
        page.merge([
            "sessions": sessions, "hasSessions": !sessions.isEmpty, "coders": project.coders.map(\.name).joined(separator: ", "),
            "codings": project.codings.count, "hasError": error != nil, "errorText": error ?? "",
        ]) { $1 }
        return try pages.render("qual-project", page, request: request, context: context, status: status)
    }

    /// Session group attributes the upload form asks for (values as the survey codes them).
    static let sessionFields = ["eservice_use", "target", "urban_rural", "oblast"]

    /// A transcript (.txt/.docx/.odt) with its participants CSV, imported as the CLI imports it: all or nothing.
    @Sendable func upload(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let place = try place(context)
        let form = try await UploadForm.read(request)
        do {
            guard let file = form.fields.first(where: { $0.name == "transcript" && !($0.filename ?? "").isEmpty && !$0.bytes.isEmpty }),
                  let fileName = file.filename else {
                throw QualitativeError.invalid(pages.string("qual.upload.noFile", context))
            }
            let participantsFile = form.fields.first { $0.name == "participantsFile" && !$0.bytes.isEmpty }
            let participantsName = participantsFile?.filename ?? "participants"
            let participantsText = participantsFile.map { String(decoding: $0.bytes, as: UTF8.self) } ?? form["participants"] ?? ""
            guard !participantsText.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw QualitativeError.invalid("\(fileName): " + pages.string("qual.upload.noParticipants", context))
            }
            let table = try ParticipantTable.parse(participantsText, file: participantsName)
            let text = try DocumentText.read(Data(file.bytes), file: fileName)
            var attributes: [String: String] = [:]
            for field in Self.sessionFields {
                let value = (form[field] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                if !value.isEmpty { attributes[field] = value }
            }
            let stem = (fileName as NSString).deletingPathExtension
            func field(_ name: String) -> String { (form[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
            let session = FocusGroupSession(title: field("title").isEmpty ? stem : field("title"), date: field("date"), place: field("place"),
                                            municipality: field("municipality"), moderator: field("moderator"), language: field("language"),
                                            attributes: attributes)
            var project = try await stores.qualitative.project(study: place.study, name: place.project)
                ?? QualitativeProject(name: place.project, codebook: try Codebook.starter())
            try project.importTranscript(name: stem, text: text, participants: table, session: session, file: fileName)
            try await stores.qualitative.save(project, study: place.study)
            try await audit(place, "qual.import", context, ["file": fileName, "transcript": stem])
        } catch let error as QualitativeError {
            return try await projectPage(request, context: context, error: error.description, status: .badRequest)
        }
        return .redirect(to: place.base, type: .normal)
    }

    /// Corrects a participant's attributes and consent from the sessions page.
    @Sendable func editParticipant(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let place = try place(context)
        var project = try await load(place)
        let pseudonym = try context.parameters.require("participant")
        let form = try await request.form([String: String].self, context: context)
        do {
            try project.updateParticipant(pseudonym, attributes: form["attributes"] ?? "", consent: form["consent"] == "1")
        } catch {
            return try await projectPage(request, context: context, error: error.description, status: .badRequest)
        }
        try await stores.qualitative.save(project, study: place.study)
        try await audit(place, "qual.participant", context, ["participant": pseudonym])
        return .redirect(to: place.base, type: .normal)
    }

    // MARK: codebook

    @Sendable func codebookPage(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        try await codebookPage(request, context: context, error: nil)
    }

    /// The code tree with names and definitions in Kyrgyz, Russian and English, notes, and the researcher's memos.
    func codebookPage(_ request: Request, context: SanaripRequestContext, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let place = try place(context)
        let project = try await load(place)
        let me = context.identity?.username ?? ""
        let codes = Self.tree(project.codebook).map { code, depth -> [String: Any] in
            let memos = project.memos.filter { $0.codeID == code.id }
            return Self.present([
                "key": code.key, "depth": depth, "indent": String(repeating: "— ", count: depth),
                "names": ["ky", "ru", "en"].map { ["lang": $0, "name": code.names[$0] ?? "", "definition": code.definitions[$0] ?? ""] },
                "include": code.include, "exclude": code.exclude, "example": code.example, "source": code.source,
                "myMemo": memos.first { $0.author == me }?.text ?? "",
                "otherMemos": memos.filter { $0.author != me }.map { ["author": $0.author, "text": $0.text] },
                "memoAction": "\(place.base)/codes/\(code.key.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? code.key)/memo",
            ])
        }
        var page = navigation(place, context)
        page.merge(["codes": codes, "hasError": error != nil, "errorText": error ?? ""]) { $1 }
        return try pages.render("qual-codebook", page, request: request, context: context, status: status)
    }

    /// Adds the codes of a REFI-QDA codebook (.qdc) or the trilingual CSV whose keys are new.
    @Sendable func importCodebook(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let place = try place(context)
        var project = try await load(place)
        let form = try await UploadForm.read(request)
        do {
            guard let file = form.file, let name = file.filename, !file.bytes.isEmpty else {
                throw QualitativeError.invalid(pages.string("qual.upload.noFile", context))
            }
            let incoming = name.lowercased().hasSuffix(".csv")
                ? try Codebook.fromCSV(try DocumentText.plainText(Data(file.bytes), file: name), file: name)
                : try REFIQDA.readCodebook(Data(file.bytes), file: name)
            project.codebook.merge(incoming)
            try await stores.qualitative.save(project, study: place.study)
            try await audit(place, "qual.codebook.import", context, ["file": name])
        } catch let error as QualitativeError {
            return try await codebookPage(request, context: context, error: error.description, status: .badRequest)
        }
        return .redirect(to: "\(place.base)/codebook", type: .normal)
    }

    @Sendable func exportCodebook(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let place = try place(context)
        let project = try await load(place)
        let language = request.uri.queryParameters.get("lang").flatMap { InterfaceLanguage(rawValue: String($0)) } ?? context.language
        return Self.download(Array(REFIQDA.codebookXML(project.codebook, language: language.rawValue).utf8), type: "application/xml; charset=utf-8",
                             name: "\(place.project)-codebook.qdc")
    }

    @Sendable func codeMemo(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let place = try place(context)
        var project = try await load(place)
        let key = try context.parameters.require("code")
        guard let code = project.codebook.code(named: key) else { throw HTTPError(.notFound) }
        let form = try await request.form([String: String].self, context: context)
        do {
            try project.setMemo(form["memo"] ?? "", code: code.id, author: context.identity?.username ?? "")
        } catch {
            return try await codebookPage(request, context: context, error: error.description, status: .badRequest)
        }
        try await stores.qualitative.save(project, study: place.study)
        try await audit(place, "qual.memo", context, ["code": code.key])
        return .redirect(to: "\(place.base)/codebook#code-\(code.key)", type: .normal)
    }
}
