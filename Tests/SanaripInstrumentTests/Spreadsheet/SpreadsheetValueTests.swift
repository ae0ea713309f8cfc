import Foundation
import Testing

@testable import SanaripInstrument

@Suite("Spreadsheet values and model")
struct SpreadsheetValueTests {
    @Test("numbers read as the shortest decimal without an exponent", arguments: [
        (1.0, "1"), (-3.0, "-3"), (0.1, "0.1"), (-2.5, "-2.5"), (1e-7, "0.0000001"), (1.5e-3, "0.0015"),
        (1e20, "100000000000000000000"), (1.5e20, "150000000000000000000"), (123_456_789.123, "123456789.123"),
        (0.1 + 0.2, "0.30000000000000004"), (-0.0, "0"), (9_007_199_254_740_992, "9007199254740992"),
        (12_345_678_901_234, "12345678901234"), (1e300, "1e+300"), (2.5e-300, "2.5e-300"), (-1.25e-5, "-0.0000125"),
    ])
    func numberText(value: Double, text: String) {
        #expect(NumberText.text(for: value) == text)
    }

    @Test("stored numbers are re-rendered, other stored text is kept", arguments: [
        ("1.0", "1"), ("2.50", "2.5"), ("1.5E-3", "0.0015"), ("1e+20", "100000000000000000000"), (" 7 ", "7"),
        ("abc", "abc"), ("0x10", "0x10"), ("inf", "inf"), ("NaN", "NaN"), ("", ""),
    ])
    func storedNumberText(stored: String, text: String) {
        #expect(NumberText.text(forStored: stored) == text)
    }

    @Test("format codes are told apart as numbers, dates, times and durations", arguments: [
        ("General", NumberFormat.number), ("0.00", .number), ("#,##0.00_);[Red](#,##0.00)", .number),
        ("0.00\" days\"", .number), ("[Red]0.00", .number), ("\\d0", .number), ("@", .number), ("0.00E+00", .number),
        ("yyyy-mm-dd", .date), ("dd/mm/yyyy", .date), ("mmm-yy", .date), ("[$-409]mmmm d, yyyy;@", .date),
        ("h:mm:ss", .time), ("mm:ss", .time), ("h:mm AM/PM", .time), ("[h]:mm:ss", .duration), ("[mm]:ss", .duration),
        ("yyyy-mm-dd h:mm:ss", .dateTime), ("m/d/yy h:mm", .dateTime), ("DD.MM.YYYY HH:MM", .dateTime),
    ])
    func classifiesFormats(code: String, format: NumberFormat) {
        #expect(NumberFormat.classify(code) == format)
    }

    @Test("built-in format ids")
    func builtInFormats() {
        #expect((14...17).allSatisfy { NumberFormat.builtIn($0) == .date })
        #expect([18, 19, 20, 21, 45, 47].allSatisfy { NumberFormat.builtIn($0) == .time })
        #expect(NumberFormat.builtIn(22) == .dateTime)
        #expect(NumberFormat.builtIn(46) == .duration)
        #expect([0, 1, 2, 9, 10, 11, 12, 13, 23, 44, 48, 49].allSatisfy { NumberFormat.builtIn($0) == .number })
    }

    @Test("serial days become ISO dates and times", arguments: [
        (1.0, NumberFormat.date, false, "1900-01-01"), (59, .date, false, "1900-02-28"), (60, .date, false, "1900-02-29"),
        (61, .date, false, "1900-03-01"), (45_296, .date, false, "2024-01-05"), (45_352, .date, false, "2024-03-01"),
        (45_296.5, .dateTime, false, "2024-01-05T12:00:00"), (45_296.999_999_9, .dateTime, false, "2024-01-06T00:00:00"),
        (0.573_263_888_888_888_9, .time, false, "13:45:30"), (45_296.25, .time, false, "06:00:00"),
        (2.25, .duration, false, "54:00:00"), (2_958_465, .date, false, "9999-12-31"),
        (0, .date, true, "1904-01-01"), (43_834, .date, true, "2024-01-05"), (0.25, .dateTime, true, "1904-01-01T06:00:00"),
    ])
    func serialDates(serial: Double, format: NumberFormat, date1904: Bool, text: String) {
        #expect(ExcelDate.text(serial: serial, format: format, date1904: date1904) == text)
    }

    @Test("numbers that are no date stay numbers")
    func notDates() {
        #expect(ExcelDate.text(serial: -1, format: .date, date1904: false) == nil)
        #expect(ExcelDate.text(serial: 2_958_466, format: .date, date1904: false) == nil)
        #expect(ExcelDate.text(serial: .nan, format: .date, date1904: false) == nil)
        #expect(ExcelDate.text(serial: 5, format: .number, date1904: false) == nil)
    }

    @Test("column letters and indexes", arguments: [
        (0, "A"), (25, "Z"), (26, "AA"), (27, "AB"), (51, "AZ"), (52, "BA"), (701, "ZZ"), (702, "AAA"), (16_383, "XFD"),
    ])
    func columnLetters(index: Int, letters: String) {
        #expect(SpreadsheetColumn.letter(index) == letters)
        #expect(SpreadsheetColumn.index(letters) == index)
        #expect(SpreadsheetColumn.index(letters.lowercased()) == index)
    }

    @Test("column letters round trip and bad letters are refused")
    func columnRoundTrip() {
        #expect((0...SpreadsheetColumn.maximumIndex).allSatisfy { SpreadsheetColumn.index(SpreadsheetColumn.letter($0)) == $0 })
        for bad in ["", "XFE", "AAAA", "A1", "Ж", "-"] {
            #expect(SpreadsheetColumn.index(bad) == nil, "\(bad)")
        }
        #expect(SpreadsheetColumn.reference(column: 2, row: 5) == "C5")
    }

    @Test("rows drop trailing empty cells and read empty past the end")
    func rows() {
        let row = Row(number: 3, cells: ["a", "", "c", "", ""])
        #expect(row.cells == ["a", "", "c"])
        #expect(row[2] == "c")
        #expect(row[1] == "")
        #expect(row[10] == "")
        #expect(row[column: 0] == "a")
        #expect(!row.isEmpty)
        #expect(Row(number: 1, cells: ["", ""]).isEmpty)
        #expect(Row(number: 1, cells: ["", ""]).cells == [])
    }

    @Test("sheets built from a grid number rows from 1 and leave out empty ones")
    func sheetFromGrid() {
        let sheet = Sheet(name: "s", cells: [["a"], [], ["", ""], ["", "d", ""]])
        #expect(sheet.rows == [Row(number: 1, cells: ["a"]), Row(number: 4, cells: ["", "d"])])
        #expect(sheet.columnCount == 2)
    }

    @Test("sheets are found ignoring case and surrounding spaces; workbooks compare by sheets")
    func workbookLookup() {
        let workbook = Workbook(sheets: [Sheet(name: "Survey ", rows: []), Sheet(name: "Выбор", rows: [])], source: "a.xlsx")
        #expect(workbook.sheet(named: "survey")?.name == "Survey ")
        #expect(workbook.sheet(named: " SURVEY")?.name == "Survey ")
        #expect(workbook.sheet(named: "выбор")?.name == "Выбор")
        #expect(workbook.sheet(named: "choices") == nil)
        #expect(workbook == Workbook(sheets: workbook.sheets, source: "b"))
        #expect(workbook.hashValue == Workbook(sheets: workbook.sheets, source: "b").hashValue)
        #expect(workbook != Workbook(sheets: [], source: "a.xlsx"))
    }

    @Test("_xHHHH_ escapes decode; writing protects literal ones and drops what XML forbids")
    func ooxmlText() {
        #expect(OOXMLText.decodingEscapes("a_x000D_b_x005F_x0041_ _x0041_ _x00_ _xZZZZ_") == "a\rb_x0041_ A _x00_ _xZZZZ_")
        #expect(OOXMLText.elementContent("<&>\r_x0041_\u{1}\u{FFFE}ok") == "&lt;&amp;&gt;&#xD;_x005F_x0041_ok")
        #expect(OOXMLText.attributeValue("a\"b\n<") == "a&quot;b&#xA;&lt;")
        #expect(SpreadsheetError(file: "f.xlsx", message: "m").description == "f.xlsx: m")
        #expect(SpreadsheetError.byteText(200_000_000) == "200 MB")
        #expect(SpreadsheetError.byteText(1_500_000) == "1.5 MB")
        #expect(SpreadsheetError.byteText(5_000) == "5 KB")
    }

    @Test("relationship targets resolve from their source part", arguments: [
        ("worksheets/sheet1.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"),
        ("/xl/worksheets/sheet2.xml", "xl/workbook.xml", "xl/worksheets/sheet2.xml"),
        ("./worksheets/../worksheets/sheet3.xml", "xl/workbook.xml", "xl/worksheets/sheet3.xml"),
        ("../media/a%20b.png", "xl/drawings/d.xml", "xl/media/a b.png"),
        ("xl/workbook.xml", "", "xl/workbook.xml"),
    ])
    func relationshipTargets(target: String, source: String, path: String) {
        #expect(XLSXRelationship.resolve(target, from: source) == path)
        #expect(XLSXRelationship.relationshipsPath(for: "xl/workbook.xml") == "xl/_rels/workbook.xml.rels")
    }
}
