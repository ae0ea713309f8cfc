import Crypto
import Foundation
import Hummingbird

/// CSRF tokens for forms shown before anyone signs in, without a session row: the browser keeps a random
/// nonce in a cookie, and the form carries the nonce's HMAC under a key that only this server process holds.
///
/// A cookie planted by another site (or a sibling domain) is worthless without the key, and an anonymous
/// `GET /login` writes nothing to the database.
struct FormTokenSigner: Sendable {
    static let cookieName = "sanarip_form"

    private let key: SymmetricKey

    init(key: SymmetricKey = SymmetricKey(size: .bits256)) {
        self.key = key
    }

    /// The form token for `nonce`.
    func token(for nonce: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(nonce.utf8), using: key)).hexString
    }

    /// The nonce the request's cookie holds, if it looks like one of ours.
    static func nonce(in request: Request) -> String? {
        guard let value = request.cookies[cookieName]?.value, value.count == 64, value.allSatisfy(\.isHexDigit) else { return nil }
        return value
    }

    /// The cookie carrying a new nonce, for as long as the sign-in form lasts.
    static func cookie(nonce: String, lifetime: Int) -> Cookie {
        Cookie(name: cookieName, value: nonce, maxAge: lifetime, path: "/", httpOnly: true, sameSite: .lax)
    }
}
