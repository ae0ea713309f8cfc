import Foundation
import Hummingbird
import SanaripQualitative
import SanaripStorage

extension MediaController {
    func addDictionaryRoutes(to router: Router<SanaripRequestContext>) {
        router.get("/studies/{study}/media/dictionary", use: dictionary)
        router.get("/studies/{study}/media/dictionary.csv", use: dictionaryCSV)
        router.post("/studies/{study}/media/dictionary", use: uploadDictionary)
        router.post("/studies/{study}/media/dictionary/frames/{frame}", use: editFrame)
    }

    /// The versions of the study's frame dictionary, the current one's frames with a form each to edit their names
    /// and terms, and a form to upload a whole new version.
    @Sendable func dictionary(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        try await dictionaryPage(request, context: context)
    }

    func dictionaryPage(_ request: Request, context: SanaripRequestContext, error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let study = try context.parameters.require("study")
        let base = "/studies/\(study)/media"
        let version = request.uri.queryParameters.get("version").flatMap { Int($0) }
        let (current, saved) = try await MediaViews.dictionary(study: study, version: version, store: stores.mediaFrames)
        let versions = try await stores.mediaFrames.versions(study: study)
        let language = context.language.rawValue
        return try pages.render("media-dictionary", [
            "base": base, "hasError": error != nil, "errorText": error ?? "",
            "canEdit": context.identity.map { AccessGuardMiddleware.policy.grants($0.role, .editStudies) } ?? false,
            "current": saved.map { "\($0.version)" } ?? pages.string("mediaframes.builtIn", context),
            "versionQuery": saved.map { "?version=\($0.version)" } ?? "",
            "versions": versions.map { version -> [String: Any] in
                ["version": version.version, "savedBy": version.savedBy, "savedAt": context.language.format(version.savedAt), "note": version.note,
                 "current": version.version == saved?.version]
            },
            "hasVersions": !versions.isEmpty,
            "frames": current.frames.map { frame -> [String: Any] in
                var fields: [String: Any] = ["key": frame.key, "name": frame.name(language), "source": frame.source]
                for code in FrameDictionary.languages {
                    fields["name_\(code)"] = frame.names[code] ?? ""
                    fields["terms_\(code)"] = frame.terms.filter { $0.language == code }.map(\.text).joined(separator: "; ")
                }
                return fields
            },
        ], request: request, context: context, status: status)
    }

    /// The dictionary as CSV: `version` (default the latest, else the built-in one).
    @Sendable func dictionaryCSV(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let study = try context.parameters.require("study")
        let version = request.uri.queryParameters.get("version").flatMap { Int($0) }
        let (current, saved) = try await MediaViews.dictionary(study: study, version: version, store: stores.mediaFrames)
        try await stores.auditLog.record(AuditEntry(user: context.identity?.username ?? "", action: "media.export", objectType: "media_frame_dictionary",
                                                    objectID: study, detail: ["version": saved.map { String($0.version) } ?? "built-in"]))
        let name = saved.map { "frames-v\($0.version).csv" } ?? "frames-built-in.csv"
        return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .cacheControl: "no-store", .contentDisposition: "attachment; filename=\"\(name)\""],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: saved?.csv ?? current.csvText())))
    }

    /// A new version from an uploaded CSV file (or its text pasted): checked whole before it is saved.
    @Sendable func uploadDictionary(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let study = try context.parameters.require("study")
        var text = "", note = "", file = pages.string("mediaframes.pasted", context)
        if UploadForm.isUpload(request) {
            let form = try await UploadForm.read(request)
            if let upload = form.file, !upload.bytes.isEmpty {
                file = upload.filename ?? file
                text = String(decoding: upload.bytes, as: UTF8.self)
            } else {
                text = form["csv"] ?? ""
            }
            note = form["note"] ?? ""
        } else {
            struct Pasted: Decodable { var csv: String; var note: String? }
            let form = try await request.form(Pasted.self, context: context)
            text = form.csv
            note = form.note ?? ""
        }
        do {
            _ = try FrameDictionary.csv(text, file: file)
        } catch {
            return try await dictionaryPage(request, context: context, error: error.description, status: .badRequest)
        }
        let saved = try await stores.mediaFrames.save(csv: text, note: note.isEmpty ? file : note, study: study, by: context.identity?.username ?? "")
        return .redirect(to: "/studies/\(study)/media/dictionary?version=\(saved.version)", type: .normal)
    }

    struct FrameForm: Decodable {
        var name_ky: String?
        var name_ru: String?
        var name_en: String?
        var terms_ky: String?
        var terms_ru: String?
        var terms_en: String?
        var note: String?
    }

    /// A new version with one frame's names and terms as edited in its form, from the latest version.
    @Sendable func editFrame(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let study = try context.parameters.require("study"), key = try context.parameters.require("frame")
        let form = try await request.form(FrameForm.self, context: context)
        let (current, saved) = try await MediaViews.dictionary(study: study, version: nil, store: stores.mediaFrames)
        let edited: FrameDictionary
        do {
            edited = try current.replacing(frame: key, names: ["ky": form.name_ky ?? "", "ru": form.name_ru ?? "", "en": form.name_en ?? ""],
                                           terms: ["ky": form.terms_ky ?? "", "ru": form.terms_ru ?? "", "en": form.terms_en ?? ""],
                                           file: pages.string("mediaframes.frameForm", context) + " " + key)
        } catch {
            return try await dictionaryPage(request, context: context, error: error.description, status: .badRequest)
        }
        var versioned = edited
        versioned.version = ""
        let note = (form.note ?? "").trimmingCharacters(in: .whitespaces)
        let stored = try await stores.mediaFrames.save(csv: versioned.csvText(), note: note.isEmpty ? "\(key) (from \(saved.map { "v\($0.version)" } ?? "built-in"))" : note,
                                                       study: study, by: context.identity?.username ?? "")
        return .redirect(to: "/studies/\(study)/media/dictionary?version=\(stored.version)#\(key)", type: .normal)
    }
}
