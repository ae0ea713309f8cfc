import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SanaripCore
import SanaripStorage

/// The documents and headers of the OpenRosa API, written as ODK Central writes them.
enum OpenRosaResponse {
    /// The headers every OpenRosa response carries.
    static func headers(acceptContentLength: Int, contentType: String? = "text/xml; charset=utf-8") -> HTTPFields {
        var headers: HTTPFields = [
            .openRosaVersion: "1.0",
            .openRosaAcceptContentLength: String(acceptContentLength),
            .date: httpDate(Date()),
            .contentLanguage: "en",
            .cacheControl: "no-store",
        ]
        if let contentType { headers[.contentType] = contentType }
        return headers
    }

    /// A response with the OpenRosa headers; `contentType` nil means OpenRosa XML.
    static func response(_ status: HTTPResponse.Status, contentType: String?, body: ByteBuffer, acceptContentLength: Int) -> Response {
        var headers = headers(acceptContentLength: acceptContentLength, contentType: status == .noContent ? nil : "text/xml; charset=utf-8")
        if let contentType { headers[.contentType] = contentType }
        return Response(status: status, headers: headers, body: status == .noContent ? ResponseBody() : ResponseBody(byteBuffer: body))
    }

    /// The error response for `problem`: its status and message; a 401 carries `challenges` (HTTP Basic alone
    /// when none are given), one `WWW-Authenticate` header each.
    static func problem(_ problem: OpenRosaProblem, acceptContentLength: Int, challenges: [String] = []) -> Response {
        var response = response(
            problem.status, contentType: nil, body: ByteBuffer(string: message(problem.message, nature: "error")),
            acceptContentLength: acceptContentLength
        )
        if problem.status == .unauthorized {
            for challenge in challenges.isEmpty ? [basicChallenge] : challenges {
                response.headers.append(HTTPField(name: .wwwAuthenticate, value: challenge))
            }
        }
        return response
    }

    /// The realm of the HTTP authentication challenges (part of every stored Digest HA1).
    static let realm = Accounts.digestRealm

    /// The HTTP Basic challenge, which Collect answers over HTTPS.
    static let basicChallenge = "Basic realm=\"\(realm)\", charset=\"UTF-8\""

    /// The HTTP Digest challenge (RFC 7616: MD5, `qop=auth`), which Collect answers over plain HTTP.
    static func digestChallenge(nonce: String, stale: Bool) -> String {
        "Digest realm=\"\(realm)\", qop=\"auth\", algorithm=MD5, nonce=\"\(nonce)\"" + (stale ? ", stale=true" : "")
    }

    /// An `OpenRosaResponse` message; `nature` is empty for success and `error` for failures.
    static func message(_ text: String, nature: String = "") -> String {
        """
        <OpenRosaResponse xmlns="http://openrosa.org/http/response" items="0">
          <message nature="\(nature.htmlEscaped)">\(text.htmlEscaped)</message>
        </OpenRosaResponse>
        """
    }

    /// The `xforms` list: one entry per form, its newest version, with the hash of the bytes served.
    static func formList(_ versions: [(version: FormVersion, hasMedia: Bool)], base: String) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xforms xmlns=\"http://openrosa.org/xforms/xformsList\">\n"
        for (version, hasMedia) in versions {
            let path = "\(base)/formVersions/\(version.id ?? 0)"
            xml += "  <xform>\n"
            xml += "    <formID>\(version.formID.htmlEscaped)</formID>\n"
            xml += "    <name>\(version.title.htmlEscaped)</name>\n"
            xml += "    <version>\(version.version.htmlEscaped)</version>\n"
            xml += "    <hash>md5:\(version.md5)</hash>\n"
            xml += "    <downloadUrl>\(path.htmlEscaped)/form.xml</downloadUrl>\n"
            if hasMedia { xml += "    <manifestUrl>\(path.htmlEscaped)/manifest</manifestUrl>\n" }
            xml += "  </xform>\n"
        }
        return xml + "</xforms>\n"
    }

    /// The manifest of a form version's media files.
    static func manifest(_ media: [FormMedia], base: String) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest xmlns=\"http://openrosa.org/xforms/xformsManifest\">\n"
        for file in media {
            let url = "\(base)/formVersions/\(file.formVersionID)/media/\(percentEncoded(file.filename))"
            xml += "  <mediaFile>\n"
            xml += "    <filename>\(file.filename.htmlEscaped)</filename>\n"
            xml += "    <hash>md5:\(file.md5)</hash>\n"
            xml += "    <downloadUrl>\(url.htmlEscaped)</downloadUrl>\n"
            xml += "  </mediaFile>\n"
        }
        return xml + "</manifest>\n"
    }

    static func percentEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))) ?? text
    }

    /// RFC 7231's IMF-fixdate: `Fri, 04 Dec 2026 13:38:25 GMT`.
    static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}

extension HTTPField.Name {
    static let openRosaVersion = Self("X-OpenRosa-Version")!
    static let openRosaAcceptContentLength = Self("X-OpenRosa-Accept-Content-Length")!
}
