import Foundation
import Testing
@testable import SanaripStatistics

/// The reader cut into parts (one per core for a large file) must give what one pass gives, whatever the file holds:
/// quoted fields with line breaks across the cuts, CRLF, a BOM, blank lines, semicolons or tabs, missing values, and a
/// column that turns to text in a later part. The expected cells are those the generator wrote.
@Suite("Columnar CSV reader in parts")
struct DataTablePartsTests {
    /// A generated file and what it holds.
    struct Generated {
        var text = ""
        var ids: [Double] = []
        var xs: [Double] = []
        var names: [String?] = []
        var groups: [String?] = []
        var late: [String] = []
        /// The row of each record as a spreadsheet shows it (header = row 1, blank lines counted).
        var rows: [Int] = []
    }

    enum Quoting { case none, fromRecord(Int), everywhere }

    static func generate(records: Int, delimiter: String, lineEnd: String, bom: Bool, quoting: Quoting, seed: UInt64) -> Generated {
        var random = SeededGenerator(seed: seed)
        var file = Generated()
        var row = 1
        file.text = (bom ? "\u{FEFF}" : "") + ["id", "x", "name", "group", "late"].joined(separator: delimiter) + lineEnd
        let textRecord = records - records / 5
        for record in 0..<records {
            if random.next() % 17 == 0 {
                let blanks = Int(random.next() % 3) + 1
                file.text += String(repeating: lineEnd, count: blanks)
                row += blanks
            }
            row += 1
            file.rows.append(row)
            let id = Double(record)
            let magnitude = Double(random.next() % 2_000_000) / 1000 - 1000
            let x: Double = switch random.next() % 4 {
            case 0: magnitude
            case 1: magnitude * 1e-7
            case 2: Double(bitPattern: random.next() >> 2)
            default: magnitude.rounded()
            }
            let quoted: Bool = switch quoting {
            case .none: false
            case .fromRecord(let first): record >= first && random.next() % 3 == 0
            case .everywhere: random.next() % 2 == 0
            }
            var name: String? = "n\(random.next() % 50)"
            var nameField = name!
            if quoted {
                switch random.next() % 3 {
                case 0: name = "say \"hi\"\(delimiter) n\(record)"
                case 1: name = "two\nlines \(record % 9)"
                default: name = "plain \(record % 4)"
                }
                // A line break inside quotes stays in its cell: the record is still one spreadsheet row.
                nameField = "\"" + name!.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            } else if random.next() % 13 == 0 {
                name = nil
                nameField = "NA"
            }
            let group: String? = random.next() % 11 == 0 ? nil : ["a", "b", "c"][Int(random.next() % 3)]
            let late = record == textRecord ? "x7" : String(record % 5)
            file.ids.append(id)
            file.xs.append(x)
            file.names.append(name)
            file.groups.append(group)
            file.late.append(late)
            file.text += ["\(record)", "\(x)", nameField, group ?? "", late].joined(separator: delimiter) + lineEnd
        }
        return file
    }

    static func expectMatches(_ table: DataTable, _ file: Generated, _ label: String) throws {
        #expect(table.rowCount == file.ids.count, "\(label)")
        #expect(table.columnNames == ["id", "x", "name", "group", "late"], "\(label)")
        #expect(try table.numbers("id") == file.ids, "\(label)")
        #expect(try table.numbers("x") == file.xs, "\(label)")
        let name = try table.column("name"), group = try table.column("group"), late = try table.column("late")
        #expect(!late.isNumeric, "\(label)")
        for record in file.ids.indices {
            guard name.string(at: record) == file.names[record], group.string(at: record) == file.groups[record],
                  late.string(at: record) == file.late[record], table.origin.row(record) == file.rows[record] else {
                Issue.record("\(label): record \(record) reads \(String(describing: name.string(at: record))), \(String(describing: group.string(at: record))), \(String(describing: late.string(at: record))) on row \(table.origin.row(record)); written \(String(describing: file.names[record])), \(String(describing: file.groups[record])), \(file.late[record]) on row \(file.rows[record])")
                return
            }
        }
    }

    @Test(arguments: [(",", "\n", false), (";", "\r\n", true), ("\t", "\n", true), (",", "\r\n", false)])
    func partsReadAsWritten(delimiter: String, lineEnd: String, bom: Bool) throws {
        for quoting in [Quoting.none, .fromRecord(1_300), .fromRecord(2_950), .everywhere] {
            let file = Self.generate(records: 3_000, delimiter: delimiter, lineEnd: lineEnd, bom: bom, quoting: quoting, seed: 11)
            for parts in [1, 2, 3, 7] {
                let table = try DataTable(csv: Data(file.text.utf8), parts: parts)
                try Self.expectMatches(table, file, "\(quoting), \(parts) parts, delimiter \(delimiter.debugDescription), \(lineEnd.debugDescription)")
            }
        }
    }

    /// Only the columns asked for are built; the others are skipped, quotes and all.
    @Test func skippedColumnsAreNotBuilt() throws {
        let file = Self.generate(records: 2_000, delimiter: ",", lineEnd: "\n", bom: false, quoting: .fromRecord(1_000), seed: 5)
        for parts in [1, 4] {
            let table = try DataTable(csv: Data(file.text.utf8), columns: ["late", "x"], parts: parts)
            #expect(table.columnNames == ["late", "x"])
            #expect(try table.numbers("x") == file.xs)
            #expect(try table.column("late").string(at: 1_999) == file.late[1_999])
        }
    }

    /// A record with too many fields in a later part is reported on its own row, however the file is cut.
    @Test func raggedRowInALaterPart() throws {
        var file = Self.generate(records: 2_000, delimiter: ",", lineEnd: "\n", bom: false, quoting: .none, seed: 3)
        var lines = file.text.components(separatedBy: "\n")
        let record = 1_700
        let line = try #require(lines.firstIndex { $0.hasPrefix("\(record),") })
        lines[line] += ",extra"
        file.text = lines.joined(separator: "\n")
        for parts in [1, 2, 5] {
            #expect(throws: DataTableError.ragged(file: "data", row: file.rows[record], expected: 5, found: 6)) {
                try DataTable(csv: Data(file.text.utf8), parts: parts)
            }
        }
    }

    /// The cut keeps a CRLF pair and a record whose last field is empty together.
    @Test func tinyPartsAndEmptyLastFields() throws {
        let text = "a;b\r\n1;\r\n\r\n2;x\r\n3;"
        for parts in 1...6 {
            let table = try DataTable(csv: Data(text.utf8), parts: parts)
            #expect(try table.numbers("a") == [1, 2, 3])
            let b = try table.column("b")
            #expect((0..<3).map { b.string(at: $0) } == [nil, "x", nil])
            #expect(table.origin.row(2) == 5)
        }
    }

    /// Every way of cutting a file gives what one pass gives (the parts write their rows straight into the table's
    /// arrays, at places found by counting line ends first): the last line without a line end, lone carriage
    /// returns, blank lines at the cuts, quoted line breaks across a cut, a column turning to text in one part only,
    /// text levels met in another order in each part, a part holding no line feed at all.
    @Test func everyCutEqualsOnePass() throws {
        var random = SeededGenerator(seed: 29)
        var mixed = "id,group,x,note\n"
        for record in 0..<400 {
            let end = ["\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\n\n\n"][Int(random.next() % 6)]
            let group = ["north", "south", "east", "west", "centre"][Int(random.next() % 5)]
            let note = random.next() % 9 == 0 ? "\"line\nbreak \(record)\"" : (random.next() % 7 == 0 ? "" : "n\(record % 3)")
            let x = record == 350 ? "n/a" : String(Double(random.next() % 100_000) / 100)
            mixed += "\(record),\(group),\(x),\(note)" + (record == 399 ? "" : end)
        }
        let texts = [
            mixed,
            mixed.replacingOccurrences(of: "\"line\nbreak", with: "\"line break"),
            "id,g\r1,a\r2,b\r3,c",
            "id,g\n\n1,a\n\n\n2,b\n3,a\n\n4,c\n\n",
            "id,note\n1,\"a\nb\"\n2,\"c\r\nd\"\n3,x",
            "a,b\n1,2\n3," + String(repeating: "y", count: 300),
            "a,b\n",
            "a,b",
        ]
        for (index, text) in texts.enumerated() {
            let serial = try DataTable(csv: Data(text.utf8), parts: 1)
            for parts in 2...9 {
                let table = try DataTable(csv: Data(text.utf8), parts: parts)
                try Self.expectEqual(table, serial, "text \(index), \(parts) parts")
            }
        }
        // The mixed text read in one pass holds what was written: 400 records, x as text from record 350's "n/a".
        let serial = try DataTable(csv: Data(mixed.utf8), parts: 1)
        #expect(serial.rowCount == 400)
        #expect(try !serial.column("x").isNumeric)
        #expect(try serial.column("x").string(at: 350) == "n/a")
        #expect(try serial.numbers("id") == (0..<400).map(Double.init))
    }

    /// Rows fed one by one (as the workbook reader does) give the table the CSV reader gives for the same cells:
    /// numbers, a column turning to text after numbers, missing cells, kept columns.
    @Test func rowsFedOneByOneEqualTheReader() throws {
        let file = Self.generate(records: 500, delimiter: ",", lineEnd: "\n", bom: false, quoting: .none, seed: 17)
        let lines = file.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = lines[0].components(separatedBy: ",")
        for columns in [nil, ["late", "x", "group"]] as [[String]?] {
            var builder = try DataTableBuilder(header: header, file: "data", columns: columns)
            for (index, line) in lines.enumerated().dropFirst() where !line.isEmpty {
                builder.append(line.components(separatedBy: ","), row: index + 1)
            }
            let fed = try builder.table()
            let read = try DataTable(csv: Data(file.text.utf8), columns: columns, parts: 1)
            try Self.expectEqual(fed, read, "columns \(columns ?? header)")
            #expect(fed.rowCount == 500)
        }
    }

    /// Two tables hold the same columns, cells (numbers bit for bit) and file rows.
    static func expectEqual(_ table: DataTable, _ expected: DataTable, _ label: String) throws {
        #expect(table.columnNames == expected.columnNames, "\(label)")
        #expect(table.rowCount == expected.rowCount, "\(label)")
        guard table.rowCount == expected.rowCount else { return }
        for name in expected.columnNames {
            let column = try table.column(name), reference = try expected.column(name)
            #expect(column.isNumeric == reference.isNumeric, "\(label): column \(name)")
            if column.isNumeric, reference.isNumeric {
                #expect(try table.numbers(name).map(\.bitPattern) == expected.numbers(name).map(\.bitPattern), "\(label): column \(name)")
            }
            for row in 0..<table.rowCount where column.string(at: row) != reference.string(at: row) || table.origin.row(row) != expected.origin.row(row) {
                Issue.record("\(label): column \(name), record \(row): \(String(describing: column.string(at: row))) on row \(table.origin.row(row)), one pass: \(String(describing: reference.string(at: row))) on row \(expected.origin.row(row))")
                return
            }
        }
    }
}
