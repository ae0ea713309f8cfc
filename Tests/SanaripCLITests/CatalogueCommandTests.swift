import Foundation
import Testing

/// `sanarip catalogue` as a researcher runs it: template, a refused import naming the bad row, the import, search in
/// Russian and Kyrgyz, export, and the official series.
@Suite("sanarip catalogue")
struct CatalogueCommandTests {
    @Test("template, import (one bad row named exactly, nothing imported), search ru/ky, export, series")
    func workflow() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("store").path
        let root = CommandRunner.repositoryRoot
        func run(_ arguments: [String]) throws -> CommandRunner.Result { try CommandRunner.run(arguments, in: root) }

        let template = folder.appendingPathComponent("courses.csv")
        #expect(try run(["catalogue", "template", "courses", "-o", template.path]).status == 0)
        let header = try String(contentsOf: template, encoding: .utf8)
        let rows = """
            c1,Санариптик сабаттуулук,Цифровая грамотность,basic_use,onsite,ky;ru,0,41702205000000
            c2,Смартфонду үйрөнүү,Смартфон для начинающих,smartphone,online,ky,abc,online
            """
        let columns = "id,name_ky,name_ru,topics,mode,languages,cost_som,places\n"
        try (columns + rows + "\n").write(to: template, atomically: true, encoding: .utf8)
        let refused = try run(["catalogue", "import", "courses", template.path, "--data", data])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("courses.csv: row 3, column cost_som: 'abc' is not a number"))
        let none = try run(["catalogue", "search", "грамотность", "--data", data])
        #expect(none.stdout.contains("0 found"))

        try (columns + rows.replacingOccurrences(of: ",abc,", with: ",500,") + "\n").write(to: template, atomically: true, encoding: .utf8)
        let imported = try run(["catalogue", "import", "courses", template.path, "--data", data])
        #expect(imported.status == 0 && imported.stdout.contains("2 new"), "\(imported.stderr)")
        #expect(header.hasPrefix("id,name_ky,name_ru,name_en"))

        let russian = try run(["catalogue", "search", "грамотн", "--data", data, "--format", "json"])
        let found = try #require(try JSONSerialization.jsonObject(with: Data(russian.stdout.utf8)) as? [[String: Any]])
        #expect(found.map { $0["id"] as? String } == ["c1"])
        let kyrgyz = try run(["catalogue", "search", "ҮЙРӨНҮҮ", "--kind", "courses", "--data", data])
        #expect(kyrgyz.stdout.contains("c2") && !kyrgyz.stdout.contains("c1 ") && kyrgyz.stdout.contains("1 found"))

        #expect(try run(["catalogue", "search", "смартфон", "--place", "online", "--data", data]).stdout.contains("1 found"))
        #expect(try run(["catalogue", "search", "смартфон", "--place", "41702205000000", "--data", data]).stdout.contains("0 found"))

        let jsonld = folder.appendingPathComponent("courses.jsonld")
        #expect(try run(["catalogue", "export", "courses", "--format", "jsonld", "-o", jsonld.path, "--data", data]).status == 0)
        #expect(try String(contentsOf: jsonld, encoding: .utf8).contains("\"@type\" : \"CourseInstance\""))
        let laws = try run(["catalogue", "export", "laws", "--format", "jsonld", "-o", jsonld.path, "--data", data])
        #expect(laws.status != 0 && laws.stderr.contains("courses only"))

        let series = try run(["catalogue", "series", "data/official/sdg-kyrgyzstan.csv", "--data", data])
        #expect(series.status == 0 && series.stdout.contains("718 values"), "\(series.stderr)")
    }
}
