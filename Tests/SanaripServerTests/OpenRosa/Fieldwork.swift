import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SanaripStorage
import Testing

@testable import SanaripServer

/// A workbench with the `field_check` form published (versions 1 and 2) and one collector, on an in-memory
/// database and a temporary data folder, for driving the OpenRosa API as ODK Collect does.
struct Fieldwork {
    static let formFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/field-check")

    let stores: Stores
    let dataDirectory: URL
    let token: String
    let sizeLimit: Int

    init(sizeLimit: Int = 1 << 20) async throws {
        stores = try SanaripDatabase.inMemory().stores
        dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("sanarip-fieldwork-\(UUID().uuidString)")
        self.sizeLimit = sizeLimit
        let publisher = FormPublisher(stores: stores, dataDirectory: dataDirectory)
        _ = try await publisher.publish(contentsOf: Self.formFolder, by: "aida")
        let second = dataDirectory.appendingPathComponent("form-v2")
        try FileManager.default.copyItem(at: Self.formFolder, to: second)
        let settings = second.appendingPathComponent("settings.csv")
        try String(contentsOf: settings, encoding: .utf8).replacingOccurrences(of: ",field_check,1,", with: ",field_check,2,")
            .write(to: settings, atomically: true, encoding: .utf8)
        _ = try await publisher.publish(contentsOf: second, by: "aida")
        token = try await CollectorRegistry(collectors: stores.collectors).add(name: "Aida", by: "aida").token
    }

    /// Runs `test` against the application's router, whose clock is `now`.
    func test<Value>(
        now: @escaping @Sendable () -> Date = Date.init, _ test: @escaping @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        var logger = Logger(label: "sanarip-test")
        logger.logLevel = .critical
        let configuration = ServerConfiguration(
            port: 0, dataDirectory: dataDirectory, instrumentsDirectory: nil, adminPassword: "correct-horse-battery", bcryptCost: 4,
            now: now, submissionSizeLimit: sizeLimit, console: { _ in }
        )
        let app = try await buildApplication(stores: stores, configuration: configuration, logger: logger)
        return try await app.test(.router, test)
    }

    /// A submission of `field_check` as ODK Collect writes it.
    static func xml(_ instanceID: String, version: String = "1", name: String = "Bek", deprecatedID: String? = nil) -> Data {
        let meta = "<instanceID>\(instanceID)</instanceID>" + (deprecatedID.map { "<deprecatedID>\($0)</deprecatedID>" } ?? "")
        return Data("""
            <?xml version="1.0" encoding="UTF-8"?>
            <data xmlns:jr="http://openrosa.org/javarosa" xmlns:orx="http://openrosa.org/xforms" id="field_check" version="\(version)">\
            <start>2026-12-04T10:00:00.000+06:00</start><access><used_internet>1</used_internet><apps>whatsapp telegram</apps>\
            <age>34</age></access><photo>house.jpg</photo><member><member_name>Aida</member_name><member_age>34</member_age></member>\
            <member><member_name>\(name)</member_name><member_age>61</member_age></member><meta>\(meta)</meta></data>
            """.utf8)
    }

    /// One part of a multipart body.
    struct Part {
        var name: String
        var filename: String?
        var contentType: String
        var data: Data

        static func xml(_ data: Data) -> Part { Part(name: "xml_submission_file", filename: "submission.xml", contentType: "text/xml", data: data) }
        static func file(_ name: String, _ data: Data) -> Part { Part(name: name, filename: name, contentType: "image/jpeg", data: data) }
        static func field(_ name: String, _ value: String) -> Part { Part(name: name, filename: nil, contentType: "text/plain", data: Data(value.utf8)) }
    }

    static let boundary = "----sanarip-boundary-7MA4YWxkTrZu0gW"

    /// The parts as a `multipart/form-data` body with ``boundary``.
    static func multipart(_ parts: [Part]) -> Data {
        var body = Data()
        for part in parts {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(part.name)\"".utf8)
            if let filename = part.filename { body += Data("; filename=\"\(filename)\"".utf8) }
            body += Data("\r\nContent-Type: \(part.contentType)\r\n\r\n".utf8)
            body += part.data
            body += Data("\r\n".utf8)
        }
        return body + Data("--\(boundary)--\r\n".utf8)
    }

    static let openRosaHeaders: HTTPFields = [.openRosaVersion: "1.0"]

    /// POSTs `parts` to the collector's submission URL.
    func submit(_ client: any TestClientProtocol, _ parts: [Part], headers: HTTPFields = Fieldwork.openRosaHeaders) async throws -> TestResponse {
        var headers = headers
        headers[.contentType] = "multipart/form-data; boundary=\(Self.boundary)"
        return try await client.execute(uri: "/key/\(token)/submission", method: .post, headers: headers, body: ByteBuffer(bytes: Self.multipart(parts)))
    }

    /// MD5 of `data` by the system's `md5sum`, independent of the server's hashing.
    static func md5sum(_ data: Data) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/md5sum")
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(data)
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return String(text.prefix(32))
    }
}

extension TestResponse {
    /// True when the response carries the headers every OpenRosa response must.
    var hasOpenRosaHeaders: Bool {
        headers[.openRosaVersion] == "1.0" && headers[.openRosaAcceptContentLength].flatMap(Int.init) != nil && headers[.date] != nil
    }
}
