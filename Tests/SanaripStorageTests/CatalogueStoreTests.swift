import Foundation
import Testing

@testable import SanaripStorage

@Suite("Catalogue store and full-text search")
struct CatalogueStoreTests {
    func entry(_ id: String, kind: String = "courses", _ text: String) -> StoredCatalogueEntry {
        StoredCatalogueEntry(studyID: "s", kind: kind, entryID: id, fields: ["id": id, "name_ru": text], searchText: text)
    }

    func seeded() async throws -> any CatalogueStore {
        let store = try SanaripDatabase.inMemory().stores.catalogue
        try await store.save([
            entry("ru-1", "Цифровая грамотность для женщин\nСанариптик сабаттуулук аялдар үчүн"),
            entry("ru-2", "Онлайн-продажи и SMM для предпринимателей"),
            entry("ky-1", "Көндүмдөрдү өркүндөтүү: смартфонду колдонуу"),
            entry("law-1", kind: "laws", "Закон об электронном управлении"),
        ], by: "tester")
        return store
    }

    @Test("Russian words match by their beginning, in any case")
    func russian() async throws {
        let store = try await seeded()
        #expect(try await store.search(studyID: "s", query: "цифров", kind: nil).map(\.entryID) == ["ru-1"])
        #expect(try await store.search(studyID: "s", query: "ПРОДАЖИ предпринимател", kind: nil).map(\.entryID) == ["ru-2"])
        #expect(try await store.search(studyID: "s", query: "электронном", kind: "courses").isEmpty)
        #expect(try await store.search(studyID: "s", query: "электронном", kind: "laws").map(\.entryID) == ["law-1"])
        #expect(try await store.search(studyID: "other", query: "цифров", kind: nil).isEmpty)
    }

    @Test("Kyrgyz letters ң ө ү are searchable and not folded into н о у")
    func kyrgyz() async throws {
        let store = try await seeded()
        #expect(try await store.search(studyID: "s", query: "көндүм", kind: nil).map(\.entryID) == ["ky-1"])
        #expect(try await store.search(studyID: "s", query: "ӨРКҮНДӨТҮҮ", kind: nil).map(\.entryID) == ["ky-1"])
        #expect(try await store.search(studyID: "s", query: "үчүн аялдар", kind: nil).map(\.entryID) == ["ru-1"])
        #expect(try await store.search(studyID: "s", query: "кондум", kind: nil).isEmpty)
        #expect(try await store.search(studyID: "s", query: "\" * OR", kind: nil).isEmpty)
    }

    @Test("a change replaces the indexed text and is logged with the fields changed; delete removes it from search")
    func changesAreAudited() async throws {
        let database = try SanaripDatabase.inMemory()
        let store = database.stores.catalogue
        try await store.save([entry("c", "Основы компьютера")], by: "aida")
        let counts = try await store.save([entry("c", "Основы смартфона"), entry("d", "Другое")], by: "bakyt")
        #expect(counts.created == 1 && counts.updated == 1)
        #expect(try await store.search(studyID: "s", query: "компьютер", kind: nil).isEmpty)
        #expect(try await store.search(studyID: "s", query: "смартфон", kind: nil).map(\.entryID) == ["c"])
        let log = try await database.stores.auditLog.entries(objectType: "catalogue_entry", objectID: "s/courses/c")
        #expect(log.map { "\($0.user) \($0.action)" } == ["aida create", "bakyt update"])
        #expect(log.last?.detail == ["name_ru": "Основы смартфона"])
        try await store.delete(studyID: "s", kind: "courses", entryID: "c", by: "aida")
        #expect(try await store.search(studyID: "s", query: "смартфон", kind: nil).isEmpty)
        #expect(try await store.entries(studyID: "s", kind: nil).map(\.entryID) == ["d"])
    }
}
