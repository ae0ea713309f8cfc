import Foundation
import HummingbirdBcrypt
import SanaripCore
import SanaripStorage

/// Creating users, changing passwords and checking sign-ins, shared by the web pages and the `sanarip user` command.
public struct Accounts: Sendable {
    let users: any UserStore
    let sessions: any SessionStore
    let hasher: PasswordHasher

    /// Passwords shorter than this are refused.
    public static let minimumPasswordLength = 10

    public init(users: any UserStore, sessions: any SessionStore, hasher: PasswordHasher = PasswordHasher()) {
        self.users = users
        self.sessions = sessions
        self.hasher = hasher
    }

    /// Adds a user with a bcrypt hash of `password`, a member of `studies`; `actor` is recorded in the audit log.
    ///
    /// `mustChangePassword` makes the user choose their own password at their first sign-in.
    @discardableResult
    public func create(
        username: String,
        password: String,
        role: Role,
        studies: [String] = [],
        mustChangePassword: Bool = false,
        by actor: String
    ) async throws -> User {
        let username = username.trimmingCharacters(in: .whitespacesAndNewlines)
        guard Self.isValidUsername(username) else { throw AccountError.invalidUsername }
        guard Role.known.contains(role) else { throw AccountError.unknownRole(role.rawValue) }
        try Self.checkStrength(password)
        let hash = try await hasher.hash(password)
        let ha1 = DigestCredentials.ha1(username: username, realm: Self.digestRealm, password: password)
        let user = try await users.insert(
            User(username: username, passwordHash: hash, role: role, mustChangePassword: mustChangePassword, digestHA1: ha1), by: actor
        )
        if let id = user.id {
            for study in studies { try await users.addMembership(userID: id, studyID: study, by: actor) }
        }
        return user
    }

    /// Replaces a user's password and ends every session they have (`keepingSession`, a stored session key,
    /// excepted), so a stolen session dies with the old password.
    public func setPassword(_ password: String, for username: String, keepingSession: String? = nil, by actor: String) async throws {
        guard var user = try await users.user(username: username), let id = user.id else { throw StorageError.notFound("user \(username)") }
        try Self.checkStrength(password)
        user.passwordHash = try await hasher.hash(password)
        user.digestHA1 = DigestCredentials.ha1(username: user.username, realm: Self.digestRealm, password: password)
        user.mustChangePassword = false
        try await users.update(user, by: actor)
        try await sessions.deleteSessions(userID: id, keeping: keepingSession)
    }

    /// The user whose username and password these are, unless the account is disabled.
    ///
    /// Unknown usernames still cost one bcrypt check, so timing does not tell which usernames exist.
    public func authenticate(username: String, password: String) async throws -> User? {
        guard let user = try await users.user(username: username) else {
            _ = try await hasher.verify(password, against: Self.decoyHash)
            return nil
        }
        guard try await hasher.verify(password, against: user.passwordHash), !user.disabled else { return nil }
        return user
    }

    /// The user whose answer to an HTTP Digest challenge this is, unless the account is disabled or has no
    /// Digest hash yet (its password was last set before Digest existed: setting it again makes one).
    func authenticate(digest: DigestCredentials, method: String) async throws -> User? {
        guard let user = try await users.user(username: digest.username), !user.disabled, let ha1 = user.digestHA1,
            digest.isAnswered(by: ha1, method: method)
        else { return nil }
        return user
    }

    /// The HTTP Digest realm, part of every stored HA1: changing it would invalidate them all.
    public static let digestRealm = "Sanarip"

    /// Whether `password` is the user's current password (to confirm a sensitive change).
    func confirms(_ user: User, password: String) async throws -> Bool {
        try await hasher.verify(password, against: user.passwordHash)
    }

    /// Letters, digits, `.`, `_` and `-`, 2 to 64 characters.
    static func isValidUsername(_ username: String) -> Bool {
        (2...64).contains(username.count)
            && username.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0) }
    }

    static func checkStrength(_ password: String) throws(AccountError) {
        guard password.count >= minimumPasswordLength else { throw .weakPassword(minimumLength: minimumPasswordLength) }
    }

    /// A random password for the first admin: 20 characters without look-alikes.
    public static func generatePassword() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet[Int.random(in: alphabet.indices, using: &generator)] })
    }

    /// A hash of a random password at the default cost, checked against when a username is unknown.
    static let decoyHash = Bcrypt.hash(generatePassword(), cost: PasswordHasher().cost)
}

/// Why an account could not be created or changed.
public enum AccountError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidUsername
    case weakPassword(minimumLength: Int)
    case unknownRole(String)

    public var description: String {
        switch self {
        case .invalidUsername: "a username has 2 to 64 letters, digits, '.', '_' or '-'"
        case .weakPassword(let length): "a password needs at least \(length) characters"
        case .unknownRole(let role): "there is no role '\(role)'; roles: \(Role.known.map(\.rawValue).joined(separator: ", "))"
        }
    }
}
