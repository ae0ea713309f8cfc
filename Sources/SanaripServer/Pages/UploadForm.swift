import Hummingbird

/// A small `multipart/form-data` form posted from a page (a file upload with its `_csrf` field), read whole.
struct UploadForm {
    /// One field: its name, the file name when it is a file, and its bytes.
    struct Field {
        var name: String
        var filename: String?
        var bytes: [UInt8]
    }

    /// The largest upload a page accepts.
    static let maximumSize = 16 * 1024 * 1024

    var fields: [Field]

    /// Whether `request` posts a multipart form.
    static func isUpload(_ request: Request) -> Bool {
        request.headers[.contentType]?.lowercased().hasPrefix("multipart/form-data") ?? false
    }

    /// Parses the body, collecting it up to ``maximumSize`` (the CSRF check has usually collected it already).
    static func read(_ request: Request) async throws -> UploadForm {
        var request = request
        let body = try await request.collectBody(upTo: maximumSize)
        do {
            var parser = try MultipartParser(contentType: request.headers[.contentType] ?? "")
            var fields: [Field] = []
            try parser.feed(body.readableBytesView) { event in
                switch event {
                case .partStart(let headers): fields.append(Field(name: headers.name ?? "", filename: headers.filename, bytes: []))
                case .bodyChunk(let chunk): fields[fields.count - 1].bytes += chunk
                case .partEnd: break
                }
            }
            try parser.finish()
            return UploadForm(fields: fields)
        } catch {
            throw HTTPError(.badRequest, message: "the upload could not be read; choose the file again and resend")
        }
    }

    /// The text of the field `name`.
    subscript(name: String) -> String? {
        fields.first { $0.name == name }.map { String(decoding: $0.bytes, as: UTF8.self) }
    }

    /// The first file field.
    var file: Field? { fields.first { $0.filename != nil } }
}
