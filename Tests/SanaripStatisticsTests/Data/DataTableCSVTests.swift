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

    /// The one-pass crossing (text columns' codes recoded on the way) gives the domains that crossing the columns'
    /// factors gives, on generated columns: text in unsorted first-appearance order, sorted text, sparse and dense
    /// whole numbers, decimals, and missing cells in each.
    @Test("domains read in one pass equal the crossing of each column's factor", arguments: [1, 2, 3])
    func onePassCrossingEqualsFactors(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let rows = 5_000
        func missing() -> Bool { Int.random(in: 0..<40, using: &generator) == 0 }
        let words = ["Osh", "Batken", "Chui", "Naryn", "Talas", "Issyk-Kul"]
        var lines = ["region,sex,stratum,psu,share"]
        for _ in 0..<rows {
            let region = missing() ? "" : words.randomElement(using: &generator)!
            let sex = missing() ? "" : ["F", "M"].randomElement(using: &generator)!
            let stratum = missing() ? "" : String([3, 7, 8, 20, 41].randomElement(using: &generator)!)
            let psu = missing() ? "" : String(Int.random(in: 1...9, using: &generator))
            let share = missing() ? "" : ["0.5", "1.25", "2", "0.75"].randomElement(using: &generator)!
            lines.append([region, sex, stratum, psu, share].joined(separator: ","))
        }
        let table = try Self.read(lines.joined(separator: "\n") + "\n")
        for columns in [["region", "sex", "stratum", "psu", "share"], ["sex", "region"], ["stratum"], ["share", "region"]] {
            let domains = try DomainSet(table, by: columns)
            let factors = try columns.map { try table.column($0).factor() }
            let expected = DataFactor.crossing(factors)
            #expect(domains.codes == expected.factor.codes, "\(columns)")
            #expect(domains.labels == expected.labels, "\(columns)")
        }
        // The factors themselves, against a reading of the strings.
        for name in ["region", "stratum", "share"] {
            let column = try table.column(name)
            let factor = column.factor()
            let strings = (0..<rows).map { column.string(at: $0) }
            #expect(factor.levels == factor.levels.sorted { column.isNumeric ? Double($0)! < Double($1)! : $0 < $1 })
            #expect((0..<rows).allSatisfy { row in
                strings[row].map { factor.levels[Int(factor.codes[row])] == $0 } ?? (factor.codes[row] == -1)
            })
        }
    }
}
