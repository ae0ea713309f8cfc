import Foundation
import Hummingbird
import SanaripStorage
import Testing

@testable import SanaripServer

@Suite("Sessions in the database")
struct SessionStorePersistDriverTests {
    let driver: SessionStorePersistDriver

    init() throws {
        driver = SessionStorePersistDriver(store: try SanaripDatabase.inMemory().stores.sessions)
    }

    @Test("a session is stored, read with its time to live, and removed")
    func roundTrip() async throws {
        let session = WebSession(userID: 7)
        let start = ContinuousClock.now
        try await driver.create(key: "s1", value: session, expires: .seconds(600))
        let (loaded, ttl) = try #require(try await driver.getWithTTL(key: "s1", as: WebSession.self))
        let elapsed = ContinuousClock.now - start
        #expect(loaded == session)
        // The time to live is what was asked for, less the time this test took (timestamps have second precision).
        #expect(try #require(ttl) <= .seconds(600))
        #expect(try #require(ttl) >= .seconds(600) - elapsed - .seconds(1))

        try await driver.remove(key: "s1")
        #expect(try await driver.get(key: "s1", as: WebSession.self) == nil)
    }

    @Test("creating a taken key fails as Hummingbird expects")
    func duplicate() async throws {
        try await driver.create(key: "s1", value: WebSession(), expires: nil)
        await #expect(throws: PersistError.duplicate) {
            try await driver.create(key: "s1", value: WebSession(), expires: nil)
        }
    }

    @Test("updating without a lifetime keeps the one the session had")
    func keepsExpiry() async throws {
        // An hour, so that a slow machine cannot let it lapse before it is read back.
        try await driver.create(key: "s1", value: WebSession(), expires: .seconds(3600))
        try await driver.set(key: "s1", value: WebSession(userID: 1), expires: nil)
        let (loaded, ttl) = try #require(try await driver.getWithTTL(key: "s1", as: WebSession.self))
        #expect(loaded.userID == 1)
        #expect(try #require(ttl) <= .seconds(3600))
        #expect(try #require(ttl) > .seconds(60))
    }

    @Test("lapsed sessions are gone and data of another shape is refused")
    func expiredAndInvalid() async throws {
        try await driver.create(key: "old", value: WebSession(), expires: .seconds(-1))
        #expect(try await driver.get(key: "old", as: WebSession.self) == nil)
        try await driver.create(key: "s1", value: ["not": "a session"], expires: nil)
        await #expect(throws: PersistError.invalidConversion) {
            try await driver.get(key: "s1", as: WebSession.self)
        }
    }
}
