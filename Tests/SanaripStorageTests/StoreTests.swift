import Foundation
import SanaripCore
import Testing

@testable import SanaripStorage

@Suite("Stores")
struct StoreTests {
    let stores: Stores

    init() throws {
        stores = try SanaripDatabase.inMemory().stores
    }

    @Test("a study is saved, read back and updated, and both changes are logged")
    func studies() async throws {
        try await stores.studies.save(Fixtures.study, by: "aida")
        var study = Fixtures.study
        study.regions.append("Naryn")
        try await stores.studies.save(study, by: "bakyt")

        let stored = try #require(try await stores.studies.study(id: "digital-divide-kg"))
        #expect(stored.title.text(code: "ky") == "Санариптик ажырым")
        #expect(stored.regions == ["Issyk-Kul", "Osh", "Naryn"])
        #expect(try await stores.studies.studies().map(\.id) == ["digital-divide-kg"])

        let log = try await stores.auditLog.entries(objectType: "study", objectID: "digital-divide-kg")
        #expect(log.map(\.action) == [.create, .update])
        #expect(log.map(\.user) == ["aida", "bakyt"])
    }

    @Test("an instrument round-trips with its sheets, sections and XForm")
    func instrumentRoundTrip() async throws {
        try await stores.studies.save(Fixtures.study, by: "aida")
        let instrument = Fixtures.instrument()
        try await stores.instruments.insert(instrument, by: "aida")

        let stored = try #require(try await stores.instruments.instrument(id: "hh-1"))
        #expect(stored.sections == instrument.sections)
        #expect(stored.source == instrument.source)
        #expect(stored.languages == ["Kyrgyz (ky)", "Russian (ru)"])
        #expect(stored.xform.hasPrefix("<?xml"))
        #expect(try await stores.instruments.instrument(formID: "hh", version: "1")?.id == "hh-1")
        #expect(try await stores.instruments.instruments(studyID: Fixtures.study.id).map(\.id) == ["hh-1"])

        let log = try await stores.auditLog.entries(objectType: "instrument", objectID: "hh-1")
        #expect(log.first?.detail == ["form_id": "hh", "version": "1"])
    }

    @Test("the same form id and version cannot be stored twice")
    func instrumentUniqueness() async throws {
        try await stores.studies.save(Fixtures.study, by: "aida")
        try await stores.instruments.insert(Fixtures.instrument(), by: "aida")
        await #expect(throws: StorageError.conflict("instrument hh version 1 exists")) {
            try await stores.instruments.insert(Fixtures.instrument(id: "other"), by: "aida")
        }
        try await stores.instruments.insert(Fixtures.instrument(id: "hh-2", version: "2"), by: "aida")
        #expect(try await stores.instruments.instruments(studyID: Fixtures.study.id).map(\.version) == ["2", "1"])
    }

    @Test("an instrument needs its study, and deleting a missing one fails")
    func instrumentForeignKey() async throws {
        await #expect(throws: (any Error).self) {
            try await stores.instruments.insert(Fixtures.instrument(), by: "aida")
        }
        await #expect(throws: StorageError.notFound("instrument nope")) {
            try await stores.instruments.delete(id: "nope", by: "aida")
        }
    }

    @Test("users get identifiers, are found without regard to case and are unique")
    func users() async throws {
        let aida = try await stores.users.insert(Fixtures.user("aida", role: .admin), by: AuditEntry.system)
        #expect(aida.id != nil)
        try await stores.users.insert(Fixtures.user("bakyt"), by: "aida")
        #expect(try await stores.users.userCount() == 2)
        #expect(try await stores.users.user(username: "AIDA")?.role == .admin)
        #expect(try await stores.users.users().map(\.username) == ["aida", "bakyt"])

        await #expect(throws: StorageError.conflict("user Aida exists")) {
            try await stores.users.insert(Fixtures.user("Aida"), by: "aida")
        }
    }

    @Test("updating a user logs what changed and never the hash")
    func userUpdate() async throws {
        var bakyt = try await stores.users.insert(Fixtures.user("bakyt"), by: "aida")
        bakyt.role = .viewer
        bakyt.passwordHash = "$2b$04$other"
        try await stores.users.update(bakyt, by: "aida")

        #expect(try await stores.users.user(id: try #require(bakyt.id))?.role == .viewer)
        let log = try await stores.auditLog.entries(objectType: "user", objectID: "bakyt")
        #expect(log.map(\.action) == [.create, .update])
        #expect(log.last?.detail == ["role": "viewer", "password": "changed"])
        #expect(log.allSatisfy { !$0.detail.values.contains { $0.hasPrefix("$2b$") } })
    }

    @Test("memberships are added once and logged; a password change can end a user's other sessions")
    func membershipsAndSessions() async throws {
        try await stores.studies.save(Fixtures.study, by: "aida")
        let bakyt = try await stores.users.insert(Fixtures.user("bakyt"), by: "aida")
        let id = try #require(bakyt.id)
        try await stores.users.addMembership(userID: id, studyID: Fixtures.study.id, by: "aida")
        try await stores.users.addMembership(userID: id, studyID: Fixtures.study.id, by: "aida")
        #expect(try await stores.users.memberships(userID: id) == [Fixtures.study.id])
        let log = try await stores.auditLog.entries(objectType: "user", objectID: "bakyt")
        #expect(log.map(\.detail) == [["role": "researcher"], ["study": Fixtures.study.id]])

        for key in ["a", "b", "c"] {
            try await stores.sessions.insert(StoredSession(id: key, data: Data(), expiresAt: nil, userID: id))
        }
        try await stores.sessions.insert(StoredSession(id: "other", data: Data(), expiresAt: nil, userID: nil))
        #expect(try await stores.sessions.deleteSessions(userID: id, keeping: "b") == 2)
        #expect(try await stores.sessions.session(id: "b", at: Date())?.userID == id)
        #expect(try await stores.sessions.session(id: "a", at: Date()) == nil)
        #expect(try await stores.sessions.session(id: "other", at: Date()) != nil)
    }

    @Test("sign-ins are recorded and read newest first")
    func auditLog() async throws {
        try await stores.auditLog.record(AuditEntry(user: "aida", action: .loginFailed))
        try await stores.auditLog.record(AuditEntry(user: "aida", action: .login, detail: ["address": "127.0.0.1"]))
        let entries = try await stores.auditLog.entries(limit: 10)
        #expect(entries.map(\.action) == [.login, .loginFailed])
        #expect(entries.first?.detail["address"] == "127.0.0.1")
    }

    @Test("sessions lapse and are tidied away")
    func sessions() async throws {
        let now = Date()
        try await stores.sessions.insert(StoredSession(id: "a", data: Data("{}".utf8), expiresAt: now.addingTimeInterval(60)))
        try await stores.sessions.insert(StoredSession(id: "b", data: Data("{}".utf8), expiresAt: now.addingTimeInterval(-1)))
        await #expect(throws: StorageError.conflict("session exists")) {
            try await stores.sessions.insert(StoredSession(id: "a", data: Data(), expiresAt: nil))
        }
        #expect(try await stores.sessions.session(id: "a", at: now)?.data == Data("{}".utf8))
        #expect(try await stores.sessions.session(id: "b", at: now) == nil)

        try await stores.sessions.save(StoredSession(id: "a", data: Data("[]".utf8), expiresAt: nil))
        #expect(try await stores.sessions.session(id: "a", at: now.addingTimeInterval(3600))?.data == Data("[]".utf8))
        #expect(try await stores.sessions.deleteExpired(at: now) == 1)
        try await stores.sessions.delete(id: "a")
        #expect(try await stores.sessions.session(id: "a", at: now) == nil)
    }
}
