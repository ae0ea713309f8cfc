import Foundation

/// Data collectors' devices and the hashes of their tokens.
public protocol CollectorStore: Sendable {
    /// Adds a collector and logs it as `actor`; throws ``StorageError/conflict(_:)`` when the name is taken.
    @discardableResult
    func insert(_ collector: Collector, by actor: String) async throws -> Collector
    /// Every collector, by name.
    func collectors() async throws -> [Collector]
    /// The collector whose token hashes to `tokenHash`, revoked or not.
    func collector(tokenHash: String) async throws -> Collector?
    /// Revokes the collector named `name` and logs it; throws ``StorageError/notFound(_:)`` when there is none.
    func revoke(name: String, at date: Date, by actor: String) async throws
}
