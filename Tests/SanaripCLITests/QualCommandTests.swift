import Foundation
import Testing

/// `sanarip qual …` as a user runs it: the README's walk-through on the two fixture transcripts.
@Suite struct QualCommandTests {
    static let fixtures = CommandRunner.repositoryRoot.appendingPathComponent("Tests/SanaripQualitativeTests/Fixtures")

    static func sanarip(_ arguments: [String]) throws -> CommandRunner.Result {
        try CommandRunner.run(arguments)
    }

    static func succeed(_ arguments: [String]) throws -> String {
        let result = try sanarip(arguments)
        #expect(result.status == 0, "sanarip \(arguments.joined(separator: " ")): \(result.stderr)")
        return result.stdout
    }

    @Test func importCodeAgreeExportReimport() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let data = directory.appendingPathComponent("store").path
        let imported = try Self.succeed(["qual", "import", Self.fixtures.appendingPathComponent("fg-karakol-ky.txt").path, "--data", data,
                                         "--language", "ky", "--session-attribute", "oblast=Issyk-Kul"])
        #expect(imported.contains("7 turns, speakers M1, P1, P2, P3"))
        _ = try Self.succeed(["qual", "import", Self.fixtures.appendingPathComponent("fg-osh-ru.docx").path, "--data", data, "--session-attribute", "oblast=Osh"])
        for (coder, code, turns) in [("aida", "barrier.cost", "2"), ("nurlan", "barrier.cost", "2"), ("aida", "barrier.trust", "6,7"), ("nurlan", "Доверие и безопасность", "6")] {
            _ = try Self.succeed(["qual", "code", "--data", data, "--transcript", "fg-karakol-ky", "--code", code, "--coder", coder, "--turns", turns])
        }
        _ = try Self.succeed(["qual", "code", "--data", data, "--transcript", "fg-osh-ru", "--code", "eservice.tunduk", "--coder", "aida", "--span", "120-180"])
        _ = try Self.succeed(["qual", "code", "--data", data, "--transcript", "fg-osh-ru", "--code", "eservice.tunduk", "--coder", "nurlan", "--turns", "2"])

        let json = try Self.succeed(["qual", "agreement", "--unit", "turn", "--format", "json", "--data", data])
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(entries.map { $0["code"] as? String } == ["barrier.cost", "barrier.trust", "eservice.tunduk", "*"])
        for entry in entries {
            #expect(entry["coders"] as? [String] == ["aida", "nurlan"])
            #expect(entry.keys.contains("kappa") && entry.keys.contains("alpha"))
        }
        #expect(entries[0]["kappa"] as? Double == 1)
        // barrier.trust over 14 turns: aida 6 and 7, nurlan 6 → p_o = 13/14, p_e = (2·1 + 12·13)/196, κ = 0.6470588…
        let trustKappa = try #require(entries[1]["kappa"] as? Double)
        #expect(abs(trustKappa - (13.0 / 14 - 158.0 / 196) / (1 - 158.0 / 196)) < 1e-12)
        let table = try Self.succeed(["qual", "agreement", "--unit", "character", "--format", "table", "--data", data, "--disagreements"])
        #expect(table.contains("barrier.trust") && table.contains("coded by aida, not by nurlan"))

        let matrix = try Self.succeed(["qual", "matrix", "--by", "sex", "--format", "csv", "--data", data])
        #expect(matrix.split(separator: "\n").first == "code,female participants,female of,female share,male participants,male of,male share")
        #expect(matrix.contains("barrier.trust,2,4,0.500,0,2,0.000"))
        let quotes = try Self.succeed(["qual", "quotes", "--code", "barrier.trust", "--data", data])
        #expect(quotes.contains("Карттан акча уурдап кетишти") && !quotes.contains("Айгүл"))

        let qdpx = directory.appendingPathComponent("fg.qdpx").path
        _ = try Self.succeed(["qual", "export", "-o", qdpx, "--data", data])
        _ = try Self.succeed(["qual", "import", qdpx, "--project", "again", "--data", data])
        let again = try Self.succeed(["qual", "agreement", "--project", "again", "--unit", "turn", "--format", "json", "--data", data])
        #expect(again == json)
        let codebook = directory.appendingPathComponent("codebook.qdc").path
        _ = try Self.succeed(["qual", "codebook", "export", "-o", codebook, "--lang", "ru", "--data", data])
        #expect(try String(contentsOfFile: codebook, encoding: .utf8).contains("name=\"Стоимость\""))

        // Bad input: a clear line, exit status 1, nothing stored.
        let unknown = directory.appendingPathComponent("extra.txt")
        try "Модератор: Салам\nЖаңыл: Мен\n".write(to: unknown, atomically: true, encoding: .utf8)
        try "name\nАйгүл\n".write(to: directory.appendingPathComponent("extra.participants.csv"), atomically: true, encoding: .utf8)
        let refused = try Self.sanarip(["qual", "import", unknown.path, "--data", data])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("extra.txt, line 2: the speaker \"Жаңыл\" is not a participant of this session"))
        let corrupt = directory.appendingPathComponent("corrupt.docx")
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("corrupt.docx"), to: corrupt)
        try "name\nА\n".write(to: directory.appendingPathComponent("corrupt.participants.csv"), atomically: true, encoding: .utf8)
        let broken = try Self.sanarip(["qual", "import", corrupt.path, "--data", data])
        #expect(broken.status == 1 && broken.stderr.contains("corrupt.docx: is not a readable Word .docx document"))
        let after = try Self.succeed(["qual", "agreement", "--unit", "turn", "--format", "json", "--data", data])
        #expect(after == json)

        // Every import, view and export is in the audit log.
        let actions = try CommandRunner.tool("sqlite3", ["\(data)/sanarip.sqlite", "SELECT action FROM audit_log WHERE object_type = 'qual_project'"])
        for action in ["qual.import", "qual.code", "qual.view", "export"] { #expect(actions.contains(action)) }
    }
}
