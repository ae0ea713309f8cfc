/// The data kept for a browser session: who signed in, and the token its forms must send back.
struct WebSession: Codable, Sendable, Hashable {
    /// Nil until someone signs in; the sign-in form gets a session so that it can carry a CSRF token.
    var userID: Int64?
    var csrfToken: String

    init(userID: Int64? = nil, csrfToken: String = WebSession.makeToken()) {
        self.userID = userID
        self.csrfToken = csrfToken
    }

    /// 32 random bytes as hex.
    static func makeToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }.hexString
    }
}
