import Foundation
import Testing

@testable import SanaripInstrument

@Suite("XLSXReader on fixtures")
struct XLSXReaderTests {
    private func rows(_ sheet: Sheet?) -> [Int: [String]] {
        Dictionary(uniqueKeysWithValues: (sheet?.rows ?? []).map { ($0.number, $0.cells) })
    }

    @Test("openpyxl workbook: sheet order, inline strings, numbers, booleans, dates, gaps, Cyrillic")
    func basicWorkbook() throws {
        let workbook = try XLSXReader().read(contentsOf: SpreadsheetTestSupport.fixture("basic"))
        #expect(workbook.source == "basic.xlsx")
        #expect(workbook.sheetNames == ["settings", "Survey", "choices", "Данные", "Empty"])

        let survey = rows(workbook.sheet(named: "survey"))
        #expect(survey.keys.sorted() == [1, 2, 4, 5, 6, 7, 8, 9, 10, 12, 14])
        #expect(survey[1] == ["type", "name", "label", "label::Русский", "hint"])
        #expect(survey[2] == ["text", "name", "What is your name?", "Как вас зовут?", "  padded  "])
        #expect(survey[4] == ["integer", "age", "", "", "", "42"])
        #expect(survey[5] == ["", "0.1", "", "-2.5", "0.0000001", "12345678901234", "100000000000000000000", "3.14159"])
        #expect(survey[6] == ["TRUE", "FALSE"])
        #expect(survey[7] == ["2024-01-05", "2024-03-09T14:30:15", "13:45:30"])
        #expect(survey[8] == ["2024-01-05", "2024-01-05T14:30:00", "36:00:00"])
        #expect(survey[9] == ["1.5", "2.25", "1234567"])
        #expect(survey[10] == ["line one\nline two", "Привет, мир", "quote \"x\" & <tag>"])
        #expect(survey[12] == ["", "b", "", "", "e"])
        #expect(survey[14] == ["last"])

        #expect(workbook.sheet(named: "settings")?.rows == [
            Row(number: 1, cells: ["form_title", "form_id"]),
            Row(number: 2, cells: ["Пример", "example"]),
        ])
        #expect(workbook.sheet(named: "CHOICES")?.rows.map(\.cells) == [
            ["list_name", "name", "label"], ["yes_no", "yes", "Да"], ["yes_no", "no", "Нет"],
        ])
        #expect(workbook.sheet(named: " данные ")?.rows.first?.cells == ["ключ", "значение"])
        #expect(workbook.sheet(named: "Empty")?.rows == [])
    }

    @Test("hand-made workbook: shared and inline rich text, escapes, formula results, errors, unaddressed cells")
    func handmadeStrings() throws {
        let workbook = try XLSXReader().read(contentsOf: SpreadsheetTestSupport.fixture("handmade"))
        #expect(workbook.sheetNames == ["Second", "First", "Prefixed"], "order from workbook.xml; the chart sheet has no cells")

        let first = rows(workbook.sheet(named: "First"))
        #expect(first.keys.sorted() == [1, 2, 7, 8])
        #expect(first[1] == ["inline", "inline ", "inline!", "#N/A", "TRUE", "", "plain"])
        #expect(first[2] == ["x<y & z", "Bold and plain", "漢字", "a\r\nb", "_x0041_ stays"])
        #expect(first[7] == ["", "", "FALSE"], "a row without r takes its number from its first cell")
        #expect(first[8] == ["after seven"], "a row without r follows the previous one")

        #expect(rows(workbook.sheet(named: "Prefixed")) == [2: ["", "plain"]])
    }

    @Test("hand-made workbook: custom and built-in date formats, the 1900 leap-year bug, number text")
    func handmadeNumbers() throws {
        let workbook = try XLSXReader().read(contentsOf: SpreadsheetTestSupport.fixture("handmade"))
        let second = rows(workbook.sheet(named: "Second"))
        #expect(second[1] == ["2024-01-05", "36:00:00", "2024-01-05T18:00:00", "2.5"])
        var third = Array(repeating: "", count: 27)
        third[0...3] = ["1900-02-28", "1900-02-29", "1900-03-01", "18:00:00"]
        third[26] = "0.0015"
        #expect(second[3] == third)
        #expect(second[10] == ["", "2", "0", "123456789.123", "0.30000000000000004", "-1"])
    }

    @Test("1904 date system")
    func dates1904() throws {
        let workbook = try XLSXReader().read(contentsOf: SpreadsheetTestSupport.fixture("dates1904"))
        #expect(workbook.sheet(named: "dates")?.rows == [
            Row(number: 1, cells: ["2024-01-05", "1904-01-01T06:00:00", "23:59:59"]),
        ])
    }

    @Test("reading from data gives the same workbook as reading the file, named as given")
    func readFromData() throws {
        let url = try SpreadsheetTestSupport.fixture("basic")
        let fromData = try XLSXReader().read(data: Data(contentsOf: url), name: "upload.xlsx")
        #expect(fromData == (try XLSXReader().read(contentsOf: url)))
        #expect(fromData.source == "upload.xlsx")
    }

    @Test("fixtures agree with openpyxl where openpyxl and Excel agree")
    func fixturesMatchOpenpyxl() throws {
        let url = try SpreadsheetTestSupport.fixture("basic")
        let reference = try SpreadsheetTestSupport.openpyxlRows(of: url)
        let workbook = try XLSXReader().read(contentsOf: url)
        #expect(reference["\u{0}order"] == [workbook.sheetNames])
        for name in ["settings", "choices", "Данные", "Empty"] {
            #expect(reference[name] == SpreadsheetTestSupport.openpyxlLayout(of: workbook)[name], "sheet \(name)")
        }
        let referenceSurvey = try #require(reference["Survey"])
        let ours = try #require(SpreadsheetTestSupport.openpyxlLayout(of: workbook)["Survey"])
        let textRows: Set<String> = ["1", "2", "10", "12", "14"]
        #expect(referenceSurvey.filter { textRows.contains($0[0]) } == ours.filter { textRows.contains($0[0]) })
    }
}
