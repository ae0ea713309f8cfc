import Foundation

/// Slows down password guessing: after a few failed sign-ins for one account, or from one address, each further
/// failure doubles the wait before the next try; during the wait sign-ins are refused without checking the password.
///
/// Kept in memory: a restart forgets it, which an attacker cannot use faster than the waits allow.
public actor SignInThrottle {
    /// How many failures are free and how the wait grows.
    public struct Policy: Sendable {
        /// Failures for one account before the first wait.
        public var accountFailures = 5
        /// Failures from one address before the first wait (offices share an address behind NAT).
        public var addressFailures = 20
        /// The first wait; each further failure doubles it.
        public var firstWait: TimeInterval = 1
        /// The longest wait.
        public var longestWait: TimeInterval = 15 * 60
        /// A key with no failure for this long starts afresh.
        public var forgetAfter: TimeInterval = 24 * 60 * 60
        /// The most keys remembered; the oldest are forgotten first.
        public var capacity = 100_000

        public init() {}
    }

    /// What is counted: a username (lowercased) or a client address.
    enum Key: Hashable, Sendable {
        case account(String)
        case address(String)
    }

    private struct Record {
        var failures: Int
        var lastFailure: Date
        var blockedUntil: Date?
    }

    let policy: Policy
    let now: @Sendable () -> Date
    private var records: [Key: Record] = [:]

    init(policy: Policy = Policy(), now: @escaping @Sendable () -> Date = Date.init) {
        self.policy = policy
        self.now = now
    }

    /// The keys of a sign-in attempt.
    static func keys(username: String, address: String?) -> [Key] {
        [.account(username.lowercased())] + (address.map { [.address($0)] } ?? [])
    }

    /// How long the attempt must still wait, or nil when it may go ahead.
    func wait(for keys: [Key]) -> TimeInterval? {
        let now = now()
        let waits = keys.compactMap { records[$0]?.blockedUntil?.timeIntervalSince(now) }.filter { $0 > 0 }
        return waits.max()
    }

    /// Counts a failure; returns the wait it starts, if any.
    @discardableResult
    func recordFailure(for keys: [Key]) -> TimeInterval? {
        let now = now()
        var longest: TimeInterval?
        for key in keys {
            var record = records[key].flatMap { now.timeIntervalSince($0.lastFailure) < policy.forgetAfter ? $0 : nil }
                ?? Record(failures: 0, lastFailure: now)
            record.failures += 1
            record.lastFailure = now
            let free = switch key {
            case .account: policy.accountFailures
            case .address: policy.addressFailures
            }
            if record.failures > free {
                let wait = min(policy.longestWait, policy.firstWait * pow(2, Double(min(record.failures - free - 1, 30))))
                record.blockedUntil = now.addingTimeInterval(wait)
                longest = max(longest ?? 0, wait)
            }
            records[key] = record
        }
        forgetOldest()
        return longest
    }

    /// A successful sign-in clears the account's count (not the address's: one known password must not
    /// reset the count of guesses at others).
    func recordSuccess(for keys: [Key]) {
        for key in keys {
            if case .account = key { records[key] = nil }
        }
    }

    private func forgetOldest() {
        guard records.count > policy.capacity else { return }
        let oldest = records.sorted { $0.value.lastFailure < $1.value.lastFailure }.prefix(records.count - policy.capacity * 9 / 10)
        for (key, _) in oldest { records[key] = nil }
    }
}
