import HummingbirdBcrypt
import NIOPosix

/// Hashes and checks passwords with bcrypt on NIO's thread pool, so a slow hash never blocks request handling.
public struct PasswordHasher: Sendable {
    /// The bcrypt work factor for new hashes (each step doubles the time).
    public var cost: UInt8

    public init(cost: UInt8 = 12) {
        self.cost = cost
    }

    public func hash(_ password: String) async throws -> String {
        let cost = cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, against hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }
}
