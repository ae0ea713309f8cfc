import Foundation
import Testing
import SanaripStorage
@testable import SanaripQualitative

@Suite struct QualitativeStoreTests {
    @Test func projectIsStoredWholeAndReadBackEqual() async throws {
        let database = try SanaripDatabase.inMemory()
        let store = database.stores.qualitative
        let project = try ProjectFixture.coded()
        try await store.save(project, study: "digital-divide-kg")
        #expect(try await store.projectNames(study: "digital-divide-kg") == ["focus-groups"])
        let read = try #require(try await store.project(study: "digital-divide-kg", name: "focus-groups"))
        #expect(read == project)
        // Saving again replaces it (one coding fewer), and another study does not see it.
        var changed = project
        changed.codings.removeLast()
        try await store.save(changed, study: "digital-divide-kg")
        #expect(try await store.project(study: "digital-divide-kg", name: "focus-groups") == changed)
        #expect(try await store.project(study: "other", name: "focus-groups") == nil)
        // The same .qdpx imported as a second project keeps its own copy (GUIDs are per project).
        var copy = try REFIQDA.readProject(REFIQDA.qdpx(changed), file: "x.qdpx", name: "again")
        copy.name = "again"
        try await store.save(copy, study: "digital-divide-kg")
        #expect(try await store.projectNames(study: "digital-divide-kg") == ["again", "focus-groups"])
    }
}
