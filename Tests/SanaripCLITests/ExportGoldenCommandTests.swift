import Foundation
import Testing

/// The export's output, byte for byte, against files the previous export code wrote for the same store (the
/// `export-golden` fixtures: written by the build before the export was rewritten for speed), so a faster export
/// can never change a byte. The store holds the `export-check` form's submissions as Collect sends them (over
/// OpenRosa with curl): repeats, `select_multiple`, a geopoint, labels in two languages, sensitive questions,
/// an edit, an answer that breaks its type, and cells CSV must quote; the server's receive times and one review
/// state are then set in the database so the store is the same on every run.
///
/// To record the files again with another build: `SANARIP_TEST_EXECUTABLE=/path/to/sanarip
/// SANARIP_RECORD_EXPORT_GOLDEN=1 swift test --filter ExportGoldenCommandTests`.
@Suite("sanarip export writes the same bytes as the export it replaced", .serialized)
struct ExportGoldenCommandTests {
    static let form = CommandRunner.repositoryRoot.appendingPathComponent("Tests/SanaripCLITests/Fixtures/export-check")
    static let golden = CommandRunner.repositoryRoot.appendingPathComponent("Tests/SanaripCLITests/Fixtures/export-golden")

    /// One export run: its name (the golden file's stem) and its options.
    static let variants: [(name: String, format: String, options: [String])] = [
        ("plain", "csv", []),
        ("labels-ru", "csv", ["--include-sensitive", "--labels", "--lang", "ru"]),
        ("plain", "sav", ["--lang", "ru"]),
        ("sensitive", "sav", ["--include-sensitive"]),
        ("sensitive", "json", ["--include-sensitive"]),
    ]

    static func submission(_ id: Int, _ body: String, deprecated: Int? = nil) -> String {
        let meta = "<instanceID>\(instanceID(id))</instanceID>" + (deprecated.map { "<deprecatedID>\(instanceID($0))</deprecatedID>" } ?? "")
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <data xmlns:jr="http://openrosa.org/javarosa" xmlns:orx="http://openrosa.org/xforms" id="export_check" version="1">\
            <start>2026-12-04T10:0\(id):00.000+06:00</start><today>2026-12-04</today>\(body)<meta>\(meta)</meta></data>
            """
    }

    static func instanceID(_ id: Int) -> String { "uuid:0e1c2a3b-0000-4000-8000-00000000000\(id)" }

    static func person(
        name: String = "", works: String = "", apps: String = "", age: String = "", income: String = "", birth: String = "", home: String = "",
        comment: String = ""
    ) -> String {
        "<person><name>\(name)</name><works>\(works)</works><apps>\(apps)</apps><age>\(age)</age><income>\(income)</income>"
            + "<birth>\(birth)</birth><home>\(home)</home><comment>\(comment)</comment></person>"
    }

    static func child(_ name: String, _ age: String, _ apps: String) -> String {
        "<child><child_name>\(name)</child_name><child_age>\(age)</child_age><child_apps>\(apps)</child_apps></child>"
    }

    static let submissions = [
        submission(1, person(
            name: "Айгүл Асанова", works: "1", apps: "whatsapp telegram", age: "34", income: "1250.50", birth: "1992-03-05",
            home: "42.4907 78.3936 1650.0 5.0", comment: "Said &quot;yes&quot;, then left"
        ) + "<level>high</level>" + child("Бек", "7", "imo") + child("Ai, Li", "3", "")),
        submission(2, person(works: "0", age: "71", income: "-3", home: "42.5 78.4", comment: "line one\nline two") + "<level>low</level>"),
        submission(3, person(
            name: " Nurlan", works: "1", apps: "imo", age: "abc", income: "1e3", birth: "2001-12-31", comment: " leading space"
        ) + "<level></level>" + child("Эрмек", "12", "whatsapp imo telegram")),
        submission(4, person() + "<level/>"),
        submission(5, person(
            name: "Айгүл Асанова", works: "1", apps: "whatsapp telegram", age: "35", income: "1250.5", birth: "1992-03-05",
            home: "42.4907 78.3936 1650.0 5.0", comment: "Said &quot;yes&quot;, then left"
        ) + "<level>high</level>" + child("Бек", "7", "imo"), deprecated: 1),
    ]

    @Test func everyFormatWritesTheBytesThePreviousExportWrote() throws {
        let data = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: data) }
        try ExportFormatsCommandTests.store(Self.submissions, in: data, form: Self.form)
        try CommandRunner.tool("sqlite3", [
            data.appendingPathComponent("sanarip.sqlite").path,
            """
            UPDATE submission SET received_at = '2026-12-04 12:00:0' || id || '.25' || id,
              review_state = CASE id WHEN 2 THEN 'approved' WHEN 3 THEN 'has_issues' ELSE review_state END;
            """,
        ])
        let record = ProcessInfo.processInfo.environment["SANARIP_RECORD_EXPORT_GOLDEN"] == "1"
        for variant in Self.variants {
            let output = data.appendingPathComponent("\(variant.name).\(variant.format)")
            let run = try CommandRunner.run(["export", "export_check", "--format", variant.format, "--data", data.path, "-o", output.path] + variant.options)
            #expect(run.status == 0, "\(run.stderr)")
            let files = [output, data.appendingPathComponent("\(variant.name)-child.\(variant.format)")]
            for file in files {
                let written = try Self.comparable(Data(contentsOf: file), format: variant.format)
                let expected = Self.golden.appendingPathComponent(file.lastPathComponent)
                if record {
                    try written.write(to: expected)
                    continue
                }
                let previous = try Self.comparable(Data(contentsOf: expected), format: variant.format)
                #expect(written == previous, "\(file.lastPathComponent) differs from the previous export's \(expected.path)")
                #expect(written.count > 100, "\(file.lastPathComponent) holds the rows")
            }
        }
    }

    /// The file's bytes with the `.sav` header's creation date and time (bytes 92..<109) blanked: the only bytes
    /// that change from run to run.
    static func comparable(_ data: Data, format: String) throws -> Data {
        guard format == "sav" else { return data }
        try #require(data.count > 109)
        var bytes = data
        bytes.replaceSubrange(92..<109, with: Data(repeating: 0x20, count: 17))
        return bytes
    }
}
