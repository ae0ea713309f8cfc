import Crypto
import Foundation

/// The database key of a session: the SHA-256 of the identifier in the browser's cookie, so that reading the
/// database (a backup, a copied file) does not give anyone a live session.
enum SessionKey {
    static func hashed(_ identifier: String) -> String {
        Data(SHA256.hash(data: Data(identifier.utf8))).hexString
    }
}
