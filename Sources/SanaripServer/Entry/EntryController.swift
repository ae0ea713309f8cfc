import Foundation
import Hummingbird
import SanaripCore
import SanaripInstrument
import SanaripStorage

/// Browser entry: supervisors type paper questionnaires into the workbench, one page per group, without
/// JavaScript. The server evaluates relevance, `required`, constraints and calculations with the instrument
/// engine after every page, saves the draft, and submits the finished form as the XML ODK Collect would send,
/// through the same intake.
struct EntryController: Sendable {
    let stores: Stores
    let intake: SubmissionIntake
    let files: EntryDraftFiles
    let pages: PageRenderer
    let now: @Sendable () -> Date

    init(stores: Stores, dataDirectory: URL, pages: PageRenderer, now: @escaping @Sendable () -> Date) {
        self.stores = stores
        self.intake = SubmissionIntake(stores: stores, dataDirectory: dataDirectory)
        self.files = EntryDraftFiles(dataDirectory: dataDirectory)
        self.pages = pages
        self.now = now
    }

    func addRoutes(to router: Router<SanaripRequestContext>) {
        router.get("/entry", use: list)
        router.post("/entry/{form}", use: start)
        router.get("/entry/drafts/{id}", use: page)
        router.post("/entry/drafts/{id}", use: save)
    }

    @Sendable func list(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let user = try user(context)
        var forms: [[String: Any]] = []
        for form in try await stores.forms.latestVersions() {
            guard let study = try await stores.instruments.instrument(id: form.instrumentID)?.studyID, context.sees(study: study) else { continue }
            forms.append(["formID": form.formID, "title": form.title, "version": form.version])
        }
        let drafts = try await stores.reviews.drafts(author: user.username).map { draft -> [String: Any] in
            ["id": draft.id ?? 0, "formID": draft.formID, "page": draft.page + 1, "updatedAt": context.language.format(draft.updatedAt)]
        }
        return try pages.render("entry", ["forms": forms, "drafts": drafts, "hasDrafts": !drafts.isEmpty], request: request, context: context)
    }

    @Sendable func start(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let user = try user(context)
        let formID = try context.parameters.require("form")
        guard let version = try await stores.forms.versions(formID: formID).first else { throw HTTPError(.notFound) }
        let instrument = try await intake.instruments.instrument(id: version.instrumentID)
        let stamp = Self.timestamp(now())
        var answers: [String: String] = [:]
        for located in instrument.walk() {
            guard case .question(let question) = located.element, case .metadata(let kind) = question.type else { continue }
            let path = located.path.joined(separator: "/")
            switch kind {
            case .start: answers[path] = stamp
            case .today: answers[path] = String(stamp.prefix(10))
            case .username: answers[path] = user.username
            case .deviceid: answers[path] = "sanarip:browser"
            default: break
            }
        }
        let form = EntryForm(instrument: instrument)
        let draft = try await stores.reviews.save(
            EntryDraft(formVersionID: version.id ?? 0, formID: formID, author: user.username, answers: form.settled(answers)), by: user.username
        )
        return .redirect(to: "/entry/drafts/\(draft.id ?? 0)", type: .normal)
    }

    @Sendable func page(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let (draft, form, version) = try await find(context)
        let index = request.uri.queryParameters.get("page").flatMap(Int.init) ?? draft.page
        return try render(draft, form: form, version: version, page: index, problems: [:], request: request, context: context)
    }

    @Sendable func save(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        var (draft, form, version) = try await find(context)
        // A page with a file question posts multipart/form-data: its text fields, and a file per question chosen.
        var posted: [String: String] = [:]
        var uploads: [String: UploadForm.Field] = [:]
        if UploadForm.isUpload(request) {
            for field in try await UploadForm.read(request).fields {
                if let filename = field.filename {
                    if !filename.isEmpty, !field.bytes.isEmpty, field.name.hasPrefix("f.") { uploads[String(field.name.dropFirst(2))] = field }
                } else if posted[field.name] == nil {
                    posted[field.name] = String(decoding: field.bytes, as: UTF8.self)
                }
            }
        } else {
            posted = try await request.form([String: String].self, context: context)
        }
        let index = min(max(posted["page"].flatMap(Int.init) ?? draft.page, 0), max(form.pages.count - 1, 0))
        let action = posted["action"] ?? "save"
        let before = form.questions(onPage: index, draft.answers)
        var texts = draft.answers
        var fileProblems: [String: String] = [:]
        for entry in before {
            let (path, question) = (entry.path, entry.question)
            switch question.type {
            case .note: continue
            case let type where SubmissionDocument.isFile(type):
                // A file question keeps its file until another is chosen.
                guard let upload = uploads[path] else { continue }
                guard upload.bytes.count <= EntryDraftFiles.maximumFileSize else {
                    fileProblems[path] = pages.string("collect.entry.fileTooLarge", context)
                        .replacingOccurrences(of: "%d", with: context.language.format(EntryDraftFiles.maximumFileSize / (1024 * 1024)))
                    continue
                }
                texts[path] = try files.store(upload.bytes, filename: upload.filename ?? "", draftID: draft.id ?? 0, at: now())
            case .selectMultiple(let list):
                let chosen = form.instrument.choiceList(named: list)?.choices.map(\.name).filter { posted["m.\(path).\($0)"] != nil } ?? []
                texts[path] = chosen.joined(separator: " ")
            case .acknowledge:
                texts[path] = posted["a.\(path)"] == nil ? "" : "OK"
            default:
                texts[path] = posted["a.\(path)"]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            }
            if texts[path]?.isEmpty == true { texts[path] = nil }
        }
        // Adding or removing an instance of a repeat the person entering sizes.
        if let repeatPath = action.split(separator: ":", maxSplits: 1).last.map(String.init), action.hasPrefix("add:") || action.hasPrefix("remove:"),
            form.openRepeats(onPage: index, draft.answers).contains(where: { $0.path == repeatPath })
        {
            let key = EntryForm.countKey(repeatPath)
            let count = texts[key].flatMap { Int($0) } ?? 1
            texts[key] = String(min(50, max(0, count + (action.hasPrefix("add:") ? 1 : -1))))
        }
        texts = form.settled(texts)
        draft.answers = texts
        draft.page = index
        let user = try user(context)
        draft = try await stores.reviews.save(draft, by: user.username)
        let language = context.language.rawValue
        let required = pages.string("review.entry.required", context)
        if !fileProblems.isEmpty {
            return try render(draft, form: form, version: version, page: index, problems: fileProblems, request: request, context: context)
        }
        switch action {
        case "previous":
            return .redirect(to: "/entry/drafts/\(draft.id ?? 0)?page=\(form.previousPage(before: index, texts))", type: .normal)
        case "next", "finish":
            // Questions that became relevant on this page are shown before going on, without complaints yet.
            if form.questions(onPage: index, texts).map(\.path) != before.map(\.path) {
                return try render(draft, form: form, version: version, page: index, problems: [:], request: request, context: context)
            }
            let problems = form.problems(onPage: index, texts, language: language, requiredMessage: required)
            if !problems.isEmpty {
                return try render(draft, form: form, version: version, page: index, problems: problems, request: request, context: context)
            }
            if action == "next", let next = form.nextPage(after: index, texts) {
                return .redirect(to: "/entry/drafts/\(draft.id ?? 0)?page=\(next)", type: .normal)
            }
            for page in form.pages.indices {
                let problems = form.problems(onPage: page, texts, language: language, requiredMessage: required)
                if !problems.isEmpty {
                    return try render(draft, form: form, version: version, page: page, problems: problems, request: request, context: context)
                }
            }
            for entry in form.entries(texts) where entry.question.type == .metadata(.end) { texts[entry.path] = Self.timestamp(now()) }
            let xml = form.xml(texts, instanceID: "uuid:\(UUID().uuidString.lowercased())")
            // The draft's files go to the intake as the parts of a Collect submission: stored under attachments/.
            let uploads = try form.entries(texts).filter { SubmissionDocument.isFile($0.question.type) }.compactMap { entry in
                try texts[entry.path].flatMap { try files.upload(named: $0, draftID: draft.id ?? 0, temporaryDirectory: intake.temporaryDirectory) }
            }
            let receipt = try await intake.receive(xml: xml, uploads: uploads, from: .init(name: user.username, deviceID: "sanarip:browser"))
            try await stores.reviews.deleteDraft(id: draft.id ?? 0, by: user.username)
            files.remove(draftID: draft.id ?? 0)
            let mayReview = AccessGuardMiddleware.policy.grants(user.role, .reviewSubmissions)
            return .redirect(to: mayReview ? "/submissions/\(receipt.submissionID)" : "/entry", type: .normal)
        default:
            let anchor = action.hasPrefix("add:") || action.hasPrefix("remove:") ? "#repeat-" + Self.anchor(String(action.drop { $0 != ":" }.dropFirst())) : ""
            return .redirect(to: "/entry/drafts/\(draft.id ?? 0)?page=\(index)\(anchor)", type: .normal)
        }
    }

    private func render(
        _ draft: EntryDraft, form: EntryForm, version: FormVersion, page index: Int, problems: [String: String], request: Request,
        context: SanaripRequestContext
    ) throws -> Response {
        let view = SubmissionAnswersView(instrument: form.instrument, language: context.language)
        let index = min(max(index, 0), max(form.pages.count - 1, 0))
        let answers = form.answers(draft.answers)
        var previousScope: [RepeatPosition] = []
        let questions = form.questions(onPage: index, draft.answers).map { entry -> [String: Any] in
            let (path, question) = (entry.path, entry.question)
            let text = draft.answers[path] ?? ""
            var item: [String: Any] = [
                "path": path, "id": "q-" + Self.anchor(path), "label": view.label(of: question),
                "hint": view.text(question.hint) ?? "", "value": text, "problem": problems[path] ?? "", "hasProblem": problems[path] != nil,
                "required": form.isRequired(question, answers),
            ]
            if entry.scope != previousScope, let repeatGroup = entry.ancestors.last(where: \.isRepeat), let position = entry.scope.last?.position {
                item["instance"] = "\(view.text(repeatGroup.label) ?? repeatGroup.name) \(position)"
            }
            previousScope = entry.scope
            switch question.type {
            case .note: item["isNote"] = true
            case .acknowledge: item["isAcknowledge"] = true; item["checked"] = text == "OK"
            case let type where SubmissionDocument.isFile(type):
                item["isFile"] = true
                item["hasFile"] = !text.isEmpty
                item["accept"] = Self.accept(type)
            case .selectOne(let list), .selectMultiple(let list):
                let chosen = Set(text.split(separator: " ").map(String.init))
                item[question.type == .selectOne(list: list) ? "isSelectOne" : "isSelectMultiple"] = true
                item["choices"] = (form.instrument.choiceList(named: list)?.choices ?? []).map { choice -> [String: Any] in
                    ["value": choice.name, "label": view.text(choice.label) ?? choice.name, "checked": chosen.contains(choice.name),
                     "id": "c-\(Self.anchor(path))-\(choice.name)"]
                }
            default:
                item["isInput"] = true
                item["inputType"] = Self.inputType(question.type)
                item["isNumber"] = Self.inputType(question.type) == "number"
            }
            return item
        }
        let group = form.pages.indices.contains(index) ? form.pages[index].group : nil
        let data: [String: Any] = [
            "draft": ["id": draft.id ?? 0, "formID": draft.formID, "title": version.title] as [String: Any],
            "page": index, "pageNumber": index + 1, "pageCount": form.pages.count,
            "heading": group.flatMap { view.text($0.label) } ?? version.title,
            "questions": questions,
            "repeats": form.openRepeats(onPage: index, draft.answers).map { repeatPath, group -> [String: Any] in
                let count = draft.answers[EntryForm.countKey(repeatPath)].flatMap { Int($0) } ?? 1
                return ["path": repeatPath, "id": "repeat-" + Self.anchor(repeatPath), "label": view.text(group.label) ?? group.name, "count": count, "canRemove": count > 0]
            },
            "hasProblems": !problems.isEmpty,
            "hasFiles": questions.contains { $0["isFile"] as? Bool == true },
            "hasPrevious": index > 0,
            "isLast": form.nextPage(after: index, draft.answers) == nil,
        ]
        return try pages.render("entry-page", data, request: request, context: context)
    }

    /// An HTML id fragment for a question path: `learning/training~2/tr_topic` → `learning-training-2-tr_topic`.
    static func anchor(_ path: String) -> String {
        path.replacingOccurrences(of: "~", with: "-").replacingOccurrences(of: "/", with: "-")
    }

    /// The file chooser's `accept` for a file question (as the XForm's `mediatype`).
    static func accept(_ type: QuestionType) -> String {
        switch type {
        case .image: "image/*"
        case .audio: "audio/*"
        case .video: "video/*"
        default: ""
        }
    }

    static func inputType(_ type: QuestionType) -> String {
        switch type {
        case .integer, .decimal, .range: "number"
        case .date: "date"
        case .time: "time"
        case .dateTime: "datetime-local"
        default: "text"
        }
    }

    /// `yyyy-MM-ddTHH:mm:ss.SSS+00:00`, as Collect writes `start` and `end` (in UTC here).
    static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss.SSS'+00:00'"
        return formatter.string(from: date)
    }

    private func find(_ context: SanaripRequestContext) async throws -> (EntryDraft, EntryForm, FormVersion) {
        guard let id = Int64(try context.parameters.require("id")), let draft = try await stores.reviews.draft(id: id),
            draft.author == context.identity?.username,
            let version = try await stores.forms.formVersion(id: draft.formVersionID)
        else { throw HTTPError(.notFound) }
        return (draft, EntryForm(instrument: try await intake.instruments.instrument(id: version.instrumentID)), version)
    }

    private func user(_ context: SanaripRequestContext) throws -> User {
        guard let user = context.identity else { throw HTTPError(.unauthorized) }
        return user
    }
}

extension EntryForm {
    /// The next page after `index` with a relevant question to answer, if any.
    func nextPage(after index: Int, _ texts: [String: String]) -> Int? {
        pages.indices.first { $0 > index && !(questions(onPage: $0, texts).isEmpty && openRepeats(onPage: $0, texts).isEmpty) }
    }

    /// The page before `index` with a relevant question, else the first.
    func previousPage(before index: Int, _ texts: [String: String]) -> Int {
        pages.indices.last { $0 < index && !(questions(onPage: $0, texts).isEmpty && openRepeats(onPage: $0, texts).isEmpty) } ?? 0
    }
}
