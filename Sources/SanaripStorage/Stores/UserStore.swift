/// Accounts that may sign in.
public protocol UserStore: Sendable {
    /// Every user, ordered by username.
    func users() async throws -> [User]
    func user(id: Int64) async throws -> User?
    func user(username: String) async throws -> User?
    func userCount() async throws -> Int
    /// Adds a user, logs it as `actor` and returns it with its new identifier.
    ///
    /// - Throws: ``StorageError/conflict(_:)`` when the username is taken.
    @discardableResult
    func insert(_ user: User, by actor: String) async throws -> User
    /// Saves changes to an existing user (role, password hash, disabled) and logs what changed as `actor`.
    func update(_ user: User, by actor: String) async throws
    /// The studies the user belongs to (admins see every study whatever this says).
    func memberships(userID: Int64) async throws -> Set<String>
    /// Makes the user a member of the study, logged as `actor`; nothing changes when they already are.
    func addMembership(userID: Int64, studyID: String, by actor: String) async throws
}
