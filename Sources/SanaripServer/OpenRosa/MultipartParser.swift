import Foundation

/// A streaming `multipart/form-data` parser: bytes go in as they arrive, parts come out as events, and a part's
/// body is handed over in pieces, so a large file never has to be held in memory.
///
/// ```swift
/// var parser = try MultipartParser(contentType: "multipart/form-data; boundary=xyz")
/// for try await chunk in body { try parser.feed(chunk) { event in … } }
/// try parser.finish()
/// ```
struct MultipartParser {
    /// What the parser found.
    enum Event {
        case partStart(MultipartPartHeaders)
        case bodyChunk(ArraySlice<UInt8>)
        case partEnd
    }

    private enum State { case preamble, afterDelimiter, headers, body, done }

    /// `CRLF--boundary`; the body starts with an implied CRLF so the first delimiter matches too.
    private let delimiter: [UInt8]
    private var buffer: [UInt8] = [13, 10]
    private var start = 0
    private var state = State.preamble
    /// Where the search for the end of the headers goes on when more bytes arrive (so byte-by-byte feeding stays linear).
    private var headersScanned = 0
    /// The most bytes a part's headers, and the padding after a delimiter, may take.
    static let maxHeaderBytes = 16 * 1024
    static let maxPaddingBytes = 255

    /// - Throws: ``MultipartError/notMultipart`` when the content type is not multipart with a boundary.
    init(contentType: String) throws(MultipartError) {
        guard contentType.lowercased().hasPrefix("multipart/"),
            let boundary = MultipartPartHeaders.parameters(of: contentType)["boundary"], !boundary.isEmpty, boundary.utf8.count <= 200
        else { throw .notMultipart }
        delimiter = Array("\r\n--\(boundary)".utf8)
    }

    /// True once the closing delimiter has been read.
    var isComplete: Bool { state == .done }

    /// Parses `bytes`, calling `handle` for each event they complete.
    mutating func feed(_ bytes: some Sequence<UInt8>, _ handle: (Event) throws -> Void) throws {
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeFirst(start)
            headersScanned = max(0, headersScanned - start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
        while true {
            switch state {
            case .done:
                start = buffer.count
                return
            case .preamble:
                guard let index = find(delimiter) else {
                    start = max(start, buffer.count - delimiter.count + 1)
                    return
                }
                start = index + delimiter.count
                state = .afterDelimiter
            case .afterDelimiter:
                guard buffer.count - start >= 2 else { return }
                if buffer[start] == UInt8(ascii: "-") && buffer[start + 1] == UInt8(ascii: "-") {
                    state = .done
                } else if let end = find([13, 10]) {
                    // Transport padding (spaces and tabs) may precede the line break.
                    guard end - start <= Self.maxPaddingBytes, buffer[start..<end].allSatisfy({ $0 == 32 || $0 == 9 }) else {
                        throw MultipartError.malformed
                    }
                    start = end + 2
                    state = .headers
                } else {
                    // The limits give the same answer whatever pieces the body arrives in: only a line break that
                    // could still start within the limit keeps the parser waiting.
                    guard buffer.count - start <= Self.maxPaddingBytes + 1 else { throw MultipartError.malformed }
                    return
                }
            case .headers:
                guard let end = find([13, 10, 13, 10], from: max(start, headersScanned)) else {
                    guard buffer.count - start <= Self.maxHeaderBytes + 3 else { throw MultipartError.malformed }
                    headersScanned = max(start, buffer.count - 3)
                    return
                }
                guard end - start <= Self.maxHeaderBytes else { throw MultipartError.malformed }
                let headers = MultipartPartHeaders(String(decoding: buffer[start..<end], as: UTF8.self))
                start = end + 4
                state = .body
                try handle(.partStart(headers))
            case .body:
                if let index = find(delimiter) {
                    if index > start { try handle(.bodyChunk(buffer[start..<index])) }
                    try handle(.partEnd)
                    start = index + delimiter.count
                    state = .afterDelimiter
                } else {
                    let safe = buffer.count - delimiter.count + 1
                    if safe > start {
                        try handle(.bodyChunk(buffer[start..<safe]))
                        start = safe
                    }
                    return
                }
            }
        }
    }

    /// Checks that the body ended with the closing delimiter.
    func finish() throws(MultipartError) {
        guard state == .done else { throw .truncated }
    }

    /// The first occurrence of `pattern` at or after `from` (by default `start`).
    private func find(_ pattern: [UInt8], from: Int? = nil) -> Int? {
        let from = from ?? start
        guard let first = pattern.first, buffer.count - from >= pattern.count else { return nil }
        var index = from
        let last = buffer.count - pattern.count
        while index <= last {
            if buffer[index] == first {
                var matches = true
                for offset in 1..<pattern.count where buffer[index + offset] != pattern[offset] {
                    matches = false
                    break
                }
                if matches { return index }
            }
            index += 1
        }
        return nil
    }
}

/// The headers of one part: its field name, file name and content type.
struct MultipartPartHeaders {
    var name: String?
    var filename: String?
    var contentType: String?

    init(_ text: String) {
        for line in text.split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let field = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            switch field {
            case "content-disposition":
                let parameters = Self.parameters(of: value)
                name = parameters["name"]
                filename = parameters["filename"]
            case "content-type":
                contentType = value
            default:
                break
            }
        }
    }

    /// `key=value` and `key="quoted value"` parameters after the first `;`, keys in lower case.
    static func parameters(of header: String) -> [String: String] {
        var result: [String: String] = [:]
        var rest = Substring(header)
        guard let semicolon = rest.firstIndex(of: ";") else { return result }
        rest = rest[rest.index(after: semicolon)...]
        while !rest.isEmpty {
            rest = rest.drop(while: { $0 == " " || $0 == ";" || $0 == "\t" })
            guard let equals = rest.firstIndex(of: "=") else { break }
            let key = rest[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            rest = rest[rest.index(after: equals)...]
            var value = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                while let character = rest.first, character != "\"" {
                    if character == "\\", let next = rest.dropFirst().first {
                        value.append(next)
                        rest = rest.dropFirst(2)
                    } else {
                        value.append(character)
                        rest = rest.dropFirst()
                    }
                }
                rest = rest.dropFirst()
            } else {
                let end = rest.firstIndex(of: ";") ?? rest.endIndex
                value = rest[..<end].trimmingCharacters(in: .whitespaces)
                rest = rest[end...]
            }
            result[key] = value
        }
        return result
    }
}

/// A request body that is not the multipart the submission API expects.
enum MultipartError: Error {
    case notMultipart
    case malformed
    case truncated
}
