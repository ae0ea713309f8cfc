import Foundation
import SanaripCore
import Testing

@testable import SanaripInstrument

/// Spellings that pyxform 4.5.0 accepts (legacy and alias types, `or specify other`, loose block ends, typographic
/// quotes, a form_id with spaces, `osm` questions, expressions with redundant parentheses) convert to the XForm
/// pyxform writes, with warnings where they are poor practice.
@Suite("XLSForm spellings pyxform accepts")
struct XLSFormPyxformSpellingsTests {
    static let fixture = FormFixtures.url("valid", "pyxform-spellings")

    @Test("the same XForm structure as pyxform, compared by the corpus harness")
    func sameStructureAsPyxform() throws {
        let instrument = try XLSFormReader().read(contentsOf: Self.fixture).get()
        let differences = try PyxformComparison.differences(fixture: Self.fixture, instrument: instrument)
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
        let questions = Dictionary(uniqueKeysWithValues: instrument.questions.map { ($0.name, $0) })
        #expect(questions["apps"]?.type == .selectMultiple(list: "apps"))
        #expect(questions["apps_more"]?.orOther == true)
        #expect(questions["building"]?.type == .osm(list: "building_tags"))
        #expect(instrument.osmTagLists.first?.choices.map(\.name) == ["building", "building:levels"])
    }

    @Test("cells with a date or time format read as pyxform reads them, compared with pyxform's XForm")
    func dateCellsAsPyxform() throws {
        let output = try FormFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let workbook = output.appendingPathComponent("dates.xlsx")
        // openpyxl writes the workbook (dates as serial numbers with date formats); pyxform converts it.
        let script = """
            import datetime, sys
            from pathlib import Path
            import openpyxl
            from pyxform.xls2xform import convert
            book_path, xform = map(Path, sys.argv[1:3])
            book = openpyxl.Workbook()
            survey = book.active
            survey.title = "survey"
            survey.append(["type", "name", "label", "hint"])
            survey.append(["note", "opened", datetime.datetime(2024, 1, 5), datetime.time(6, 30, 15)])
            survey.append(["note", "closed", datetime.datetime(1900, 2, 10, 23, 59, 59, 999600), datetime.timedelta(days=1, hours=2)])
            survey["C2"].number_format = "yyyy-mm-dd"
            survey["D3"].number_format = "[h]:mm:ss"
            settings = book.create_sheet("settings")
            settings.append(["form_title", "form_id", "version"])
            settings.append(["Dates", "dates", datetime.datetime(2021, 5, 3, 0, 35, 31, 488000)])
            book.save(book_path)
            xform.write_text(convert(xlsform=str(book_path), warnings=[]).xform)
            """
        let pyxform = output.appendingPathComponent("pyxform.xml")
        _ = try PythonTool.run(script: script, arguments: [workbook.path, pyxform.path])
        let instrument = try XLSFormReader().read(contentsOf: workbook).get()
        #expect(instrument.settings.version == "2021-05-03 00:35:31.488000")
        let sanarip = output.appendingPathComponent("sanarip.xml")
        try XFormWriter().xml(for: instrument).write(to: sanarip, atomically: true, encoding: .utf8)
        let compare = """
            import json, sys
            sys.path.insert(0, sys.argv[3])
            from compare import compare
            print(json.dumps(compare(sys.argv[1], sys.argv[2])))
            """
        let harness = RepositoryPaths.root.appendingPathComponent("Benchmarks/xlsform-corpus")
        let result = try PythonTool.run(script: compare, arguments: [pyxform.path, sanarip.path, harness.path])
        let differences = try JSONDecoder().decode([String].self, from: Data(result.utf8))
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
    }

    @Test("poor practice that pyxform accepts is a warning naming sheet, row and column")
    func poorPracticeWarns() {
        let result = XLSFormReader().read(contentsOf: Self.fixture)
        #expect(result.errors.isEmpty, "\(result.errors)")
        let warnings = result.diagnostics.filter { $0.severity == .warning }.map(\.description).joined(separator: "\n")
        for expected in [
            "sheet settings, row 2, column form_id (B): form_id 'pyxform spellings' contains spaces",
            "sheet survey, row 23, column name (B): end_group is named 'hh' but closes 'household' from row 21",
            "sheet survey, row 24, column repeat_count (G): repeat_count is set on a group, which does not repeat",
            "sheet survey, row 25, column name (B): the note has no name; it is named 'generated_note_name_25'",
            "sheet survey, row 16, column relevant (E): typographic quotes",
        ] {
            #expect(warnings.contains(expected), "missing \(expected) in:\n\(warnings)")
        }
    }

    @Test("forms pyxform accepts with likely mistakes read without errors and with their expected warnings",
          arguments: FormFixtures.folders("warnings"))
    func expectedWarnings(_ name: String) throws {
        let folder = FormFixtures.url("warnings", name)
        let expected = try String(contentsOf: folder.appendingPathComponent("expected.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        let result = XLSFormReader().read(contentsOf: folder)
        #expect(result.errors.isEmpty, "\(result.errors)")
        let text = result.diagnostics.filter { $0.severity == .warning }.map(\.description).joined(separator: "\n")
        for line in expected {
            #expect(text.contains(line), "missing \(line) in:\n\(text)")
        }
    }

    @Test("single-colon headers are read as pyxform reads them when no header of the sheet uses ::",
          arguments: [
              ("label:English", true, "label", "English"), ("constraint message:French", true, "constraint_message", "French"),
              ("media:image", true, "media::image", nil), ("image:English", true, "media::image", "English"),
              ("bind:jr:preload", true, "bind::jr:preload", nil), ("jr:constraintMsg", true, "constraint_message", nil),
              ("label:English", false, "label:english", nil), ("label::English", false, "label", "English"),
          ] as [(String, Bool, String, String?)])
    func singleColonHeaders(header: String, singleColon: Bool, key: String, language: String?) {
        let column = XLSFormColumn(index: 0, header: header, singleColon: singleColon)
        #expect(column.key == key)
        #expect(column.language == language)
    }
}
