import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SanaripInstrument
import SanaripStorage

/// The OpenRosa API ODK Collect speaks: form list, form and media downloads, manifests and submissions,
/// under `/key/TOKEN/` for collectors' devices. Every answer, errors included, is an OpenRosa document with
/// `X-OpenRosa-Version: 1.0`, `X-OpenRosa-Accept-Content-Length` and `Date`.
struct OpenRosaController: Sendable {
    let stores: Stores
    let collectors: CollectorRegistry
    let intake: SubmissionIntake
    /// The largest request body accepted, in bytes; announced as `X-OpenRosa-Accept-Content-Length`.
    let sizeLimit: Int

    init(stores: Stores, dataDirectory: URL, sizeLimit: Int) {
        self.stores = stores
        self.collectors = CollectorRegistry(collectors: stores.collectors)
        self.intake = SubmissionIntake(stores: stores, dataDirectory: dataDirectory)
        self.sizeLimit = sizeLimit
    }

    /// The routes, relative to the collector's `/key/TOKEN` and, with HTTP Basic authentication, to the root.
    static let routes: [(method: HTTPRequest.Method, path: String)] = [
        (.get, "formList"),
        (.get, "formVersions/:id/form.xml"),
        (.get, "formVersions/:id/manifest"),
        (.get, "formVersions/:id/media/:filename"),
        (.head, "submission"),
        (.post, "submission"),
    ]

    /// Adds ``routes`` to `group`: under `key/:token` the token identifies the collector; elsewhere the
    /// group's middleware must have set the signed-in user (``OpenRosaAuthenticator``).
    func addRoutes(to group: RouterGroup<SanaripRequestContext>) {
        group.get("formList") { request, context in
            try await respond(request, context, openRosa: true) { base, sender in try await formList(base: base, sender: sender) }
        }
        group.get("formVersions/:id/form.xml") { request, context in
            try await respond(request, context, openRosa: false) { _, sender in try await form(context, sender: sender) }
        }
        group.get("formVersions/:id/manifest") { request, context in
            try await respond(request, context, openRosa: true) { base, sender in try await manifest(context, base: base, sender: sender) }
        }
        group.get("formVersions/:id/media/:filename") { request, context in
            try await respond(request, context, openRosa: false) { _, sender in try await media(context, sender: sender) }
        }
        group.on("submission", method: .head) { request, context in
            try await respond(request, context, openRosa: true) { _, _ in (.noContent, nil, ByteBuffer()) }
        }
        group.post("submission") { request, context in
            try await respond(request, context, openRosa: true) { _, sender in
                try await submission(request, context, sender: sender)
            }
        }
    }

    /// A response body with its status and content type (nil keeps the OpenRosa XML type).
    typealias Reply = (status: HTTPResponse.Status, contentType: String?, body: ByteBuffer)

    /// Identifies the sender (the collector's token, else the signed-in user), checks the OpenRosa version
    /// header, runs `handler` and writes its reply or the error as an OpenRosa message.
    private func respond(
        _ request: Request, _ context: SanaripRequestContext, openRosa: Bool,
        _ handler: (_ base: String, _ sender: SubmissionIntake.Sender) async throws -> Reply
    ) async throws -> Response {
        do {
            let sender: SubmissionIntake.Sender
            var base = Self.origin(of: request, context: context)
            if let token = context.parameters.get("token") {
                sender = try await collector(token: token)
                base += "/key/\(token)"
            } else if let user = context.identity {
                // Admins use every study's forms; everyone else those of the studies they belong to.
                let studies = user.role == .admin ? nil : try await stores.users.memberships(userID: user.id ?? 0)
                sender = SubmissionIntake.Sender(name: user.username, studies: studies)
            } else {
                throw OpenRosaProblem(.unauthorized, "Sign in with your user name and password.")
            }
            if openRosa && request.headers[.openRosaVersion] != "1.0" {
                throw OpenRosaProblem(.badRequest, "This is an OpenRosa 1.0 server: send the header X-OpenRosa-Version: 1.0, as ODK Collect does.")
            }
            var (status, contentType, body) = try await handler(base, sender)
            if status == .noContent { (contentType, body) = (nil, ByteBuffer()) }
            return OpenRosaResponse.response(status, contentType: contentType, body: body, acceptContentLength: sizeLimit)
        } catch {
            let problem = OpenRosaProblem(error)
            if problem.status == .internalServerError {
                context.logger.error("OpenRosa request failed", metadata: ["path": .string(request.uri.path), "error": .string("\(error)")])
            }
            return OpenRosaResponse.problem(problem, acceptContentLength: sizeLimit)
        }
    }

    /// The active collector the token belongs to.
    private func collector(token: String) async throws -> SubmissionIntake.Sender {
        guard let collector = try await collectors.collector(token: token) else {
            throw OpenRosaProblem(.forbidden, "This collector key is not known to the server. Ask your coordinator for the current settings (QR code).")
        }
        guard collector.isActive else {
            throw OpenRosaProblem(.forbidden, "This collector key was revoked. Ask your coordinator for new settings (QR code).")
        }
        return SubmissionIntake.Sender(name: "collector:\(collector.name)", collectorID: collector.id, studies: collector.studyID.map { [$0] })
    }

    /// `scheme://host` as the client reached the server (behind a proxy, as `X-Forwarded-Proto` says).
    private static func origin(of request: Request, context: SanaripRequestContext) -> String {
        // HTTPS only when the connection or a trusted proxy (``ClientOriginMiddleware``) says so.
        let scheme = context.overTLS ? "https" : (request.head.scheme ?? "http")
        let host = request.head.authority ?? request.headers[.host] ?? "localhost"
        return "\(scheme)://\(host)"
    }

    /// The newest version of every form of the studies the sender may use.
    private func formList(base: String, sender: SubmissionIntake.Sender) async throws -> Reply {
        var entries: [(version: FormVersion, hasMedia: Bool)] = []
        for version in try await stores.forms.latestVersions() {
            guard try await sender.mayUse(instrumentID: version.instrumentID, cache: intake.instruments) else { continue }
            entries.append((version, !(try await stores.forms.media(formVersionID: version.id ?? 0)).isEmpty))
        }
        return (.ok, nil, ByteBuffer(string: OpenRosaResponse.formList(entries, base: base)))
    }

    /// The form version the path names, if the sender may use it (else 404, as for one that does not exist).
    private func formVersion(_ context: SanaripRequestContext, sender: SubmissionIntake.Sender) async throws -> FormVersion {
        guard let id = context.parameters.get("id", as: Int64.self), let version = try await stores.forms.formVersion(id: id),
            try await sender.mayUse(instrumentID: version.instrumentID, cache: intake.instruments)
        else {
            throw OpenRosaProblem(.notFound, "There is no such form version on this server. Refresh the form list (Get Blank Form).")
        }
        return version
    }

    private func form(_ context: SanaripRequestContext, sender: SubmissionIntake.Sender) async throws -> Reply {
        let version = try await formVersion(context, sender: sender)
        return (.ok, "text/xml; charset=utf-8", ByteBuffer(bytes: version.xform))
    }

    private func manifest(_ context: SanaripRequestContext, base: String, sender: SubmissionIntake.Sender) async throws -> Reply {
        let version = try await formVersion(context, sender: sender)
        let media = try await stores.forms.media(formVersionID: version.id ?? 0)
        return (.ok, nil, ByteBuffer(string: OpenRosaResponse.manifest(media, base: base)))
    }

    private func media(_ context: SanaripRequestContext, sender: SubmissionIntake.Sender) async throws -> Reply {
        let version = try await formVersion(context, sender: sender)
        let name = context.parameters.get("filename").flatMap { $0.removingPercentEncoding } ?? ""
        guard let file = try await stores.forms.media(formVersionID: version.id ?? 0).first(where: { $0.filename == name }) else {
            throw OpenRosaProblem(.notFound, "The form \(version.formID) has no media file '\(name)'.")
        }
        let data = try Data(contentsOf: intake.dataDirectory.appendingPathComponent(file.path))
        return (.ok, file.contentType, ByteBuffer(bytes: data))
    }

    /// `POST submission`: the multipart body is streamed, files straight to temporary files on disk.
    private func submission(_ request: Request, _ context: SanaripRequestContext, sender: SubmissionIntake.Sender) async throws -> Reply {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > sizeLimit { throw OpenRosaProblem.tooLarge(sizeLimit) }
        let parser: MultipartParser
        do {
            parser = try MultipartParser(contentType: request.headers[.contentType] ?? "")
        } catch {
            throw OpenRosaProblem(.badRequest, "A submission is sent as multipart/form-data with the part xml_submission_file, as ODK Collect sends it.")
        }
        let parts = try await SubmissionParts.read(request.body, parser: parser, limit: sizeLimit, temporaryDirectory: intake.temporaryDirectory)
        guard let xml = parts.xml else {
            throw OpenRosaProblem(.badRequest, "Required multipart POST field xml_submission_file missing.")
        }
        var sender = sender
        sender.deviceID = request.uri.queryParameters.get("deviceID")
        _ = try await intake.receive(xml: xml, uploads: parts.uploads, from: sender)
        return (.created, nil, ByteBuffer(string: OpenRosaResponse.message("full submission upload was successful!")))
    }
}

extension HTTPField.Name {
    static let host = Self("Host")!
}
