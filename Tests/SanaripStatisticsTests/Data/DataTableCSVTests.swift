import Foundation
import Testing
@testable import SanaripStatistics

@Suite("Columnar CSV reader")
struct DataTableCSVTests {
    static func read(_ text: String, columns: [String]? = nil, missing: [String] = ["NA"]) throws -> DataTable {
        try DataTable(csv: Data(text.utf8), columns: columns, missing: missing)
    }

    @Test func numbersTextAndMissing() throws {
        let table = try Self.read("\u{FEFF}id,score,name,group\r\n1,2.5,\"Smith, J\",a\r\n2,NA,\"say \"\"hi\"\"\",b\r\n3,,plain,a\r\n4,-1e3,x,\r\n")
        #expect(table.rowCount == 4)
        #expect(table.columnNames == ["id", "score", "name", "group"])
        let score = try table.numbers("score")
        #expect(score[0] == 2.5 && score[1].isNaN && score[2].isNaN && score[3] == -1000)
        let name = try table.column("name")
        #expect(!name.isNumeric)
        #expect((0..<4).map { name.string(at: $0) } == ["Smith, J", "say \"hi\"", "plain", "x"])
        let group = try table.column("group").factor()
        #expect(group.levels == ["a", "b"] && group.codes == [0, 1, 0, -1])
    }

    @Test func columnTurnsToTextAfterNumbers() throws {
        let table = try Self.read("code,v\n10,1\n20,2\nA7,3\n10,4\n")
        let code = try table.column("code")
        #expect(!code.isNumeric)
        #expect((0..<4).map { code.string(at: $0) } == ["10", "20", "A7", "10"])
        #expect(code.factor().levels == ["10", "20", "A7"])
        #expect(throws: DataTableError.notNumeric(file: "data", row: 4, column: "code", value: "A7")) { try table.numbers("code") }
        #expect(try table.numbers("v") == [1, 2, 3, 4])
    }

    @Test func selectedColumnsAndErrors() throws {
        let table = try Self.read("a,b,c\n1,2,3\n4,5,6\n", columns: ["c", "a"])
        #expect(table.columnNames == ["c", "a"])
        #expect(try table.numbers("c") == [3, 6])
        #expect(throws: DataTableError.missingColumn("z", available: ["a", "b", "c"], file: "data")) { try Self.read("a,b,c\n1,2,3\n", columns: ["z"]) }
        #expect(throws: DataTableError.ragged(file: "data", row: 3, expected: 3, found: 2)) { try Self.read("a,b,c\n1,2,3\n4,5\n") }
        #expect(throws: DataTableError.ragged(file: "data", row: 4, expected: 3, found: 4)) { try Self.read("a,b,c\n1,2,3\n\n4,5,6,7\n") }
        #expect(throws: DataTableError.emptyFile(path: "data")) { try Self.read("") }
        let custom = try Self.read("a,b\n-99,x\n1,.\n", missing: ["-99", "."])
        #expect(try custom.numbers("a")[0].isNaN && custom.column("b").isMissing(1))
        let noFinalNewline = try Self.read("a,b\n1,2\n3,")
        #expect(try noFinalNewline.numbers("a") == [1, 3])
        #expect(try noFinalNewline.numbers("b")[1].isNaN)
    }

    @Test func domainsCrossFactorsLikeR() throws {
        let table = try Self.read("s,t\nb,2\na,1\nb,1\n,2\n")
        let domains = try DomainSet(table, by: ["s", "t"])
        #expect(domains.labels == [["a", "1"], ["b", "1"], ["a", "2"], ["b", "2"]])
        #expect(domains.codes == [3, 0, 1, -1])
    }
}
