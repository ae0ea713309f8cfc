import Foundation
import Testing
import SanaripStorage
@testable import SanaripQualitative

/// The edits the web pages make: whole-turn codes from checkboxes, spans by code-point offsets, memos on codings and
/// on codes, each researcher touching only their own codings; memos kept by the store (`v12.qualitative`).
@Suite struct CodingEditTests {
    @Test func checkboxesReplaceOnlyTheCodersWholeTurnCodings() throws {
        var project = try ProjectFixture.coded()
        let karakol = try #require(project.transcript(named: "fg-karakol-ky"))
        let cost = try #require(project.codebook.code(named: "barrier.cost")), devices = try #require(project.codebook.code(named: "barrier.devices"))
        let time = try #require(project.codebook.code(named: "barrier.time"))
        let aida = try #require(project.coders.first { $0.name == "aida" })
        let turn2 = try #require(karakol.turns.first { $0.number == 2 }), turn7 = try #require(karakol.turns.first { $0.number == 7 })
        // aida's span inside turn 2 and nurlan's codings must survive.
        try project.codeSpan(turn2.start + 3, turn2.start + 9, transcript: karakol.id, code: cost.id, coder: "aida", memo: "span")
        let nurlanBefore = project.codings.filter { $0.coderID != aida.id }
        let costCoding = try #require(project.codings.first { $0.coderID == aida.id && $0.codeID == cost.id && $0.start == turn2.start && $0.end == turn2.end })
        try project.editCoding(costCoding.id, coder: "aida", memo: "kept memo", remove: false)
        // Turn 2: cost stays ticked, devices unticked; turn 7: time unticked, cost ticked; other turns as they were.
        var chosen: [Int: Set<UUID>] = [2: [cost.id], 7: [cost.id]]
        for turn in karakol.turns where chosen[turn.number] == nil {
            chosen[turn.number] = Set(project.codings.filter { $0.coderID == aida.id && $0.transcriptID == karakol.id && $0.start == turn.start && $0.end == turn.end }.map(\.codeID))
        }
        try project.setTurnCodes(chosen, transcript: karakol.id, coder: "aida")
        let mine = project.codings.filter { $0.coderID == aida.id && $0.transcriptID == karakol.id }
        #expect(mine.first { $0.id == costCoding.id }?.memo == "kept memo")
        #expect(!mine.contains { $0.codeID == devices.id } && !mine.contains { $0.codeID == time.id })
        #expect(mine.contains { $0.codeID == cost.id && $0.start == turn7.start && $0.end == turn7.end })
        #expect(mine.contains { $0.memo == "span" && $0.start == turn2.start + 3 })
        #expect(project.codings.filter { $0.coderID != aida.id } == nurlanBefore)
        // A form listing one turn leaves the others alone.
        let whole = project
        try project.setTurnCodes([1: []], transcript: karakol.id, coder: "aida")
        #expect(project.codings == whole.codings)
        // Ticking the same again changes nothing.
        let again = project
        try project.setTurnCodes(chosen, transcript: karakol.id, coder: "aida")
        #expect(project.codings == again.codings)
        // A turn that does not exist, or an unknown code: an error, nothing changed.
        #expect(throws: QualitativeError.self) { try project.setTurnCodes([99: []], transcript: karakol.id, coder: "aida") }
        #expect(throws: QualitativeError.self) { try project.setTurnCodes([2: [UUID()]], transcript: karakol.id, coder: "aida") }
        #expect(project == again)
        // Another coder's coding cannot be removed.
        let foreign = try #require(nurlanBefore.first)
        #expect(throws: QualitativeError.self) { try project.editCoding(foreign.id, coder: "aida", memo: nil, remove: true) }
        #expect(project.codings.contains(foreign))
        // A span outside the text is refused.
        #expect(throws: QualitativeError.self) { try project.codeSpan(0, karakol.length + 1, transcript: karakol.id, code: cost.id, coder: "aida") }
    }

    @Test func codeMemosPerResearcherAreStored() async throws {
        var project = try ProjectFixture.coded()
        let trust = try #require(project.codebook.code(named: "barrier.trust"))
        let at = Date(timeIntervalSince1970: 1_800_000_000.25)
        try project.setMemo("Fraud stories", code: trust.id, author: "aida", at: at)
        try project.setMemo("Trust in the state?", code: trust.id, author: "nurlan", at: at)
        try project.setMemo("Fraud stories, not the state", code: trust.id, author: "aida", at: at)
        #expect(project.memos.map(\.text) == ["Fraud stories, not the state", "Trust in the state?"])
        #expect(throws: QualitativeError.self) { try project.setMemo("x", code: UUID(), author: "aida") }
        let database = try SanaripDatabase.inMemory()
        try await database.stores.qualitative.save(project, study: "digital-divide-kg")
        let read = try #require(try await database.stores.qualitative.project(study: "digital-divide-kg", name: "focus-groups"))
        #expect(read.memos == project.memos)
        // An empty memo removes it.
        try project.setMemo("  ", code: trust.id, author: "nurlan")
        try await database.stores.qualitative.save(project, study: "digital-divide-kg")
        #expect(try await database.stores.qualitative.project(study: "digital-divide-kg", name: "focus-groups")?.memos.map(\.author) == ["aida"])
    }
}
