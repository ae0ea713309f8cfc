import Foundation
import Testing

/// `sanarip media places` as a user runs it from the repository root: articles imported from a CSV archive, places
/// counted at each level (the table, CSV and the workbook), and a missing frame folder as one line and status 1.
@Suite struct MediaPlacesCommandTests {
    static let articles = """
        url,title,publish_date,media_name,language,text
        http://a.kg/1,Караколдо интернет арзандады,2026-11-03,kaktus,ky,Ысык-Көл облусунда жана Ош шаарында да баалар түштү.
        http://a.kg/2,В Караколе открыли центр,2026-11-10,24kg,ru,Жители Иссык-Кульской области и Ошской области.
        http://a.kg/3,Жогорку Кеңеш мыйзам кабыл алды,2026-12-01,24kg,ky,Кеңеш айыл аймагында жаңы мектеп. Тон разговора.
        http://a.kg/4,Ноокатта форум,2026-12-02,kaktus,ky,Ноокат районунда жана Тюпском районе.

        """

    @Test func placesAtEachLevel() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let csv = directory.appendingPathComponent("articles.csv"), store = directory.appendingPathComponent("store").path
        try Self.articles.write(to: csv, atomically: true, encoding: .utf8)
        let root = CommandRunner.repositoryRoot
        let imported = try CommandRunner.run(["media", "import", csv.path, "--data", store], in: root)
        #expect(imported.status == 0, "\(imported.stderr)")

        func table(_ level: String) throws -> [String: String] {
            let result = try CommandRunner.run(["media", "places", "--level", level, "--lang", "en", "--data", store], in: root)
            #expect(result.status == 0, "\(result.stderr)")
            var articles: [String: String] = [:]
            for line in result.stdout.split(separator: "\n").dropFirst() {
                let cells = line.split(separator: "\t").map(String.init)
                if cells.count == 4 { articles[cells[0]] = cells[2] }
            }
            return articles
        }
        // Issyk-Kul: Караколдо and Ысык-Көл облусунда, Караколе and Иссык-Кульской, Тюпском районе; Osh: Ошской
        // области, the two Кеңеш ayil aimaks (both in Osh oblast), Ноокат; Osh city (Ош шаарында) on its own;
        // Жогорку Кеңеш and Тон count for nothing.
        #expect(try table("oblast") == ["41702000000000": "3", "41706000000000": "3", "osh-city": "1"])
        #expect(try table("district") == ["41702410000000": "2", "41702225000000": "1", "41706242000000": "1", "osh-city": "1"])
        #expect(try table("municipality") == ["41702410000010": "2", "41706242600010": "1", "osh-city": "1"])

        let workbook = directory.appendingPathComponent("places.xlsx")
        let written = try CommandRunner.run(["media", "places", "--level", "municipality", "--by", "week", "--group", "outlet", "-o", workbook.path, "--data", store], in: root)
        #expect(written.status == 0, "\(written.stderr)")
        #expect(try Data(contentsOf: workbook).starts(with: [0x50, 0x4B]))

        // A story and its syndicated copy (same text, another outlet): grouped by the import, they count once unless
        // --count-copies, as in frames.
        let copy = directory.appendingPathComponent("copy.csv")
        try """
            url,title,publish_date,media_name,language,text
            http://b.kg/5,Центр навыков,2026-11-11,akipress,ru,"В Караколе открыли новый центр цифровых навыков для женщин и молодёжи, где каждый житель города и окрестных сёл может бесплатно научиться пользоваться государственными электронными услугами, защищать свои данные и искать работу в интернете, сообщили организаторы проекта на открытии в понедельник."
            http://c.kg/5,Центр навыков (перепечатка),2026-11-12,kabar,ru,"В Караколе открыли новый центр цифровых навыков для женщин и молодёжи, где каждый житель города и окрестных сёл может бесплатно научиться пользоваться государственными электронными услугами, защищать свои данные и искать работу в интернете, сообщили организаторы проекта на открытии в понедельник."

            """.write(to: copy, atomically: true, encoding: .utf8)
        let copied = try CommandRunner.run(["media", "import", copy.path, "--data", store], in: root)
        #expect(copied.status == 0, "\(copied.stderr)")
        let grouped = try CommandRunner.run(["media", "copies", "--list", "--data", store], in: root)
        #expect(grouped.status == 0 && grouped.stdout.contains("2 articles"), "\(grouped.stdout)\(grouped.stderr)")
        #expect(try table("municipality") == ["41702410000010": "3", "41706242600010": "1", "osh-city": "1"])
        let every = try CommandRunner.run(["media", "places", "--level", "municipality", "--count-copies", "--data", store], in: root)
        #expect(every.status == 0, "\(every.stderr)")
        #expect(every.stdout.split(separator: "\n").contains { $0.hasPrefix("41702410000010\t") && $0.split(separator: "\t").dropFirst(2).first == "4" }, "\(every.stdout)")

        let missing = try CommandRunner.run(["media", "places", "--frame", directory.appendingPathComponent("nowhere").path, "--data", store], in: root)
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("error: ") && missing.stderr.contains("municipalities.csv") && missing.stderr.split(separator: "\n").count == 1)
    }
}
