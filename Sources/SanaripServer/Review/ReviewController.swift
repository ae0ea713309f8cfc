import Foundation
import Hummingbird
import SanaripCore
import SanaripStorage

/// Supervisors' review of submissions: the filtered, paged list; each submission with its answers, attachments,
/// versions, comments and review history; review states with comments; and edits that make a new version
/// through the same intake as ODK Collect's edits. Every change is written to the audit log by the stores.
struct ReviewController: Sendable {
    let stores: Stores
    let intake: SubmissionIntake
    let pages: PageRenderer
    static let pageSize = 50

    init(stores: Stores, dataDirectory: URL, pages: PageRenderer) {
        self.stores = stores
        self.intake = SubmissionIntake(stores: stores, dataDirectory: dataDirectory)
        self.pages = pages
    }

    func addRoutes(to router: Router<SanaripRequestContext>) {
        router.get("/submissions", use: list)
        router.get("/submissions/{id}", use: detail)
        router.post("/submissions/{id}/review", use: review)
        router.get("/submissions/{id}/edit", use: editPage)
        router.post("/submissions/{id}/edit", use: edit)
        router.get("/submissions/{id}/attachments/{name}", use: attachment)
    }

    /// The forms whose study the user sees, newest version of each.
    func visibleForms(_ context: SanaripRequestContext) async throws -> [(form: FormVersion, studyID: String)] {
        var result: [(FormVersion, String)] = []
        for form in try await stores.forms.latestVersions() {
            guard let study = try await stores.instruments.instrument(id: form.instrumentID)?.studyID, context.sees(study: study) else { continue }
            result.append((form, study))
        }
        return result.sorted { $0.0.formID < $1.0.formID }
    }

    @Sendable func list(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let parameters = request.uri.queryParameters
        func value(_ name: String) -> String? { parameters.get(name).flatMap { $0.isEmpty ? nil : $0 } }
        let forms = try await visibleForms(context)
        let chosen = value("form").map { id in forms.first { $0.form.formID == id } } ?? forms.first
        guard let chosen else {
            if value("form") != nil { throw HTTPError(.notFound) }
            return try pages.render("submissions", ["hasForms": false], request: request, context: context)
        }
        let instrument = try await intake.instruments.instrument(id: chosen.form.instrumentID)
        let fields = FieldworkFields(instrument: instrument)
        let view = SubmissionAnswersView(instrument: instrument, language: context.language)
        var query = SubmissionQuery(formID: chosen.form.formID, limit: Self.pageSize)
        query.version = value("version")
        query.reviewState = value("state").flatMap(SubmissionReviewState.init(rawValue:))
        query.submitter = value("interviewer")
        if let municipality = value("municipality"), let path = fields.path(of: fields.municipality?.name) {
            query.answers[path] = municipality
        }
        query.receivedFrom = value("from").flatMap(Self.day)
        query.receivedBefore = value("to").flatMap(Self.day).map { $0.addingTimeInterval(86_400) }
        let pageNumber = max(1, value("page").flatMap(Int.init) ?? 1)
        query.offset = (pageNumber - 1) * Self.pageSize
        let page = try await stores.reviews.page(query)
        let records = try await stores.reviews.fieldworkRecords(formID: chosen.form.formID, paths: [])
        let language = context.language
        let municipalityPath = fields.path(of: fields.municipality?.name)
        var items: [[String: Any]] = []
        for submission in page.submissions {
            let id = submission.id ?? 0
            var municipality = ""
            if let municipalityPath,
                let answer = try await stores.submissions.answerRows(submissionID: id).first?.answers.first(where: { $0.path == municipalityPath })
            {
                municipality = view.display(answer)
            }
            items.append([
                "id": id,
                "instanceID": submission.instanceID,
                "version": submission.version,
                "submitter": submission.submitter,
                "receivedAt": language.format(submission.receivedAt),
                "state": pages.string("review.states.\(submission.reviewState.rawValue)", context),
                "stateCode": submission.reviewState.rawValue,
                "municipality": municipality,
                "problems": submission.problems.count,
            ])
        }
        let versions = try await stores.forms.versions(formID: chosen.form.formID).map(\.version)
        let lastPage = max(1, (page.total + Self.pageSize - 1) / Self.pageSize)
        func link(page: Int) -> String {
            var items = ["form": chosen.form.formID, "page": String(page)]
            for name in ["version", "state", "interviewer", "municipality", "from", "to"] { items[name] = value(name) }
            return "/submissions?" + items.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.encode($0.value))" }.joined(separator: "&")
        }
        let choices = fields.municipality.flatMap { question -> [[String: Any]]? in
            guard case .selectOne(let list) = question.type, let choices = instrument.choiceList(named: list)?.choices else { return nil }
            return choices.map { ["value": $0.name, "label": view.text($0.label) ?? $0.name, "selected": $0.name == value("municipality")] }
        } ?? []
        let interviewers = Set(records.map(\.submitter)).sorted()
        let data: [String: Any] = [
            "hasForms": true,
            "forms": forms.map { ["formID": $0.form.formID, "title": $0.form.title, "selected": $0.form.formID == chosen.form.formID] },
            "form": ["formID": chosen.form.formID, "title": chosen.form.title],
            "versions": versions.map { ["value": $0, "selected": $0 == value("version")] },
            "states": SubmissionReviewState.allCases.map {
                ["value": $0.rawValue, "label": pages.string("review.states.\($0.rawValue)", context), "selected": $0.rawValue == value("state")]
            },
            "interviewers": interviewers.map { ["value": $0, "selected": $0 == value("interviewer")] },
            "municipalities": choices,
            "hasMunicipalities": !choices.isEmpty,
            "municipalityText": choices.isEmpty ? (value("municipality") ?? "") : "",
            "from": value("from") ?? "",
            "to": value("to") ?? "",
            "submissions": items,
            "hasSubmissions": !items.isEmpty,
            "total": language.format(page.total),
            "pageNumber": pageNumber,
            "lastPage": lastPage,
            "previous": pageNumber > 1 ? link(page: pageNumber - 1) : "",
            "next": pageNumber < lastPage ? link(page: pageNumber + 1) : "",
        ]
        return try pages.render("submissions", data, request: request, context: context)
    }

    @Sendable func detail(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let (submission, form) = try await find(context)
        let id = submission.id ?? 0
        let instrument = try await intake.instruments.instrument(id: form.instrumentID)
        let view = SubmissionAnswersView(instrument: instrument, language: context.language)
        let attachments = try await stores.submissions.attachments(submissionID: id)
        let rows = try await stores.submissions.answerRows(submissionID: id)
        let history = try await stores.submissions.history(rootInstanceID: submission.rootInstanceID)
        let comments = try await stores.reviews.comments(rootInstanceID: submission.rootInstanceID)
        let language = context.language
        var events: [[String: Any]] = []
        for version in history {
            for entry in try await stores.auditLog.entries(objectType: "submission", objectID: version.instanceID) {
                events.append([
                    "at": language.format(entry.at), "user": entry.user,
                    "action": pages.string("review.actions.\(entry.action.rawValue)", context),
                    "state": entry.detail["review_state"].map { pages.string("review.states.\($0)", context) } ?? "",
                ])
            }
        }
        let current = history.last { $0.isCurrent }
        let data: [String: Any] = [
            "submission": [
                "id": id,
                "instanceID": submission.instanceID,
                "formID": submission.formID,
                "formTitle": form.title,
                "version": submission.version,
                "submitter": submission.submitter,
                "deviceID": submission.deviceID ?? "",
                "receivedAt": language.format(submission.receivedAt),
                "state": pages.string("review.states.\(submission.reviewState.rawValue)", context),
                "isCurrent": submission.isCurrent,
                "currentID": current?.id ?? id,
                "problems": submission.problems,
                "hasProblems": !submission.problems.isEmpty,
            ] as [String: Any],
            "rows": view.rows(rows, submissionID: id, attachments: attachments),
            "attachments": attachments.map { attachment -> [String: Any] in
                [
                    "name": attachment.name, "present": attachment.isPresent,
                    "size": attachment.size.map { language.format(Int($0)) } ?? "",
                    "href": "/submissions/\(id)/attachments/\(Self.encode(attachment.name))",
                ]
            },
            "hasAttachments": !attachments.isEmpty,
            "versions": history.enumerated().map { index, version -> [String: Any] in
                [
                    "number": index + 1, "id": version.id ?? 0, "instanceID": version.instanceID, "submitter": version.submitter,
                    "receivedAt": language.format(version.receivedAt), "isCurrent": version.isCurrent, "isThis": version.id == submission.id,
                ]
            },
            "comments": comments.map { ["author": $0.author, "body": $0.body, "at": language.format($0.createdAt)] },
            "hasComments": !comments.isEmpty,
            "events": events,
            "states": SubmissionReviewState.allCases.filter { $0 != .edited }.map {
                ["value": $0.rawValue, "label": pages.string("review.states.\($0.rawValue)", context), "selected": $0 == submission.reviewState]
            },
        ]
        return try pages.render("submission", data, request: request, context: context)
    }

    @Sendable func review(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let (submission, _) = try await find(context)
        let form = try await request.form(ReviewForm.self, context: context)
        let actor = try actor(context)
        let comment = form.comment?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if let stateName = form.state, !stateName.isEmpty {
            guard let state = SubmissionReviewState(rawValue: stateName), state != .edited else { throw HTTPError(.badRequest, message: "unknown review state '\(stateName)'") }
            do {
                try await stores.reviews.review(submissionID: submission.id ?? 0, state: state, comment: comment, by: actor)
            } catch let error as StorageError {
                throw HTTPError(.conflict, message: "\(error)")
            }
        } else if !comment.isEmpty {
            try await stores.reviews.comment(submissionID: submission.id ?? 0, body: comment, by: actor)
        }
        return .redirect(to: "/submissions/\(submission.id ?? 0)", type: .normal)
    }

    @Sendable func editPage(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let (submission, form) = try await find(context)
        guard submission.isCurrent else { throw HTTPError(.conflict, message: "Only the current version can be edited.") }
        let instrument = try await intake.instruments.instrument(id: form.instrumentID)
        let view = SubmissionAnswersView(instrument: instrument, language: context.language)
        let answers = Dictionary(
            (try await stores.submissions.answerRows(submissionID: submission.id ?? 0).first?.answers ?? []).map { ($0.path, $0.text) },
            uniquingKeysWith: { first, _ in first }
        )
        let questions = Self.editable(instrument).map { path, question -> [String: Any] in
            var item: [String: Any] = ["path": path, "label": view.label(of: question), "value": answers[path] ?? ""]
            if case .selectOne(let list) = question.type, let choices = instrument.choiceList(named: list)?.choices {
                item["choices"] = choices.map { ["value": $0.name, "label": view.text($0.label) ?? $0.name, "selected": $0.name == answers[path]] }
                item["isSelect"] = true
            }
            return item
        }
        let data: [String: Any] = [
            "submission": ["id": submission.id ?? 0, "instanceID": submission.instanceID, "formTitle": form.title] as [String: Any],
            "questions": questions,
        ]
        return try pages.render("submission-edit", data, request: request, context: context)
    }

    @Sendable func edit(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let (submission, form) = try await find(context)
        let instrument = try await intake.instruments.instrument(id: form.instrumentID)
        let posted = try await request.form([String: String].self, context: context)
        let answers = Dictionary(
            (try await stores.submissions.answerRows(submissionID: submission.id ?? 0).first?.answers ?? []).map { ($0.path, $0.text) },
            uniquingKeysWith: { first, _ in first }
        )
        var changes: [String: String] = [:]
        for (path, _) in Self.editable(instrument) {
            guard let value = posted["a.\(path)"]?.trimmingCharacters(in: .whitespacesAndNewlines), value != (answers[path] ?? "") else { continue }
            changes[path] = value
        }
        guard !changes.isEmpty else { return .redirect(to: "/submissions/\(submission.id ?? 0)", type: .normal) }
        let edit = SubmissionEdit(answers: changes)
        let xml = try edit.apply(to: submission.xml)
        let receipt: SubmissionReceipt
        do {
            receipt = try await intake.receive(xml: xml, uploads: [], from: .init(name: try actor(context)))
        } catch let error as StorageError {
            throw HTTPError(.conflict, message: "\(error)")
        }
        return .redirect(to: "/submissions/\(receipt.submissionID)", type: .normal)
    }

    @Sendable func attachment(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let (submission, _) = try await find(context)
        let name = try context.parameters.require("name")
        guard let attachment = try await stores.submissions.attachments(submissionID: submission.id ?? 0).first(where: { $0.name == name }),
            attachment.isPresent, let path = attachment.path
        else { throw HTTPError(.notFound) }
        let data = try Data(contentsOf: intake.dataDirectory.appendingPathComponent(path))
        let type = attachment.contentType ?? "application/octet-stream"
        let inline = type.hasPrefix("image/") || type.hasPrefix("audio/") || type.hasPrefix("video/")
        let safeName = name.filter { $0.isASCII && $0 != "\"" && $0 != "\\" && !$0.isNewline }
        return Response(
            status: .ok,
            headers: [
                .contentType: type, .cacheControl: "no-store",
                .contentDisposition: "\(inline && request.uri.queryParameters.get("download") == nil ? "inline" : "attachment"); filename=\"\(safeName)\"",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
    }

    /// Questions outside repeats a supervisor may correct, by path: not notes, calculations or metadata.
    static func editable(_ instrument: Instrument) -> [(String, Question)] {
        instrument.walk().compactMap { located in
            guard !located.ancestors.contains(where: \.isRepeat), case .question(let question) = located.element else { return nil }
            switch question.type {
            case .note, .calculate, .metadata, .image, .audio, .video, .file, .hidden, .acknowledge: return nil
            default: return (located.path.joined(separator: "/"), question)
            }
        }
    }

    private func find(_ context: SanaripRequestContext) async throws -> (StoredSubmission, FormVersion) {
        guard let id = Int64(try context.parameters.require("id")), let submission = try await stores.reviews.submission(id: id),
            let form = try await stores.forms.formVersion(id: submission.formVersionID)
        else { throw HTTPError(.notFound) }
        return (submission, form)
    }

    private func actor(_ context: SanaripRequestContext) throws -> String {
        guard let user = context.identity else { throw HTTPError(.unauthorized) }
        return user.username
    }

    /// `yyyy-MM-dd` as the start of that day in UTC.
    static func day(_ text: String) -> Date? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-._~"))) ?? text
    }

    struct ReviewForm: Decodable {
        var state: String?
        var comment: String?
    }
}
