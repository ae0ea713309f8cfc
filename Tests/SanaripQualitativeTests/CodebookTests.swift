import Foundation
import Testing
@testable import SanaripQualitative

@Suite struct CodebookTests {
    @Test func starterCodebookIsTrilingualAndHierarchical() throws {
        let codebook = try Codebook.starter()
        #expect(codebook.children(of: nil).map(\.key) == ["barrier", "eservice", "needs"])
        let barrier = try #require(codebook.code(named: "barrier"))
        #expect(codebook.children(of: barrier.id).map(\.key) == [
            "barrier.cost", "barrier.coverage", "barrier.devices", "barrier.skills", "barrier.language", "barrier.trust",
            "barrier.time", "barrier.norms", "barrier.relevance",
        ])
        for code in codebook.codes {
            for language in ["ky", "ru", "en"] {
                #expect(code.names[language]?.isEmpty == false, "\(code.key) lacks a \(language) name")
                #expect(code.definitions[language]?.isEmpty == false, "\(code.key) lacks a \(language) definition")
            }
            #expect(!code.source.isEmpty, "\(code.key) has no source")
        }
        #expect(codebook.code(named: "Стоимость")?.key == "barrier.cost")
        #expect(codebook.code(named: "Түндүк жана идентификация")?.key == "eservice.tunduk")
    }

    @Test func csvAndREFICodebookRoundTrip() throws {
        let codebook = try Codebook.starter()
        #expect(try Codebook.fromCSV(codebook.csv(), file: "out.csv") == codebook)
        let qdc = REFIQDA.codebookXML(codebook)
        let read = try REFIQDA.readCodebook(Data(qdc.utf8), file: "out.qdc")
        #expect(read.codes.map(\.key) == codebook.codes.map(\.key))
        #expect(read.codes.map(\.id) == codebook.codes.map(\.id))
        #expect(read.codes.map(\.names) == codebook.codes.map(\.names))
        #expect(read.codes.map(\.definitions) == codebook.codes.map(\.definitions))
        #expect(read.codes.map(\.parentID) == codebook.codes.map(\.parentID))
        #expect(read.codes.map(\.example) == codebook.codes.map(\.example))
    }

    @Test func badCodebooksAreRefused() throws {
        #expect(throws: QualitativeError.invalid("c.csv, code \"b.x\": its parent \"b\" is not listed above it")) {
            try Codebook.fromCSV("key,parent,name_en\nb.x,b,X\nb,,B\n", file: "c.csv")
        }
        #expect(throws: QualitativeError.invalid("c.csv: the code key \"A\" appears twice; keys must be unique")) {
            try Codebook.fromCSV("key,name_en\na,A\nA,A2\n", file: "c.csv")
        }
        #expect(throws: QualitativeError.self) { try REFIQDA.readCodebook(Data("<CodeBook><Codes>".utf8), file: "c.qdc") }
    }
}
