import Foundation
import Testing

@testable import SanaripInstrument

@Suite("WorkbookLoader and WorkbookWriter")
struct WorkbookLoaderTests {
    private func write(_ text: String, to url: URL) throws {
        try Data(text.utf8).write(to: url)
    }

    @Test("a folder of CSV files is one sheet per file, other files ignored")
    func csvFolder() throws {
        let folder = try SpreadsheetTestSupport.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let form = folder.appendingPathComponent("my-form")
        try FileManager.default.createDirectory(at: form, withIntermediateDirectories: true)
        try write("type,name,label\ntext,q1,Имя\n", to: form.appendingPathComponent("survey.csv"))
        try write("list_name,name,label\nyes_no,yes,Да\n", to: form.appendingPathComponent("choices.CSV"))
        try write("notes", to: form.appendingPathComponent("README.txt"))
        try write("x", to: form.appendingPathComponent(".hidden.csv"))
        try write("x", to: form.appendingPathComponent("~$survey.csv"))

        let workbook = try WorkbookLoader.load(contentsOf: form)
        #expect(workbook.source == "my-form")
        #expect(workbook.sheetNames == ["choices", "survey"])
        #expect(workbook.sheet(named: "survey")?.rows.last == Row(number: 2, cells: ["text", "q1", "Имя"]))
    }

    @Test("a lone CSV file is the sheet 'survey'")
    func singleCSV() throws {
        let folder = try SpreadsheetTestSupport.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("questions.csv")
        try write("type,name\ntext,q1\n", to: file)
        let workbook = try WorkbookLoader.load(contentsOf: file)
        #expect(workbook == Workbook(sheets: [Sheet(name: "survey", cells: [["type", "name"], ["text", "q1"]])]))
        #expect(workbook.source == "questions.csv")
    }

    @Test("an .xlsx file is read as a workbook")
    func xlsx() throws {
        let workbook = try WorkbookLoader.load(contentsOf: SpreadsheetTestSupport.fixture("basic"))
        #expect(workbook.sheetNames.first == "settings")
        #expect(workbook.source == "basic.xlsx")
    }

    @Test("formats that cannot be read, and missing paths, say what to do", arguments: [
        ("form.xls", "form.xls: is an old Excel 97-2003 workbook (.xls), which cannot be read. Open it in Excel or LibreOffice and save it as \"Excel Workbook (.xlsx)\"."),
        ("form.ods", "form.ods: is an OpenDocument spreadsheet (.ods), which cannot be read. Open it in LibreOffice and save it as \"Excel 2007-365 (.xlsx)\"."),
        ("form.txt", "form.txt: is a .txt file; expected an .xlsx workbook, a .csv file, or a folder of .csv files (one per sheet)"),
    ])
    func unreadableFormats(name: String, message: String) throws {
        let folder = try SpreadsheetTestSupport.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent(name)
        try write("whatever", to: file)
        let error = try #require(throws: SpreadsheetError.self) { try WorkbookLoader.load(contentsOf: file) }
        #expect(error.description == message)
    }

    @Test("a missing path, an empty folder and clashing sheet files are errors")
    func missingAndEmpty() throws {
        let folder = try SpreadsheetTestSupport.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("nope.xlsx")
        let error = try #require(throws: SpreadsheetError.self) { try WorkbookLoader.load(contentsOf: missing) }
        #expect(error.description == "nope.xlsx: no such file or folder (looked for \(missing.path))")

        let empty = try #require(throws: SpreadsheetError.self) { try WorkbookLoader.load(contentsOf: folder) }
        #expect(empty.message.hasPrefix("the folder has no .csv files"))

        try write("a\n", to: folder.appendingPathComponent("Survey.csv"))
        try write("b\n", to: folder.appendingPathComponent("survey.csv"))
        let clash = try #require(throws: SpreadsheetError.self) { try WorkbookLoader.load(contentsOf: folder) }
        #expect(clash.message == "Survey.csv and survey.csv would both be sheet 'survey'; rename or remove one")
    }

    @Test("a bad CSV inside a folder is named with its folder")
    func badCSVInFolder() throws {
        let folder = try SpreadsheetTestSupport.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write("a,\"b\n", to: folder.appendingPathComponent("survey.csv"))
        let error = try #require(throws: SpreadsheetError.self) { try WorkbookLoader.load(contentsOf: folder) }
        #expect(error.file == "\(folder.lastPathComponent)/survey.csv")
    }

    @Test("a workbook written as CSV files loads back equal, gaps in rows included")
    func csvFolderRoundTrip() throws {
        let folder = try SpreadsheetTestSupport.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let workbook = Workbook(sheets: XLSXWriterTests.tricky.sheets.sorted { $0.name < $1.name })
        let target = folder.appendingPathComponent("form")
        try WorkbookWriter.write(workbook, to: target)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: target.path)) == Set(workbook.sheetNames.map { "\($0).csv" }))
        #expect(try WorkbookLoader.load(contentsOf: target) == workbook)
        let survey = try String(contentsOf: target.appendingPathComponent("survey.csv"), encoding: .utf8)
        #expect(survey.hasPrefix("type,name,label::Русский (ru),label::Кыргызча (ky),hint\ntext,q1,"))
    }

    @Test("a workbook written to an .xlsx path is a workbook")
    func xlsxRoundTrip() throws {
        let folder = try SpreadsheetTestSupport.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("form.xlsx")
        try WorkbookWriter.write(XLSXWriterTests.tricky, to: target)
        #expect(try WorkbookLoader.load(contentsOf: target) == XLSXWriterTests.tricky)
    }

    @Test("sheet names that cannot be file names are refused")
    func badFileNames() throws {
        let folder = try SpreadsheetTestSupport.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["a/b", ".hidden", " "] {
            let error = try #require(throws: SpreadsheetError.self) {
                try WorkbookWriter.writeCSVFolder(Workbook(sheets: [Sheet(name: name, rows: [])]), to: folder)
            }
            #expect(error.message.hasPrefix("sheet name '\(name)' "))
        }
    }
}
