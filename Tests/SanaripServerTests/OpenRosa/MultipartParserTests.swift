import Foundation
import Testing

@testable import SanaripServer

@Suite("Multipart parser")
struct MultipartParserTests {
    /// The parts found when `body` arrives in pieces of `chunkSize` bytes.
    static func parts(of body: Data, chunkSize: Int, boundary: String = Fieldwork.boundary) throws -> [(name: String?, filename: String?, data: Data)] {
        var parser = try MultipartParser(contentType: "multipart/form-data; boundary=\"\(boundary)\"")
        var parts: [(name: String?, filename: String?, data: Data)] = []
        var index = body.startIndex
        while index < body.endIndex {
            let end = min(index + chunkSize, body.endIndex)
            try parser.feed(body[index..<end]) { event in
                switch event {
                case .partStart(let headers): parts.append((headers.name, headers.filename, Data()))
                case .bodyChunk(let bytes): parts[parts.count - 1].data.append(contentsOf: bytes)
                case .partEnd: break
                }
            }
            index = end
        }
        try parser.finish()
        return parts
    }

    @Test("the same parts come out whatever the size of the pieces the body arrives in", arguments: [1, 2, 7, 61, 4096, 1 << 20])
    func chunking(chunkSize: Int) throws {
        // Bytes that look like the start of a delimiter inside the file, to catch matches across pieces.
        let file = Data("\r\n--\r\n----sanarip\r\n".utf8) + Data((0..<5000).map { UInt8(truncatingIfNeeded: $0) }) + Data("\r\n-".utf8)
        let xml = Data("<data id=\"f\">é</data>".utf8)
        let body = Data("preamble\r\n".utf8) + Fieldwork.multipart([.xml(xml), .field("*isIncomplete*", "yes"), .file("a b.jpg", file)])
        let parts = try Self.parts(of: body, chunkSize: chunkSize)
        try #require(parts.count == 3)
        #expect(parts[0].name == "xml_submission_file" && parts[0].filename == "submission.xml" && parts[0].data == xml)
        #expect(parts[1].name == "*isIncomplete*" && parts[1].filename == nil && parts[1].data == Data("yes".utf8))
        #expect(parts[2].name == "a b.jpg" && parts[2].data == file)
    }

    @Test("a body cut short, garbage after a delimiter and a missing boundary are errors")
    func badBodies() throws {
        let body = Fieldwork.multipart([.xml(Data("<data/>".utf8))])
        #expect(throws: MultipartError.truncated) { try Self.parts(of: body.prefix(body.count - 10), chunkSize: 5) }
        let garbage = Data("--\(Fieldwork.boundary)XYZ\r\n".utf8) + body
        #expect(throws: MultipartError.malformed) { try Self.parts(of: garbage, chunkSize: 100) }
        #expect(throws: MultipartError.notMultipart) { try MultipartParser(contentType: "multipart/form-data") }
        #expect(throws: MultipartError.notMultipart) { try MultipartParser(contentType: "text/xml; boundary=x") }
    }

    @Test("the limits on padding after a delimiter and on a part's headers answer alike whatever pieces the body arrives in")
    func limitsIgnorePieces() throws {
        let boundary = Fieldwork.boundary
        func body(padding: Int, headerBytes: Int) -> Data {
            let disposition = "Content-Disposition: form-data; name=\"xml_submission_file\""
            let headers = disposition + "\r\nX-Filler: " + String(repeating: "f", count: max(0, headerBytes - disposition.count - 12))
            return Data("--\(boundary)\(String(repeating: " ", count: padding))\r\n\(headers)\r\n\r\n<data/>\r\n--\(boundary)--\r\n".utf8)
        }
        func outcome(_ data: Data, chunkSize: Int) -> String {
            do { return try Self.parts(of: data, chunkSize: chunkSize).map { "\($0.name ?? "-"):\($0.data.count)" }.joined() } catch { return "\(error)" }
        }
        let limit = MultipartParser.maxHeaderBytes
        var outcomes: Set<String> = []
        for (padding, headerBytes) in [(255, 100), (256, 100), (400, 100), (0, limit - 1), (0, limit), (0, limit + 1), (0, limit + 3), (0, limit + 40)] {
            let data = body(padding: padding, headerBytes: headerBytes)
            let whole = outcome(data, chunkSize: data.count)
            for chunkSize in [1, 2, 3, 5, 64, 4096] {
                #expect(outcome(data, chunkSize: chunkSize) == whole, "padding \(padding), headers \(headerBytes) bytes, pieces of \(chunkSize)")
            }
            outcomes.insert(whole)
        }
        #expect(outcomes.contains("xml_submission_file:7") && outcomes.contains("malformed"), "both sides of the limits are exercised: \(outcomes)")
    }
}
