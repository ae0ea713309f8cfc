import Foundation
import Testing

@testable import SanaripInstrument

@Suite("XLSXWriter")
struct XLSXWriterTests {
    /// Text that trips up writers: XML markup, escapes, spaces, line breaks, numbers-as-text, scripts.
    static let tricky = Workbook(
        sheets: [
            Sheet(name: "survey", cells: [
                ["type", "name", "label::Русский (ru)", "label::Кыргызча (ky)", "hint"],
                ["text", "q1", "Как вас зовут?", "Атыңыз ким?", "  leading and trailing  "],
                [],
                ["select_one yes_no", "q2", "a & b < c > d \"quoted\" 'single'", "]]> and <![CDATA[", "tab\there"],
                ["note", "q3", "line one\nline two", "windows\r\nline", "lone\rcarriage"],
                ["", "", "", "", "", "", "", "far right"],
                ["007", "1.0", "=SUM(A1:A2)", "TRUE", "_x0041_ literal", "emoji 🎉 and é (e\u{301})"],
            ]),
            Sheet(name: "choices", cells: [
                ["list_name", "name", "label"],
                ["yes_no", "yes", "Да"],
                ["yes_no", "no", "Жок"],
            ]),
            Sheet(name: "Параметры & settings", rows: [
                Row(number: 1, cells: ["form_title"]),
                Row(number: 5, cells: ["", "gap before"]),
            ]),
            Sheet(name: "empty", rows: []),
        ],
        source: "tricky.xlsx"
    )

    @Test("written workbooks read back equal, sheet order and row numbers included")
    func roundTrip() throws {
        let data = try XLSXWriter().data(for: Self.tricky)
        let read = try XLSXReader().read(data: data, name: "tricky.xlsx")
        #expect(read == Self.tricky)
        #expect(read.sheetNames == Self.tricky.sheetNames)
        for (ours, theirs) in zip(read.sheets, Self.tricky.sheets) {
            #expect(ours.rows == theirs.rows, "sheet \(ours.name)")
        }
    }

    @Test("openpyxl reads the same cell values from written workbooks")
    func openpyxlAgrees() throws {
        let folder = try SpreadsheetTestSupport.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("tricky.xlsx")
        try XLSXWriter().write(Self.tricky, to: url)
        let reference = try SpreadsheetTestSupport.openpyxlRows(of: url)
        let expected = SpreadsheetTestSupport.openpyxlLayout(of: Self.tricky)
        #expect(reference["\u{0}order"] == expected["\u{0}order"])
        for sheet in Self.tricky.sheets {
            #expect(reference[sheet.name] == expected[sheet.name], "sheet \(sheet.name)")
        }
    }

    @Test("the same workbook always gives the same bytes")
    func deterministic() throws {
        let first = try XLSXWriter().data(for: Self.tricky)
        let second = try XLSXWriter().data(for: Self.tricky)
        #expect(first == second)
    }

    @Test("the package has the parts Excel needs, a bold frozen header row and escaped names")
    func packageParts() throws {
        let data = try XLSXWriter().data(for: Self.tricky)
        let archive = try ZIPArchiveReader(data: data)
        #expect(archive.entries.map(\.path) == [
            "[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml", "xl/workbook.xml",
            "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/sharedStrings.xml",
            "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml", "xl/worksheets/sheet4.xml",
        ])
        var budget = ZIPArchiveReader.Budget(limits: .default)
        func text(_ path: String) throws -> String {
            let entry = try #require(archive.entry(path))
            return String(decoding: try archive.contents(of: entry, budget: &budget), as: UTF8.self)
        }
        let sheet = try text("xl/worksheets/sheet1.xml")
        #expect(sheet.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        #expect(sheet.contains("<c r=\"A1\" s=\"1\" t=\"s\">"))
        #expect(sheet.contains("<dimension ref=\"A1:H7\"/>"))
        #expect(try text("xl/styles.xml").contains("<font><b/>"))
        #expect(try text("xl/workbook.xml").contains("name=\"Параметры &amp; settings\""))
        let strings = try text("xl/sharedStrings.xml")
        #expect(strings.contains("<t>a &amp; b &lt; c &gt; d \"quoted\" 'single'</t>"))
        #expect(strings.contains("windows&#xD;\nline"))
        #expect(strings.contains("_x005F_x0041_ literal"))
        #expect(try text("xl/worksheets/sheet4.xml").contains("<sheetData></sheetData>"))
    }

    /// Kept out of the openpyxl comparison: openpyxl deletes every `x005F_` instead of decoding `_xHHHH_`
    /// escapes as ECMA-376 (and Excel) do, so it reads `x_x005F_y` back as `x_y`.
    @Test("text that looks like an _xHHHH_ escape reads back literally")
    func literalEscapeSequences() throws {
        let workbook = Workbook(sheets: [Sheet(name: "s", cells: [["x_x005F_y", "_x000D_", "_x12G4_", "__x0041__"]])])
        let read = try XLSXReader().read(data: XLSXWriter().data(for: workbook), name: "x.xlsx")
        #expect(read == workbook)
    }

    @Test("characters XML 1.0 cannot carry are dropped, the rest of the text kept")
    func illegalCharacters() throws {
        let workbook = Workbook(sheets: [
            Sheet(name: "survey", cells: [["bell\u{7}null\u{0}escape\u{1B}", "keep\u{FFFE}\u{FFFF} this"]]),
        ])
        let read = try XLSXReader().read(data: XLSXWriter().data(for: workbook), name: "x.xlsx")
        #expect(read.sheets.first?.rows.first?.cells == ["bellnullescape", "keep this"])
    }

    @Test("what Excel cannot hold is refused with a message", arguments: [
        (Workbook(sheets: []), "a workbook needs at least one sheet"),
        (Workbook(sheets: [Sheet(name: "a/b", rows: [])]), "sheet name 'a/b' contains '/'"),
        (Workbook(sheets: [Sheet(name: String(repeating: "я", count: 32), rows: [])]), "longer than the 31 characters"),
        (Workbook(sheets: [Sheet(name: "  ", rows: [])]), "is blank"),
        (Workbook(sheets: [Sheet(name: "Survey", rows: []), Sheet(name: "survey", rows: [])]), "two sheets named 'survey'"),
        (Workbook(sheets: [Sheet(name: "s", rows: [Row(number: 3, cells: ["a"]), Row(number: 2, cells: ["b"])])]),
         "lists row 2 after row 3"),
        (Workbook(sheets: [Sheet(name: "s", rows: [Row(number: 1_048_577, cells: ["a"])])]), "past Excel's last row"),
        (Workbook(sheets: [Sheet(name: "s", cells: [["", String(repeating: "x", count: 32_768)]])]),
         "cell B1 holds 32768 characters"),
    ])
    func refusesWhatExcelCannotHold(workbook: Workbook, expected: String) throws {
        let error = try #require(throws: SpreadsheetError.self) { try XLSXWriter().data(for: workbook) }
        #expect(error.message.contains(expected), "\(error)")
        #expect(error.file == "workbook")
    }

    @Test("write(_:to:) stores the same bytes as data(for:)")
    func writesFile() throws {
        let folder = try SpreadsheetTestSupport.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("out.xlsx")
        try XLSXWriter().write(Self.tricky, to: url)
        #expect(try Data(contentsOf: url) == (try XLSXWriter().data(for: Self.tricky)))
        #expect(try XLSXReader().read(contentsOf: url) == Self.tricky)
    }
}
