import Crypto
import Foundation

/// Server nonces for HTTP Digest that need no table: each nonce carries its issue time and a random part, signed
/// with a key only this process holds, so the server recognises its own nonces, knows their age and keeps only
/// the request counters (`nc`) already used with each, to refuse a replayed request.
///
/// A nonce older than ``lifetime`` (or from before a restart) is stale: the client is challenged again with
/// `stale=true` and answers with a fresh nonce without asking the user.
actor DigestNonces {
    /// What a nonce in a client's answer is worth.
    enum Verdict: Sendable, Equatable {
        /// Issued here, young enough, and this `nc` was not used with it before.
        case fresh
        /// Expired, or signed with another key (a restart): challenge again with `stale=true`.
        case stale
        /// This `nc` was already used with this nonce: a replay.
        case replayed
    }

    /// How long a nonce may be used.
    let lifetime: TimeInterval
    private let key: SymmetricKey
    private let now: @Sendable () -> Date
    /// The counters used with each nonce still alive, and when the nonce expires.
    private var used: [String: (expires: Date, counters: Set<String>)] = [:]
    /// The most nonces whose counters are remembered; beyond it the oldest are dropped (their clients get a stale challenge).
    private let capacity = 50_000
    private var lastSweep = Date.distantPast

    init(lifetime: TimeInterval = 300, key: SymmetricKey = SymmetricKey(size: .bits256), now: @escaping @Sendable () -> Date = Date.init) {
        self.lifetime = lifetime
        self.key = key
        self.now = now
    }

    /// A new nonce: base64url of 8 bytes of issue time (milliseconds), 12 random bytes and 16 bytes of HMAC.
    nonisolated func issue() -> String {
        var bytes = withUnsafeBytes(of: UInt64(max(0, now().timeIntervalSince1970 * 1000)).bigEndian) { Array($0) }
        var generator = SystemRandomNumberGenerator()
        bytes += (0..<12).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        bytes += signature(of: bytes)
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
    }

    /// Checks `nonce` and records `nc` as used with it.
    func check(nonce: String, nc: String) -> Verdict {
        let base64 = nonce.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        guard nonce.utf8.count <= 64, let data = Data(base64Encoded: base64), data.count == 36 else { return .stale }
        let bytes = Array(data)
        let signed = Array(bytes[..<20])
        guard zip(signature(of: signed), bytes[20...]).reduce(UInt8(0), { $0 | ($1.0 ^ $1.1) }) == 0 else { return .stale }
        let milliseconds = signed[..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let issued = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
        let now = now()
        let expires = issued.addingTimeInterval(lifetime)
        guard expires > now, issued <= now.addingTimeInterval(5) else { return .stale }
        forgetExpired(now: now)
        var entry = used[nonce] ?? (expires, [])
        guard entry.counters.insert(nc).inserted else { return .replayed }
        if used[nonce] == nil, used.count >= capacity { return .stale }
        used[nonce] = entry
        return .fresh
    }

    private nonisolated func signature(of bytes: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: bytes, using: key)).prefix(16).map { $0 }
    }

    /// Drops the counters of expired nonces, at most every few seconds.
    private func forgetExpired(now: Date) {
        guard now.timeIntervalSince(lastSweep) > 10 else { return }
        lastSweep = now
        used = used.filter { $0.value.expires > now }
    }
}
