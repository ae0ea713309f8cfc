import Crypto
import Foundation

/// The parameters of an `Authorization: Digest …` header (RFC 7616, MD5, `qop=auth`), as ODK Collect sends them
/// over plain HTTP, and the check of its `response`.
struct DigestCredentials: Sendable, Hashable {
    var username: String
    var realm: String
    var nonce: String
    var uri: String
    /// The request counter, eight hexadecimal digits.
    var nc: String
    var cnonce: String
    var response: String

    /// The credentials of `header`, or nil when it is not a complete MD5 `qop=auth` Digest answer.
    init?(header: String?) {
        guard let header, header.utf8.count <= 4096, header.lowercased().hasPrefix("digest ") else { return nil }
        let parameters = Self.parameters(String(header.dropFirst(7)))
        guard let username = parameters["username"], let realm = parameters["realm"], let nonce = parameters["nonce"],
            let uri = parameters["uri"], let nc = parameters["nc"], let cnonce = parameters["cnonce"],
            let response = parameters["response"], parameters["qop"]?.lowercased() == "auth",
            (parameters["algorithm"] ?? "MD5").uppercased() == "MD5",
            nc.utf8.count == 8, nc.allSatisfy(\.isHexDigit), !cnonce.isEmpty,
            response.utf8.count == 32, response.allSatisfy(\.isHexDigit)
        else { return nil }
        (self.username, self.realm, self.nonce, self.uri) = (username, realm, nonce, uri)
        (self.nc, self.cnonce, self.response) = (nc.lowercased(), cnonce, response.lowercased())
    }

    /// HA1 = MD5(username:realm:password), lower-case hex: what the server keeps instead of the password.
    static func ha1(username: String, realm: String, password: String) -> String {
        md5("\(username):\(realm):\(password)")
    }

    /// The `response` a client knowing the password whose HA1 is `ha1` sends for `method` (RFC 7616 §3.4.1).
    func expectedResponse(ha1: String, method: String) -> String {
        let ha2 = Self.md5("\(method):\(uri)")
        return Self.md5("\(ha1):\(nonce):\(nc):\(cnonce):auth:\(ha2)")
    }

    /// Whether the client's `response` is the one `ha1` gives, compared in constant time.
    func isAnswered(by ha1: String, method: String) -> Bool {
        let expected = Array(expectedResponse(ha1: ha1, method: method).utf8)
        let given = Array(response.utf8)
        guard expected.count == given.count else { return false }
        return zip(expected, given).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    static func md5(_ text: String) -> String {
        Insecure.MD5.hash(data: Data(text.utf8)).hexString
    }

    /// `name=value` and `name="quoted \" value"` pairs separated by commas; names lower-cased.
    static func parameters(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        var scalars = Substring(text).unicodeScalars[...]
        func skip(_ characters: String) {
            while let first = scalars.first, characters.unicodeScalars.contains(first) { scalars.removeFirst() }
        }
        while true {
            skip(" \t,")
            guard !scalars.isEmpty else { break }
            var name = ""
            while let first = scalars.first, first != "=", first != "," { name.unicodeScalars.append(scalars.removeFirst()) }
            guard scalars.first == "=" else { continue }
            scalars.removeFirst()
            skip(" \t")
            var value = ""
            if scalars.first == "\"" {
                scalars.removeFirst()
                while let first = scalars.first, first != "\"" {
                    scalars.removeFirst()
                    if first == "\\", let escaped = scalars.first {
                        value.unicodeScalars.append(escaped)
                        scalars.removeFirst()
                    } else {
                        value.unicodeScalars.append(first)
                    }
                }
                if !scalars.isEmpty { scalars.removeFirst() }
            } else {
                while let first = scalars.first, first != ",", first != " ", first != "\t" { value.unicodeScalars.append(scalars.removeFirst()) }
            }
            result[name.trimmingCharacters(in: .whitespaces).lowercased()] = value
        }
        return result
    }
}
