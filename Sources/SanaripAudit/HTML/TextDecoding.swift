import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Turns a fetched page's bytes into text: the byte-order mark first, then the `charset` of the
/// `Content-Type` header, then `<meta charset>` or `<meta http-equiv="Content-Type">` in the first 4 KB,
/// else UTF-8 when the bytes are valid UTF-8, else windows-1251 (the usual legacy encoding of Kyrgyz sites).
/// Any encoding iconv knows is decoded (windows-1251, KOI8-R, ISO-8859-5, …); invalid bytes become U+FFFD.
public enum TextDecoding {
    /// The encoding label chosen for `bytes` and where it came from.
    public struct Choice: Sendable, Hashable, Codable {
        public var charset: String
        public var source: String
    }

    /// The encoding to use for `bytes` served with `contentType`.
    public static func choose(bytes: [UInt8], contentType: String?) -> Choice {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return Choice(charset: "utf-8", source: "byte-order mark") }
        if bytes.starts(with: [0xFF, 0xFE]) { return Choice(charset: "utf-16le", source: "byte-order mark") }
        if bytes.starts(with: [0xFE, 0xFF]) { return Choice(charset: "utf-16be", source: "byte-order mark") }
        if let contentType, let charset = charsetParameter(contentType) {
            return Choice(charset: charset, source: "Content-Type header")
        }
        if let charset = metaCharset(bytes.prefix(4096)) { return Choice(charset: charset, source: "<meta> in the page") }
        if String(validating: bytes, as: UTF8.self) != nil { return Choice(charset: "utf-8", source: "valid UTF-8") }
        return Choice(charset: "windows-1251", source: "assumed: not UTF-8")
    }

    /// The text of `bytes` in `charset` (UTF-8 with replacement characters when the label is unknown).
    public static func decode(_ bytes: [UInt8], charset: String) -> String {
        var label = charset.lowercased()
        if label == "utf8" { label = "utf-8" }
        if label == "utf-8" || label == "us-ascii" || label == "ascii" {
            var body = bytes[...]
            if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
            return String(decoding: body, as: UTF8.self)
        }
        if label == "cp1251" || label == "win-1251" { label = "windows-1251" }
        return iconvDecode(bytes, from: label) ?? String(decoding: bytes, as: UTF8.self)
    }

    /// The `charset=` parameter of a `Content-Type` value or `<meta content>`.
    static func charsetParameter(_ value: String) -> String? {
        let lower = value.lowercased()
        guard let range = lower.range(of: "charset=") else { return nil }
        let rest = lower[range.upperBound...].drop { $0 == " " || $0 == "\"" || $0 == "'" }
        let label = rest.prefix { !";\"' ,>".contains($0) && !$0.isWhitespace }
        return label.isEmpty ? nil : String(label)
    }

    /// `<meta charset=X>` or `<meta http-equiv=Content-Type content="…; charset=X">` in the page's head, read as ASCII.
    static func metaCharset(_ head: ArraySlice<UInt8>) -> String? {
        let text = String(decoding: head.map { $0 < 0x80 ? $0 : 0x20 }, as: UTF8.self).lowercased()
        var searchFrom = text.startIndex
        while let meta = text.range(of: "<meta", range: searchFrom..<text.endIndex) {
            let end = text[meta.upperBound...].firstIndex(of: ">") ?? text.endIndex
            let tag = String(text[meta.upperBound..<end])
            if let range = tag.range(of: "charset") {
                let after = tag[range.upperBound...].drop { $0 == " " }
                if after.first == "=" {
                    let label = after.dropFirst().drop { $0 == " " || $0 == "\"" || $0 == "'" }
                        .prefix { !";\"' />".contains($0) && !$0.isWhitespace }
                    if !label.isEmpty { return String(label) }
                }
            }
            searchFrom = end
        }
        return nil
    }

    private static func iconvDecode(_ bytes: [UInt8], from label: String) -> String? {
        let converter = iconv_open("UTF-8", label.uppercased())
        guard let converter, converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var output = [UInt8]()
        output.reserveCapacity(bytes.count * 2)
        var input = bytes
        let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
        input.withUnsafeMutableBufferPointer { inBuffer in
            var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress)?
                .assumingMemoryBound(to: CChar.self)
            var inLeft = inBuffer.count
            var chunk = [UInt8](repeating: 0, count: 16_384)
            while inLeft > 0 {
                let (status, produced, code) = chunk.withUnsafeMutableBufferPointer { outBuffer in
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress)?
                        .assumingMemoryBound(to: CChar.self)
                    var outLeft = outBuffer.count
                    let status = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                    return (status, outBuffer.count - outLeft, errno)
                }
                output.append(contentsOf: chunk[0..<produced])
                if status == -1 {
                    if code == E2BIG { continue }
                    // An invalid or incomplete sequence: one replacement character, then go on after the byte.
                    output.append(contentsOf: replacement)
                    inPointer = inPointer.map { $0 + 1 }
                    inLeft -= 1
                }
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
