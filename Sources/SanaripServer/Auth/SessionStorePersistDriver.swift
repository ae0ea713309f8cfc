import Foundation
import Hummingbird
import SanaripStorage
import ServiceLifecycle

/// Hummingbird's key-value persistence on a ``SessionStore``, so sessions outlive a restart.
/// Running it as a service removes lapsed sessions every ten minutes.
///
/// Keys are stored hashed (``SessionKey``), with the signed-in user of a ``WebSession`` beside them.
struct SessionStorePersistDriver: PersistDriver {
    let store: any SessionStore
    var tidyInterval: Duration = .seconds(600)

    func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        do {
            try await store.insert(Self.stored(key: key, value: value, expiresAt: expires.map(Self.date(after:))))
        } catch StorageError.conflict {
            throw PersistError.duplicate
        }
    }

    /// Without `expires`, the session keeps the lapse time it had.
    func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        let expiresAt: Date?
        if let expires {
            expiresAt = Self.date(after: expires)
        } else {
            expiresAt = try await store.session(id: SessionKey.hashed(key), at: Date())?.expiresAt
        }
        try await store.save(Self.stored(key: key, value: value, expiresAt: expiresAt))
    }

    func get<Object: Codable & Sendable>(key: String, as type: Object.Type) async throws -> Object? {
        try await getWithTTL(key: key, as: type)?.object
    }

    func getWithTTL<Object: Codable & Sendable>(key: String, as type: Object.Type) async throws -> (object: Object, ttl: Duration?)? {
        let now = Date()
        guard let session = try await store.session(id: SessionKey.hashed(key), at: now) else { return nil }
        guard let object = try? JSONDecoder().decode(type, from: session.data) else { throw PersistError.invalidConversion }
        return (object, session.expiresAt.map { .seconds($0.timeIntervalSince(now)) })
    }

    func remove(key: String) async throws {
        try await store.delete(id: SessionKey.hashed(key))
    }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: tidyInterval)
                _ = try? await store.deleteExpired(at: Date())
            }
        }
    }

    private static func stored<Object: Codable & Sendable>(key: String, value: Object, expiresAt: Date?) throws -> StoredSession {
        StoredSession(
            id: SessionKey.hashed(key),
            data: try JSONEncoder().encode(value),
            expiresAt: expiresAt,
            userID: (value as? WebSession)?.userID
        )
    }

    private static func date(after duration: Duration) -> Date {
        Date().addingTimeInterval(TimeInterval(duration.components.seconds))
    }
}
