import Foundation
import SanaripInstrument
import Testing

@testable import SanaripCatalogue

@Suite("Catalogue import, templates and export")
struct CatalogueImporterTests {
    static let header = "id,name_ky,name_ru,provider,topics,mode,languages,cost_som,places,target_groups,start_date,end_date\n"

    func temporaryFile(_ name: String, _ data: Data) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("catalogue-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try data.write(to: url)
        return url
    }

    @Test("the CSV template is the schema's header; the XLSX template adds a sheet describing each column")
    func templates() throws {
        for kind in CatalogueKind.allCases {
            let csv = String(decoding: try CatalogueTemplate.data(kind, fileName: "t.csv"), as: UTF8.self)
            #expect(csv == kind.schema.columnNames.joined(separator: ",") + "\n")
            let workbook = try XLSXReader().read(data: try CatalogueTemplate.data(kind, fileName: "t.xlsx"), name: "t.xlsx")
            #expect(workbook.sheetNames == [kind.rawValue, "columns"])
            #expect(try #require(workbook.sheets.first?.rows.first).cells == kind.schema.columnNames)
            #expect(workbook.sheet(named: "columns")?.rows.count == kind.schema.fields.count + 1)
            // An empty template is refused as having no entries, not crashed on.
            #expect(throws: CatalogueImportError.self) { try CatalogueImporter(kind: kind).read(data: Data(csv.utf8), fileName: "t.csv") }
        }
    }

    @Test("a good CSV gives checked entries in canonical form")
    func goodCSV() throws {
        let text = Self.header + """
            c1,Санарип сабаттуулук,Цифровая грамотность для женщин,Лицей 5,basic_use; SAFETY,onsite,ky;ru,"1 500",41702205000000,women;rural,01.03.2025,2025-04-30
            c2,,Онлайн-продажи,Платформа,online_selling,online,ru,0,online,entrepreneurs,2025-02,
            """
        let entries = try CatalogueImporter(kind: .courses).read(contentsOf: try temporaryFile("courses.csv", Data(text.utf8)))
        #expect(entries.map(\.id) == ["c1", "c2"])
        let first = try #require(entries.first)
        #expect(first.list("topics") == ["basic_use", "safety"])
        #expect(first["cost_som"] == "1500")
        #expect(first["start_date"] == "2025-03-01")
        #expect(first.name("en") == "Санарип сабаттуулук")
        #expect(entries[1]["start_date"] == "2025-02")
    }

    @Test("one bad row is named by row and column, and nothing is imported")
    func badRow() throws {
        let text = Self.header + """
            c1,Курс,Курс,Лицей,basic_use,onsite,ky,0,online,women,,
            c2,Курс 2,Курс 2,Лицей,cooking,offline,ky,abc,Karakol,women,2025-05-01,2025-04-01
            c1,Курс 3,Курс 3,Лицей,basic_use,online,ru,0,online,youth,,
            """
        let error = try #require(throws: CatalogueImportError.self) {
            try CatalogueImporter(kind: .courses).read(contentsOf: try temporaryFile("courses.csv", Data(text.utf8)))
        }
        let located = error.problems.map { "\($0.row ?? 0):\($0.column ?? "")" }
        #expect(located == ["3:topics", "3:mode", "3:cost_som", "3:places", "3:end_date", "4:id"])
        #expect(error.description.contains("courses.csv: row 3, column cost_som: 'abc' is not a number"))
        #expect(error.description.hasPrefix("courses.csv: nothing imported, 6 problems"))
    }

    @Test("header problems: an unknown column, a missing required column, a column twice")
    func headerProblems() throws {
        let text = "id,name_ru,topic,mode,mode\nc1,Курс,basic_use,online,online\n"
        let error = try #require(throws: CatalogueImportError.self) { try CatalogueImporter(kind: .courses).read(data: Data(text.utf8), fileName: "c.csv") }
        #expect(error.problems.map { "\($0.row ?? 0):\($0.column ?? "")" } == ["1:topic", "1:mode", "1:topics", "1:languages"])
    }

    @Test("an XLSX import reads the sheet named after the kind and places are checked against the frame's districts")
    func xlsxImport() throws {
        let rows = [["id", "name_en", "agency", "channels", "online_level", "tunduk", "survey_items"],
                    ["tax-declaration", "Tax declaration", "State Tax Service", "portal; mobile_app", "full_transaction", "Да", "tax"]]
        let data = try XLSXWriter().data(for: Workbook(sheets: [Sheet(name: "notes", cells: [["x"]]), Sheet(name: "eservices", cells: rows)]))
        let entries = try CatalogueImporter(kind: .eservices).read(data: data, fileName: "e.xlsx")
        let entry = try #require(entries.first)
        #expect(entry.list("channels") == ["portal", "mobile_app"] && entry.flag("tunduk") && entry.list("survey_items") == ["tax"])

        let course = Self.header + "c1,Курс,Курс,Лицей,basic_use,onsite,ky,0,41702205000000;41799999000000,women,,\n"
        let context = CatalogueContext(districts: ["41702205000000"])
        let error = try #require(throws: CatalogueImportError.self) { try CatalogueImporter(kind: .courses, context: context).read(data: Data(course.utf8), fileName: "c.csv") }
        #expect(error.problems.map(\.description) == ["row 2, column places: '41799999000000' is not a district of the study's frame; use a district code of the instrument's district list, or online"])
    }

    @Test("a law's amendments must name an act in the file or the catalogue")
    func amendments() throws {
        let text = """
            id,name_ru,act_type,adopted,status,amends
            law-1,Закон об электронном управлении,law,2017-07-19,amended,
            law-2,О внесении изменений,law,2021-05-01,in_force,law-1
            law-3,О внесении изменений 2,law,2022-05-01,in_force,law-9
            """
        let error = try #require(throws: CatalogueImportError.self) { try CatalogueImporter(kind: .laws).read(data: Data(text.utf8), fileName: "laws.csv") }
        #expect(error.problems.map { "\($0.row ?? 0):\($0.column ?? "")" } == ["4:amends"])
        let known = CatalogueContext(existingIDs: [.laws: ["law-9"]])
        let entries = try CatalogueImporter(kind: .laws, context: known).read(data: Data(text.utf8), fileName: "laws.csv")
        #expect(entries.map { $0.list("amends") } == [[], ["law-1"], ["law-9"]])
    }

    @Test("CSV and XLSX exports import again to the same entries; JSON is typed; courses export as schema.org Course")
    func exports() throws {
        let text = Self.header + "c1,Курс,Курс для женщин,Лицей,basic_use;safety,blended,ky;ru,0,online;41702205000000,women,2025-03-01,\n"
        let entries = try CatalogueImporter(kind: .courses).read(data: Data(text.utf8), fileName: "c.csv")
        for format in [CatalogueExport.Format.csv, .xlsx] {
            let data = try CatalogueExport.data(.courses, entries, format: format)
            #expect(try CatalogueImporter(kind: .courses).read(data: data, fileName: "c.\(format.rawValue)") == entries)
        }
        let json = try #require(try JSONSerialization.jsonObject(with: CatalogueExport.data(.courses, entries, format: .json)) as? [[String: Any]])
        #expect(json.first?["topics"] as? [String] == ["basic_use", "safety"])
        #expect(json.first?["cost_som"] as? Double == 0)
        let graph = try #require((try JSONSerialization.jsonObject(with: CatalogueExport.data(.courses, entries, format: .jsonld)) as? [String: Any])?["@graph"] as? [[String: Any]])
        let course = try #require(graph.first)
        #expect(course["@type"] as? String == "Course" && course["isAccessibleForFree"] as? Bool == true)
        let instance = try #require((course["hasCourseInstance"] as? [[String: Any]])?.first)
        #expect(instance["courseMode"] as? [String] == ["blended"])
        #expect((instance["location"] as? [[String: Any]])?.map { $0["@type"] as? String } == ["VirtualLocation", "Place"])
        #expect(throws: CatalogueExportError.self) { try CatalogueExport.data(.laws, [], format: .jsonld) }
    }
}
