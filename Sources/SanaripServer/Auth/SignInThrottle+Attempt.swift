import Foundation
import SanaripStorage

extension SignInThrottle {
    /// How one sign-in attempt ended.
    enum Attempt: Sendable {
        /// Refused without checking the password: wait this many seconds.
        case throttled(TimeInterval)
        /// Wrong user name or password; recorded and audited.
        case refused
        /// The password is right.
        case accepted(User)
    }

    /// What the caller offers as proof: a password (the sign-in form, HTTP Basic), or an answer to an HTTP
    /// Digest challenge for `method` (the nonce already checked).
    enum Proof: Sendable {
        case password(String)
        case digest(DigestCredentials, method: String)
    }

    /// One sign-in, whichever door it comes through (the sign-in form, HTTP Basic or Digest): the throttle's wait is
    /// checked first, then the password or Digest answer; a failure counts for the account and the address and goes to the audit
    /// log with `detail` (and the wait it started).
    func attempt(
        username: String, proof: Proof, address: String?, accounts: Accounts, auditLog: any AuditLogStore,
        detail: [String: String]
    ) async throws -> Attempt {
        let name = String(username.prefix(64))
        let keys = Self.keys(username: name, address: address)
        if let wait = wait(for: keys) { return .throttled(wait) }
        let user: User? =
            switch proof {
            case .password(let password): try await accounts.authenticate(username: username, password: password)
            case .digest(let credentials, let method): try await accounts.authenticate(digest: credentials, method: method)
            }
        if let user {
            recordSuccess(for: keys)
            return .accepted(user)
        }
        var detail = detail
        if let wait = recordFailure(for: keys) {
            detail["throttledSeconds"] = String(Int(wait.rounded(.up)))
        }
        try await auditLog.record(AuditEntry(user: name, action: .loginFailed, detail: detail))
        return .refused
    }
}
