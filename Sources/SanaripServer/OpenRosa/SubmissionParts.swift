import Foundation
import Hummingbird

/// The parts of a submission request: the XML in memory, every file in a temporary file.
struct SubmissionParts {
    var xml: Data?
    var uploads: [SubmissionIntake.Upload] = []

    /// The largest `xml_submission_file` accepted; attachments are limited only by the request's limit.
    static let xmlLimit = 20 * 1024 * 1024

    /// The file name an attachment part stands for: its field name, as ODK Central matches it (Collect sends
    /// the file name as both), else its file name; nil for names that could reach outside a folder.
    static func attachmentName(_ headers: MultipartPartHeaders) -> String? {
        let name = [headers.name, headers.filename].compactMap { $0 }.first { !$0.isEmpty } ?? ""
        guard !name.isEmpty, name != ".", name != "..", !name.contains("/"), !name.contains("\\"), !name.contains("\0") else { return nil }
        return name
    }

    static func read(
        _ body: RequestBody, parser: MultipartParser, limit: Int, temporaryDirectory: URL
    ) async throws -> SubmissionParts {
        var parser = parser
        var parts = SubmissionParts()
        enum Current { case xml(Data), file(SubmissionIntake.Upload), ignored }
        var current = Current.ignored
        var total = 0
        for try await chunk in body {
            total += chunk.readableBytes
            guard total <= limit else { throw OpenRosaProblem.tooLarge(limit) }
            do {
                try parser.feed(chunk.readableBytesView) { event in
                    switch event {
                    case .partStart(let headers):
                        if headers.name == "xml_submission_file" {
                            current = .xml(Data())
                        } else if headers.filename != nil, let filename = Self.attachmentName(headers) {
                            let file = try DurableFile(temporaryIn: temporaryDirectory)
                            current = .file(.init(name: filename, contentType: headers.contentType ?? MediaType.forFile(filename), file: file))
                        } else {
                            current = .ignored
                        }
                    case .bodyChunk(let bytes):
                        switch current {
                        case .xml(var data):
                            guard data.count + bytes.count <= xmlLimit else { throw OpenRosaProblem.tooLarge(xmlLimit) }
                            data.append(contentsOf: bytes)
                            current = .xml(data)
                        case .file(let upload):
                            try bytes.withUnsafeBytes { try upload.file.write($0) }
                        case .ignored:
                            break
                        }
                    case .partEnd:
                        switch current {
                        case .xml(let data): parts.xml = data
                        case .file(let upload): parts.uploads.append(upload)
                        case .ignored: break
                        }
                        current = .ignored
                    }
                }
            } catch is MultipartError {
                throw OpenRosaProblem(.badRequest, "Multipart form content failed to parse.")
            }
        }
        do {
            try parser.finish()
        } catch {
            throw OpenRosaProblem(.badRequest, "The request body ended before the multipart content did; nothing was stored. Send the submission again.")
        }
        return parts
    }
}
