import Foundation
import Testing

@testable import SanaripStorage

@Suite("Sampling plans")
struct SamplingPlanStoreTests {
    let database: SanaripDatabase
    var store: any SamplingPlanStore { database.stores.samplingPlans }

    init() throws {
        database = try SanaripDatabase.inMemory()
    }

    static let units = [
        SamplingPlanUnit(
            position: 1, stratum: "Osh", unitID: "41706", unitName: "Kara-Suu", columns: ["oblast": "Osh", "district": "Kara-Suu"],
            size: 49_410, probability: 1, certainty: true, order: 1, expectedInterviews: 12),
        SamplingPlanUnit(
            position: 2, stratum: "Osh", unitID: "41707", unitName: "Nookat", columns: ["oblast": "Osh", "district": "Nookat"],
            size: 23_885, probability: 0.4521, order: 2, expectedInterviews: 12),
        SamplingPlanUnit(
            position: 3, stratum: "Osh", unitID: "41708", unitName: "Uzgen", columns: ["oblast": "Osh", "district": "Uzgen"],
            size: nil, probability: 0.25, reserve: true, order: 3),
        SamplingPlanUnit(
            position: 4, stratum: "Issyk-Kul", unitID: "41702", unitName: "Karakol", columns: ["oblast": "Issyk-Kul", "district": "Karakol"],
            size: 66_294, probability: 0.8, order: 1, expectedInterviews: 12),
    ]

    static func plan(name: String = "Main 2026") -> SamplingPlan {
        SamplingPlan(
            studyID: "digital-divide-kg", name: name, method: "systematic", seed: "18446744073709551615",
            sizeColumn: "population", strataColumn: "oblast", sampleSize: "2 per oblast", interviewsPerUnit: 12,
            frameColumns: ["oblast", "district"], strata: SamplingPlanStratum.counts(of: units),
            createdAt: Date(timeIntervalSince1970: 1_790_000_000), createdBy: "aida", sourceFile: "sample.csv")
    }

    @Test("per-stratum counts keep strata in order of appearance and count reserves apart")
    func counts() {
        #expect(SamplingPlanStratum.counts(of: Self.units) == [
            SamplingPlanStratum(name: "Osh", selected: 2, certainty: 1, reserve: 1, expectedInterviews: 24),
            SamplingPlanStratum(name: "Issyk-Kul", selected: 1, certainty: 0, reserve: 0, expectedInterviews: 12),
        ])
        let plan = Self.plan()
        #expect([plan.selectedCount, plan.certaintyCount, plan.reserveCount, plan.expectedInterviews] == [3, 1, 1, 36] as [Int])
    }

    @Test("a plan and its units round-trip, in file order, and the insert is logged")
    func roundTrip() async throws {
        let saved = try await store.insert(Self.plan(), units: Self.units, by: "aida")
        let id = try #require(saved.id)

        let plan = try #require(try await store.plan(id: id))
        var expected = Self.plan()
        expected.id = id
        #expect(plan == expected)
        #expect(plan.seed == "18446744073709551615")

        let units = try await store.units(planID: id)
        #expect(units.map(\.unitID) == ["41706", "41707", "41708", "41702"])
        #expect(units.allSatisfy { $0.planID == id })
        #expect(units.map { $0.with(planID: nil) } == Self.units)
        #expect(try await store.plans(studyID: "digital-divide-kg").map(\.id) == [id])
        #expect(try await store.plans(studyID: "other").isEmpty)

        let log = try await database.stores.auditLog.entries(objectType: "sampling_plan", objectID: String(id))
        #expect(log.map(\.action) == [.create])
        #expect(log.first?.user == "aida")
        #expect(log.first?.detail == ["name": "Main 2026", "study_id": "digital-divide-kg", "units": "4", "source_file": "sample.csv"])
    }

    @Test("a study cannot have two plans of the same name, and a failed insert leaves nothing behind")
    func uniqueName() async throws {
        try await store.insert(Self.plan(), units: Self.units, by: "aida")
        await #expect(throws: StorageError.conflict("sampling plan Main 2026 exists in study digital-divide-kg")) {
            try await store.insert(Self.plan(), units: Self.units, by: "aida")
        }
        let count = try await database.writer.read { db in try SamplingPlanUnit.fetchCount(db) }
        #expect(count == Self.units.count)
        #expect(try await database.stores.auditLog.entries(limit: 10).count == 1)
    }

    @Test("a probability outside (0, 1] is refused by the database, with the plan")
    func probabilityChecked() async throws {
        var units = Self.units
        units[1].probability = 1.5
        await #expect(throws: (any Error).self) { try await store.insert(Self.plan(), units: units, by: "aida") }
        #expect(try await store.plans(studyID: nil).isEmpty)
    }

    @Test("deleting a plan removes its units and is logged; an unknown plan is not found")
    func delete() async throws {
        let first = try #require(try await store.insert(Self.plan(), units: Self.units, by: "aida").id)
        let second = try #require(try await store.insert(Self.plan(name: "Pilot"), units: Self.units, by: "aida").id)
        #expect(try await store.plans(studyID: nil).map(\.id) == [second, first])

        try await store.delete(id: first, by: "bakyt")
        #expect(try await store.plan(id: first) == nil)
        #expect(try await store.units(planID: first).isEmpty)
        #expect(try await store.units(planID: second).count == 4)
        let log = try await database.stores.auditLog.entries(objectType: "sampling_plan", objectID: String(first))
        #expect(log.map(\.action) == [.create, .delete])
        #expect(log.last?.user == "bakyt")
        await #expect(throws: StorageError.notFound("sampling plan \(first)")) { try await store.delete(id: first, by: "bakyt") }
    }
}

extension SamplingPlanUnit {
    func with(planID: Int64?) -> SamplingPlanUnit {
        var unit = self
        unit.planID = planID
        return unit
    }
}
