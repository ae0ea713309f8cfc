import Foundation
import SanaripInstrument
import SanaripStatistics
import Testing
@testable import SanaripAnalysis

@Suite("Data files for the statistics commands")
struct DataFileTests {
    private static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sanarip-analysis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The same table written as CSV and as a workbook reads the same, and messages name the row a person sees.
    @Test func csvAndWorkbookReadAlike() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let cells = [["id", "w", "code", "sex"], ["1", "2.5", "10", "f"], [], ["2", "", "A7", "m"], ["3", "4", "10", "f"]]
        let csv = directory.appendingPathComponent("d.csv")
        try cells.map { $0.joined(separator: ",") }.joined(separator: "\n").write(to: csv, atomically: true, encoding: .utf8)
        let xlsx = directory.appendingPathComponent("d.xlsx")
        try XLSXWriter().write(Workbook(sheets: [Sheet(name: "data", cells: cells)], source: "d.xlsx"), to: xlsx)
        for path in [csv.path, xlsx.path] {
            let table = try DataFile.read(path, columns: ["code", "W"])
            #expect(table.columnNames == ["code", "W"])
            let w = try table.numbers("W")
            #expect(w.count == 3 && w[0] == 2.5 && w[1].isNaN && w[2] == 4)
            let code = try table.column("code")
            #expect(!code.isNumeric)
            #expect((0..<3).map { code.string(at: $0) } == ["10", "A7", "10"])
            // The blank row 3 is counted: the second record is on row 4.
            #expect(table.origin.row(1) == 4)
            #expect(throws: DataTableError.self) { try table.numbers("code") }
            do {
                _ = try table.numbers("code")
            } catch {
                #expect(error.description.contains("row 4, column code"), "\(error)")
                #expect(error.description.contains(URL(fileURLWithPath: path).lastPathComponent))
            }
        }
    }

    /// Copying delimited text keeps every byte of each record and appends the new column with the file's delimiter.
    @Test func copyAppendingKeepsRecords() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in.csv")
        try "id;name;x\r\n007;\"Smith; J\";1.50\r\n\r\n8;\"say \"\"hi\"\"\";2\r\n".write(to: input, atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent("out.csv")
        try DataFile.copyAppending(input.path, to: output.path, names: ["weight"], values: [[1.25, 3]])
        // Written twice: an existing output is replaced.
        try DataFile.copyAppending(input.path, to: output.path, names: ["weight"], values: [[1.25, 3]])
        let written = try String(contentsOf: output, encoding: .utf8)
        #expect(written == "id;name;x;weight\r\n007;\"Smith; J\";1.50;1.25\r\n8;\"say \"\"hi\"\"\";2;3\r\n")
        let table = try DataFile.read(output.path)
        #expect(try table.numbers("weight") == [1.25, 3])
        #expect(try table.column("name").string(at: 0) == "Smith; J")
    }

    /// A large file without quotes is read in parts, one per core; the result is the one a single pass gives.
    @Test func halvesJoinAsOne() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var text = "id,group,value,late\n"
        let rows = 400_000
        for row in 0..<rows {
            text += "\(row),g\(row % 7),\(Double(row) / 8),\(row == rows - 10 ? "x" : String(row % 3))\n"
            if row == rows / 2 + 3 { text += "\n\n" }
        }
        let file = directory.appendingPathComponent("big.csv")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let table = try DataFile.read(file.path)
        #expect(table.rowCount == rows)
        let value = try table.numbers("value")
        #expect(value.enumerated().allSatisfy { $1 == Double($0) / 8 })
        let group = try table.column("group")
        #expect((0..<rows).allSatisfy { group.string(at: $0) == "g\($0 % 7)" })
        let late = try table.column("late")
        #expect(!late.isNumeric && late.string(at: 5) == "2" && late.string(at: rows - 10) == "x")
        #expect(table.origin.row(rows / 2 + 3) == rows / 2 + 5)
        #expect(table.origin.row(rows / 2 + 4) == rows / 2 + 8)
    }
}
