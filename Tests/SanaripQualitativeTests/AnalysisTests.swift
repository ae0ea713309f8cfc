import Foundation
import Testing
@testable import SanaripQualitative

@Suite struct AnalysisTests {
    @Test func codeByGroupMatrixCountsParticipantsWhoRaisedEachCode() throws {
        let project = try ProjectFixture.coded()
        let bySex = project.matrix(by: "sex")
        #expect(bySex.groups == ["female", "male"])
        func cell(_ code: String, _ group: String) throws -> CodeMatrix.Cell {
            let row = try #require(bySex.codes.firstIndex(of: code))
            let column = try #require(bySex.groups.firstIndex(of: group))
            return bySex.cells[row][column]
        }
        // Women: Айгүл, Бермет, Чолпон, Гулнара (4); men: Азамат, Тимур (2).
        // barrier.cost: Айгүл (turn 2, Karakol) and Азамат (turn 7, Osh).
        #expect(try cell("barrier.cost", "female").participants == 1)
        #expect(try cell("barrier.cost", "female").ofParticipants == 4)
        #expect(try cell("barrier.cost", "male").share == 0.5)
        // barrier.trust: Айгүл (6), Бермет (7, nurlan only) and Тимур (Osh 4).
        #expect(try cell("barrier.trust", "female").participants == 2)
        #expect(try cell("barrier.trust", "male").participants == 1)
        // The session's attribute groups too.
        let byOblast = project.matrix(by: "oblast")
        #expect(byOblast.groups == ["Issyk-Kul", "Osh"])
        #expect(byOblast.cells[try #require(byOblast.codes.firstIndex(of: "eservice.tunduk"))] .map(\.participants) == [0, 1])
    }

    @Test func coOccurrenceAndQuotes() throws {
        let project = try ProjectFixture.coded()
        let (codes, turns) = project.coOccurrence()
        let cost = try #require(codes.firstIndex(of: "barrier.cost")), devices = try #require(codes.firstIndex(of: "barrier.devices"))
        #expect(turns[cost][devices] == 1 && turns[devices][cost] == 1 && turns[cost][cost] == 2)
        let quotes = try project.quotes(code: "barrier.trust")
        #expect(quotes.map(\.speaker) == ["P1", "P2", "P6"])
        #expect(quotes[0].text.contains("Карттан акча уурдап кетишти") && quotes[0].coders == ["aida", "nurlan"])
        #expect(quotes[0].attributes["oblast"] == "Issyk-Kul" && quotes[0].attributes["sex"] == "female")
        // Filtered by a group, and by the parent code (its sub-codes included).
        #expect(try project.quotes(code: "barrier.trust", where: (attribute: "sex", value: "male")).map(\.speaker) == ["P6"])
        #expect(try project.quotes(code: "eservice").count == 2) // Osh turn 2 (tunduk), turn 3 (help, ease: one span)
        #expect(throws: QualitativeError.self) { try project.quotes(code: "no-such-code") }
    }
}
