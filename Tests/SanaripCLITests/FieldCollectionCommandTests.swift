import Foundation
import Testing

@Suite("sanarip form publish, collector and export, run as a user would")
struct FieldCollectionCommandTests {
    static let form = CommandRunner.repositoryRoot.appendingPathComponent("Tests/SanaripServerTests/Fixtures/field-check")

    @Test func publishPrintsTheFormIdAndVersionOnceAndRefusesChangedContent() throws {
        let data = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: data) }
        let first = try CommandRunner.run(["form", "publish", Self.form.path, "--data", data.path])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "field_check 1\n")
        #expect(first.stderr.contains("1 media file"))
        let again = try CommandRunner.run(["form", "publish", Self.form.path, "--data", data.path])
        #expect(again.status == 0 && again.stdout == "field_check 1\n")
        #expect(again.stderr.contains("already published with this content; nothing changed"))

        let changed = data.appendingPathComponent("changed")
        try FileManager.default.copyItem(at: Self.form, to: changed)
        let survey = changed.appendingPathComponent("survey.csv")
        try (String(contentsOf: survey, encoding: .utf8) + "text,comment,Comment,Комментарий,,\n").write(to: survey, atomically: true, encoding: .utf8)
        let refused = try CommandRunner.run(["form", "publish", changed.path, "--data", data.path])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("form field_check version 1 is already published with a different XForm; nothing published. Raise the version"))
        #expect(!refused.stderr.contains("Fatal error"))
    }

    /// A form that reads files (`pulldata`, `xml-external`, a select from a file, `csv-external`) publishes them as
    /// its media, so that ODK Collect downloads them; a missing one is a warning naming it.
    @Test func publishTakesTheFilesTheFormReads() throws {
        let data = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: data) }
        let form = data.appendingPathComponent("trees")
        try FileManager.default.copyItem(
            at: CommandRunner.repositoryRoot.appendingPathComponent("Tests/SanaripInstrumentTests/Fixtures/forms/valid/entities-create"), to: form)
        try Data("item,price\ntree,5\n".utf8).write(to: form.appendingPathComponent("prices.csv"))
        try Data("<root><item><name>h1</name></item></root>".utf8).write(to: form.appendingPathComponent("households.xml"))
        try FileManager.default.createDirectory(at: form.appendingPathComponent("media"), withIntermediateDirectories: true)
        try Data("name,label\noak,Oak\n".utf8).write(to: form.appendingPathComponent("media/species.csv"))
        let result = try CommandRunner.run(["form", "publish", form.path, "--data", data.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("3 media files"), "\(result.stderr)")
        #expect(result.stderr.contains("the media file sites.csv is not next to the form"), "\(result.stderr)")
        for name in ["prices.csv", "households.xml", "species.csv"] { #expect(!result.stderr.contains("media file \(name) is not")) }
    }

    @Test func publishingABadFormNamesTheProblemAndStoresNothing() throws {
        let data = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: data) }
        let bad = CommandRunner.repositoryRoot.appendingPathComponent("Tests/SanaripInstrumentTests/Fixtures/forms/invalid/unbalanced")
        let result = try CommandRunner.run(["form", "publish", bad.path, "--data", data.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("row 6, column type (A)"))
        let export = try CommandRunner.run(["export", "unbalanced", "--data", data.path, "-o", data.appendingPathComponent("x.csv").path])
        #expect(export.status == 1)
        #expect(export.stderr.contains("no form 'unbalanced' is published here"))
    }

    @Test func collectorsAreAddedWithAKeyListedAndRevoked() throws {
        let data = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: data) }
        let added = try CommandRunner.run(["collector", "add", "Aida, Kara-Suu", "--data", data.path, "--base-url", "https://survey.example.org/"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.range(of: #"^https://survey\.example\.org/key/[A-Za-z0-9]{48}\n$"#, options: .regularExpression) != nil, "\(added.stdout)")
        let path = try CommandRunner.run(["collector", "add", "Bek", "--data", data.path])
        #expect(path.stdout.range(of: #"^/key/[A-Za-z0-9]{48}\n$"#, options: .regularExpression) != nil)
        #expect(path.stdout != added.stdout)
        let duplicate = try CommandRunner.run(["collector", "add", "bek", "--data", data.path])
        #expect(duplicate.status == 1 && duplicate.stderr.contains("a collector named bek exists"))
        #expect(try CommandRunner.run(["collector", "revoke", "Bek", "--data", data.path]).status == 0)
        let list = try CommandRunner.run(["collector", "list", "--data", data.path])
        let lines = list.stdout.split(separator: "\n")
        try #require(lines.count == 3)
        #expect(lines[1].hasPrefix("Aida, Kara-Suu") && lines[1].hasSuffix("active"))
        #expect(lines[2].hasPrefix("Bek") && lines[2].contains("revoked"))
        #expect(!list.stdout.contains("/key/"), "tokens are never shown again")
        let unknown = try CommandRunner.run(["collector", "revoke", "Nobody", "--data", data.path])
        #expect(unknown.status == 1 && unknown.stderr.contains("there is no collector named Nobody"))
    }

    @Test func collectorAddWritesCollectsSettingsQRCodeWithTheKeyURL() throws {
        let data = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: data) }
        #expect(try CommandRunner.run(["form", "publish", Self.form.path, "--data", data.path]).status == 0)
        let png = data.appendingPathComponent("aida.png")
        let added = try CommandRunner.run(["collector", "add", "Aida", "--data", data.path, "--base-url", "http://192.168.1.10:8080/", "--qr", png.path])
        #expect(added.status == 0, "\(added.stderr)")
        let url = added.stdout.trimmingCharacters(in: .newlines)
        #expect(url.range(of: #"^http://192\.168\.1\.10:8080/key/[A-Za-z0-9]{48}$"#, options: .regularExpression) != nil, "\(url)")
        let mode = try FileManager.default.attributesOfItem(atPath: png.path)[.posixPermissions] as? Int
        #expect(mode == 0o600, "the QR code holds the key: readable by its owner only")

        // zbarimg reads the code; Python's base64 and zlib unpack it, as Collect does.
        let payload = try CommandRunner.tool("zbarimg", ["-q", "--raw", png.path]).trimmingCharacters(in: .whitespacesAndNewlines)
        let json = try CommandRunner.tool("python3", ["-c", "import sys, zlib, base64; sys.stdout.write(zlib.decompress(base64.b64decode(sys.argv[1])).decode())", payload])
        let settings = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: [String: Any]])
        #expect(settings["general"]?["server_url"] as? String == url)
        #expect(settings["general"]?["username"] == nil)
        #expect(settings["project"]?["name"] as? String == "Field check", "the published form's title")
        #expect(settings["admin"]?["change_server"] as? Bool == false)

        let named = data.appendingPathComponent("bek.png")
        #expect(try CommandRunner.run(["collector", "add", "Bek", "--data", data.path, "--base-url", "https://survey.example.org", "--qr", named.path, "--project", "Ысык-Көл 2026"]).status == 0)
        let bek = try CommandRunner.tool("zbarimg", ["-q", "--raw", named.path]).trimmingCharacters(in: .whitespacesAndNewlines)
        let bekJSON = try CommandRunner.tool("python3", ["-c", "import sys, zlib, base64, json; print(json.loads(zlib.decompress(base64.b64decode(sys.argv[1])))['project']['name'])", bek])
        #expect(bekJSON == "Ысык-Көл 2026\n")

        for (arguments, message) in [
            (["--qr", data.appendingPathComponent("x.png").path], "--qr needs --base-url"),
            (["--base-url", "ftp://example.org", "--qr", data.appendingPathComponent("x.png").path], "is not an http(s) address"),
            (["--base-url", "http://example.org", "--qr", "/nonexistent-folder/x.png"], "does not exist"),
        ] {
            let refused = try CommandRunner.run(["collector", "add", "Nobody", "--data", data.path] + arguments)
            #expect(refused.status == 1 && refused.stderr.contains(message) && refused.stderr.contains("No collector was added"), "\(refused.stderr)")
        }
        #expect(!(try CommandRunner.run(["collector", "list", "--data", data.path]).stdout.contains("Nobody")))
        #expect(!FileManager.default.fileExists(atPath: data.appendingPathComponent("x.png").path))
    }
}
