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
}
