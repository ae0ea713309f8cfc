import Foundation
import Testing

/// The web workbench's agreement page shows the numbers `sanarip qual agreement --format json` prints: the same
/// store, coded on the CLI by two researchers, read by curl from `sanarip serve` after signing in.
@Suite struct QualAgreementPageTests {
    @Test("κ and α on the page equal the CLI's JSON for every code and overall, by character and by turn")
    func pageEqualsCLI() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("store")
        let fixtures = QualCommandTests.fixtures
        _ = try QualCommandTests.succeed(["qual", "import", fixtures.appendingPathComponent("fg-karakol-ky.txt").path, "--data", data.path, "--session-attribute", "oblast=Issyk-Kul"])
        _ = try QualCommandTests.succeed(["qual", "import", fixtures.appendingPathComponent("fg-osh-ru.docx").path, "--data", data.path, "--session-attribute", "oblast=Osh"])
        for (coder, code, turns) in [("aida", "barrier.cost", "2"), ("nurlan", "barrier.cost", "2,7"), ("aida", "barrier.trust", "6,7"), ("nurlan", "barrier.trust", "6"),
                                     ("aida", "barrier.skills", "5"), ("nurlan", "barrier.language", "5")] {
            _ = try QualCommandTests.succeed(["qual", "code", "--data", data.path, "--transcript", "fg-karakol-ky", "--code", code, "--coder", coder, "--turns", turns])
        }
        _ = try QualCommandTests.succeed(["qual", "code", "--data", data.path, "--transcript", "fg-osh-ru", "--code", "eservice.tunduk", "--coder", "aida", "--span", "120-180"])
        _ = try QualCommandTests.succeed(["qual", "code", "--data", data.path, "--transcript", "fg-osh-ru", "--code", "eservice.tunduk", "--coder", "nurlan", "--turns", "2"])
        var expected: [String: [[String: Any]]] = [:]
        for unit in ["character", "turn"] {
            let json = try QualCommandTests.succeed(["qual", "agreement", "--unit", unit, "--format", "json", "--data", data.path])
            expected[unit] = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        }

        let server = try ServeProcess(data: data)
        defer { server.stop() }
        let jar = directory.appendingPathComponent("cookies").path
        let login = try CommandRunner.tool("curl", ["-sS", "-c", jar, "-b", jar, "\(server.baseURL)/login"])
        let token = try #require(login.range(of: #"name="_csrf" value="[0-9a-f]+""#, options: .regularExpression).map { login[$0].split(separator: "\"")[3] })
        _ = try CommandRunner.tool("curl", ["-sS", "-c", jar, "-b", jar, "-o", "/dev/null", "--data-urlencode", "_csrf=\(token)", "--data-urlencode", "username=admin",
                                            "--data-urlencode", "password=correct-horse-battery", "\(server.baseURL)/login"])
        for (unit, entries) in expected {
            let page = try CommandRunner.tool("curl", ["-sS", "--fail", "-b", jar, "\(server.baseURL)/studies/digital-divide-kg/qual/focus-groups/agreement?unit=\(unit)&lang=en"])
            let rows = page.components(separatedBy: "<tr data-code=\"").dropFirst()
            #expect(rows.count == entries.count, "\(unit): \(rows.count) rows on the page, \(entries.count) in the CLI's JSON")
            for entry in entries {
                let code = try #require(entry["code"] as? String)
                let row = try #require(rows.first { $0.hasPrefix(code + "\"") }, "\(code) is not on the \(unit) page")
                for name in ["kappa", "alpha"] {
                    let shown = row.range(of: "data-\(name)=\"").map { String(row[$0.upperBound...].prefix { $0 != "\"" }) } ?? "missing"
                    let printed = (entry[name] as? Double).map { "\($0)" } ?? ""
                    #expect(shown == printed || Double(shown).map { abs($0 - (entry[name] as? Double ?? .nan)) < 1e-12 } == true,
                            "\(unit) \(code) \(name): page \(shown), CLI \(printed)")
                }
            }
        }
    }
}
