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

    /// One sign-in, whichever door it comes through (the sign-in form, HTTP credentials): the throttle's wait is
    /// checked first, then the password; a failure counts for the account and the address and goes to the audit
    /// log with `detail` (and the wait it started).
    func attempt(
        username: String, password: String, address: String?, accounts: Accounts, auditLog: any AuditLogStore,
        detail: [String: String]
    ) async throws -> Attempt {
        let name = String(username.prefix(64))
        let keys = Self.keys(username: name, address: address)
        if let wait = wait(for: keys) { return .throttled(wait) }
        if let user = try await accounts.authenticate(username: username, password: password) {
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
