import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SanaripCore
import SanaripStorage

/// Exports from the web app: a form to choose the format, a page that follows the export's progress (it reloads
/// itself every two seconds with a `Refresh` header, no script) and the download. Sensitive questions are
/// included only for users holding ``Permission/viewSensitive`` who ask for them.
struct ExportController: Sendable {
    let jobs: ExportJobs
    let stores: Stores
    let pages: PageRenderer

    func addRoutes(to router: Router<SanaripRequestContext>) {
        router.get("/forms/{formID}/export", use: form)
        router.post("/forms/{formID}/export", use: start)
        router.get("/exports/{job}", use: progress)
        router.get("/exports/{job}/download", use: download)
    }

    struct ExportForm: Decodable {
        var format: String
        var lang: String?
        var labels: String?
        var sensitive: String?
        /// An encrypted form's private key (PEM), pasted for this export only: used in memory, never stored.
        var private_key: String?
    }

    @Sendable func form(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let formID = try await publishedFormID(context)
        return try render(formID: formID, maySeeSensitive: try await maySeeSensitive(context), request: request, context: context)
    }

    @Sendable func start(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let formID = try await publishedFormID(context)
        let input = try await request.form(ExportForm.self, context: context)
        guard let user = context.identity, let format = ExportFormat(rawValue: input.format) else {
            let error = pages.string("collect.export.badFormat", context)
            return try render(formID: formID, maySeeSensitive: false, error: error, request: request, context: context, status: .badRequest)
        }
        let lang = input.lang.flatMap { ["ky", "ru", "en"].contains($0) ? $0 : nil }
        let wantsSensitive = input.sensitive == "on"
        if wantsSensitive, try await !maySeeSensitive(context) { throw HTTPError(.forbidden) }
        let labels = input.labels == "on" && format != .sav ? (lang ?? "") : nil
        let options = SubmissionExport.Options(includeSensitive: wantsSensitive, labels: labels)
        var decryptor: SubmissionDecryptor?
        if let pem = input.private_key, !pem.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            do {
                decryptor = try SubmissionDecryptor(privateKeyPEM: pem)
            } catch {
                let message = pages.string("collect.export.badKey", context)
                return try render(formID: formID, maySeeSensitive: try await maySeeSensitive(context), error: message, request: request, context: context, status: .badRequest)
            }
        }
        let id = try await jobs.start(formID: formID, format: format, options: options, language: lang, owner: user.username, decryptor: decryptor)
        return .redirect(to: "/exports/\(id)", type: .normal)
    }

    @Sendable func progress(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let job = try await find(context)
        var page: [String: Any] = ["formID": job.formID, "format": job.format.rawValue, "id": job.id]
        var refresh = false
        switch job.state {
        case .running(let done, let total):
            page["running"] = ["done": done, "total": total, "percent": total == 0 ? 0 : min(100, done * 100 / total)]
            refresh = true
        case .finished(_, let name, let submissions, let leftOut):
            page["finished"] = ["name": name, "submissions": submissions, "leftOut": leftOut, "hasLeftOut": !leftOut.isEmpty]
        case .failed(let message):
            page["failed"] = message
        }
        var response = try pages.render("export-progress", page, request: request, context: context)
        if refresh { response.headers[.refresh] = "2" }
        return response
    }

    @Sendable func download(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let job = try await find(context)
        guard case .finished(let file, let name, _, _) = job.state else { throw HTTPError(.notFound) }
        let handle = try FileHandle(forReadingFrom: file)
        let size = try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int ?? 0
        let body = ResponseBody(contentLength: size) { writer in
            defer { try? handle.close() }
            while let chunk = try handle.read(upToCount: 1 << 16), !chunk.isEmpty {
                try await writer.write(ByteBuffer(bytes: chunk))
            }
            try await writer.finish(nil)
        }
        let type = name.hasSuffix(".zip") ? "application/zip" : job.format.contentType
        return Response(status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(name)\""], body: body)
    }

    private func render(
        formID: String, maySeeSensitive: Bool, error: String? = nil, request: Request, context: SanaripRequestContext, status: HTTPResponse.Status = .ok
    ) throws -> Response {
        var page: [String: Any] = ["formID": formID, "formats": ExportFormat.allCases.map(\.rawValue), "maySeeSensitive": maySeeSensitive]
        if let error { page["error"] = error }
        return try pages.render("export", page, request: request, context: context, status: status)
    }

    /// Whether the signed-in user may see the sensitive answers of the path's form.
    private func maySeeSensitive(_ context: SanaripRequestContext) async throws -> Bool {
        guard let user = context.identity else { return false }
        let study = try await StudyScope.publishedForm.study(of: context, in: stores)
        return AccessPolicy.standard.allows(user.role, .viewSensitive, inStudy: study, memberOf: context.memberships)
    }

    /// The form id of the path, if the form is published (the guard has checked the study).
    private func publishedFormID(_ context: SanaripRequestContext) async throws -> String {
        let formID = try context.parameters.require("formID")
        guard try await !stores.forms.versions(formID: formID).isEmpty else { throw HTTPError(.notFound) }
        return formID
    }

    /// The job of the path, if the signed-in user started it.
    private func find(_ context: SanaripRequestContext) async throws -> ExportJobs.Job {
        guard let user = context.identity, let job = await jobs.job(try context.parameters.require("job"), owner: user.username) else {
            throw HTTPError(.notFound)
        }
        return job
    }
}

extension HTTPField.Name {
    static let refresh = Self("Refresh")!
}
