import Foundation
import Testing

@Suite("sanarip audit run")
struct AuditCommandTests {
    /// A municipality without a website and one whose site refuses connections (nothing listens on port 1).
    static let sites = """
        municipality,url,kind
        41702420000010,,website
        41702410000010,http://127.0.0.1:1/,website
        41702410000010,https://t.me/karakol,telegram
        """

    func write(_ text: String, name: String = "sites.csv") throws -> (URL, URL) {
        let directory = try CommandRunner.temporaryDirectory()
        let file = directory.appendingPathComponent(name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return (directory, file)
    }

    @Test("one CSV row per municipality with the issue's columns; JSON with indicators; a finished round is not run again")
    func run() throws {
        let (directory, sites) = try write(Self.sites)
        let output = directory.appendingPathComponent("results.csv")
        let result = try CommandRunner.run(["audit", "run", "--sites", sites.path, "--timeout", "2", "-o", output.path],
                                           in: CommandRunner.repositoryRoot)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("audit: 2 municipalities"))
        let lines = try String(contentsOf: output, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.first?.hasPrefix("municipality,url,reachable,status,https,languages,title,mobile_viewport,has_contacts,has_budget,has_eservices_link,has_feedback,social_links,last_update,pages_fetched,score,level,") == true)
        #expect(lines.contains { $0.hasPrefix("41702420000010,,0,0,0,,,0,0,0,0,0,,,0,0,low,") && $0.contains("no website") })
        #expect(lines.contains { $0.hasPrefix("41702410000010,http://127.0.0.1:1/,0,0,0,,,0,0,0,0,0,telegram,,0,") && $0.contains("connection failed") })

        let json = try CommandRunner.run(["audit", "run", "--sites", sites.path, "--timeout", "2", "--format", "json"], in: CommandRunner.repositoryRoot)
        #expect(json.status == 0)
        let audits = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(audits.count == 2)
        let karakol = try #require(audits.first { $0["municipality"] as? String == "41702410000010" })
        let indicators = try #require(karakol["indicators"] as? [[String: Any]])
        let social = try #require(indicators.first { $0["id"] as? String == "social_links" })
        #expect(social["value"] as? Double == 1)
        #expect((social["evidence"] as? [[String: Any]])?.first?["url"] as? String == "https://t.me/karakol")

        let data = directory.appendingPathComponent("data")
        let first = try CommandRunner.run(["audit", "run", "--sites", sites.path, "--timeout", "2", "--round", "r1", "--data", data.path,
                                           "-o", output.path], in: CommandRunner.repositoryRoot)
        #expect(first.status == 0, "\(first.stderr)")
        let again = try CommandRunner.run(["audit", "run", "--sites", sites.path, "--round", "r1", "--data", data.path, "-o", output.path],
                                          in: CommandRunner.repositoryRoot)
        #expect(again.status == 1)
        #expect(again.stderr.contains("the round r1 is finished"))
    }

    @Test("a sites list without a url column: one line naming the file, row and columns, exit status 1")
    func badSites() throws {
        let (_, sites) = try write("municipality,site\n41702420000010,http://example.kg\n")
        let result = try CommandRunner.run(["audit", "run", "--sites", sites.path], in: CommandRunner.repositoryRoot)
        #expect(result.status == 1)
        #expect(result.stderr == "error: sites.csv, row 1: the header needs the columns municipality and url (and optionally kind); it has municipality,site\n")
    }

    @Test("sites import: the stored list (read back with the sqlite3 tool) is the file's; a bad row names row and column and changes nothing")
    func importSites() throws {
        let (directory, sites) = try write(Self.sites)
        let data = directory.appendingPathComponent("data")
        let result = try CommandRunner.run(["audit", "sites", "import", sites.path, "--data", data.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("3 sites of 2 municipalities imported"))
        func stored() throws -> String {
            try CommandRunner.tool("sqlite3", [data.appendingPathComponent("sanarip.sqlite").path,
                                               "SELECT municipality, url, kind FROM web_audit_site ORDER BY position"])
        }
        let expected = """
            41702420000010||website
            41702410000010|http://127.0.0.1:1/|website
            41702410000010|https://t.me/karakol|telegram

            """
        #expect(try stored() == expected)

        let (_, bad) = try write("municipality,url,kind\n41702420000010,http://a.kg,website\n41702410000010,http://b.kg,blog\n", name: "bad.csv")
        let refused = try CommandRunner.run(["audit", "sites", "import", bad.path, "--data", data.path])
        #expect(refused.status == 1)
        #expect(refused.stderr == "error: bad.csv, row 3, column kind: \"blog\" is not one of website, portal, facebook, instagram, telegram, youtube, ok, other\n")
        #expect(try stored() == expected)
    }
}
