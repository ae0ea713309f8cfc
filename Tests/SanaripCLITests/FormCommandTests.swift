import Foundation
import Testing

@Suite("sanarip form, run as a user would")
struct FormCommandTests {
    static let fixtures = CommandRunner.repositoryRoot.appendingPathComponent("Tests/SanaripInstrumentTests/Fixtures/forms")

    @Test func checkReportsEveryProblemAndFails() throws {
        let result = try CommandRunner.run(["form", "check", Self.fixtures.appendingPathComponent("invalid/unbalanced").path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("row 6, column type (A): end_group closes 'r'"))
        #expect(result.stderr.contains("row 9, column type (A): begin_group 'open' is never closed"))
        #expect(result.stderr.contains("3 errors"))
        #expect(!result.stderr.contains("Fatal error"))
    }

    @Test func convertWritesXFormAndCheckSaysOK() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let form = Self.fixtures.appendingPathComponent("valid/translations").path
        let output = directory.appendingPathComponent("out/form.xml")
        let convert = try CommandRunner.run(["form", "convert", form, "-o", output.path])
        #expect(convert.status == 0, "\(convert.stderr)")
        let xml = try String(contentsOf: output, encoding: .utf8)
        #expect(xml.hasPrefix("<?xml"))
        #expect(xml.contains("<translation default=\"true()\" lang=\"Kyrgyz (ky)\">"))
        let check = try CommandRunner.run(["form", "check", form])
        #expect(check.status == 0)
        #expect(check.stdout.contains("ok, 3 questions (+0 computed or metadata)"))
    }

    @Test func convertOfBadFormWritesNothing() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("form.xml")
        let result = try CommandRunner.run(["form", "convert", Self.fixtures.appendingPathComponent("invalid/unknown-type").path, "-o", output.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("nothing written"))
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test func manualIsWrittenInTheChosenLanguage() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("manual.html")
        let result = try CommandRunner.run(["form", "manual", Self.fixtures.appendingPathComponent("valid/translations").path, "-o", output.path, "--lang", "ru"])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOf: output, encoding: .utf8)
        #expect(html.contains("Руководство интервьюера"))
        #expect(html.contains("Сколько вам лет?"))
        #expect(html.contains("Не менее 15 лет"))
        let wrong = try CommandRunner.run(["form", "manual", Self.fixtures.appendingPathComponent("valid/translations").path, "-o", output.path, "--lang", "de"])
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("has no language 'de'"))
    }
}
