import Crypto
import Foundation

/// Lower-case hex digests: MD5 for OpenRosa's `md5:` hashes, SHA-256 for collectors' tokens.
enum HexDigest {
    static func md5(_ data: Data) -> String {
        hex(Insecure.MD5.hash(data: data))
    }

    static func sha256(_ text: String) -> String {
        hex(SHA256.hash(data: Data(text.utf8)))
    }

    static func hex(_ digest: some Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
