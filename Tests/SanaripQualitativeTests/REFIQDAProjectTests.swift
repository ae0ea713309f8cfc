import Foundation
import Testing
import ZIPFoundation
@testable import SanaripQualitative

@Suite struct REFIQDAProjectTests {
    static let schema = ReferenceTool.repository.appendingPathComponent("data/refi-qda/Project-mrt2019.xsd")

    /// The comparable content of a project: codings as (transcript, code key, coder, start, end, memo).
    static func codingRows(_ project: QualitativeProject) -> [String] {
        project.codings.map { coding in
            let transcript = project.transcripts.first { $0.id == coding.transcriptID }?.name ?? "?"
            let code = project.codebook.code(coding.codeID)?.key ?? "?"
            let coder = project.coders.first { $0.id == coding.coderID }?.name ?? "?"
            return "\(transcript)|\(code)|\(coder)|\(coding.start)|\(coding.end)|\(coding.memo)"
        }.sorted()
    }

    /// The `project.qde` of the `.qdpx` at `file`, after `xmllint --schema` accepted it, as the README tells users.
    static func validatedProject(_ file: URL) throws -> String {
        let archive = try Archive(url: file, accessMode: .read)
        let entry = try #require(archive["project.qde"])
        let qde = ReferenceTool.file(".qde")
        _ = try archive.extract(entry, to: qde)
        let result = try ReferenceTool.run("xmllint", ["--noout", "--schema", schema.path, qde.path])
        #expect(result.status == 0, "xmllint: \(result.errors)")
        #expect(result.errors.contains("validates"))
        return try String(contentsOf: qde, encoding: .utf8)
    }

    @Test func exportValidatesAgainstTheSchemaAndReimportsTheSameCodings() throws {
        var project = try ProjectFixture.coded()
        try project.codeSpan(10, 42, transcript: "fg-osh-ru", code: "barrier.coverage", coder: "aida", memo: "заголовок & <memo>")
        let data = try REFIQDA.qdpx(project)
        let file = ReferenceTool.file(".qdpx")
        try data.write(to: file)
        let xml = try Self.validatedProject(file)
        // No participant's name is in the archive.
        let sources = project.transcripts.map(\.text).joined()
        for person in project.participants where !person.isModerator {
            #expect(!xml.contains(person.name) && !sources.contains(person.name), "\(person.name) leaked")
        }
        let again = try REFIQDA.readProject(data, file: file.lastPathComponent)
        #expect(Self.codingRows(again) == Self.codingRows(project))
        let ids: [String] = again.codings.map(\.id.uuidString).sorted(), originalIDs: [String] = project.codings.map(\.id.uuidString).sorted()
        #expect(ids == originalIDs)
        #expect(again.transcripts.map(\.text) == project.transcripts.map(\.text))
        #expect(again.transcripts.map(\.turns) == project.transcripts.map(\.turns))
        #expect(again.codebook.codes.map(\.names) == project.codebook.codes.map(\.names))
        #expect(again.participants.map(\.pseudonym) == project.participants.map(\.pseudonym))
        #expect(again.participants.map(\.attributes) == project.participants.map(\.attributes))
        #expect(again.participants.map(\.consent) == project.participants.map(\.consent))
        #expect(again.sessions.map(\.title) == project.sessions.map(\.title))
        #expect(again.sessions.map(\.attributes) == project.sessions.map(\.attributes))
        // The analyses come out the same.
        #expect(again.agreement(unit: .turn) == project.agreement(unit: .turn))
        #expect(again.matrix(by: "sex") == project.matrix(by: "sex"))
    }

    /// A large project written by an independent generator (Python, `Benchmarks/qualitative/make-project.py`):
    /// 200 transcripts with about 48,000 selections by two coders, a 15 MB `project.qde` that xmllint accepts.
    /// Foundation's XML parser on Linux gave up on it with an internal error; every selection must come in.
    @Test func largeProjectFromAnotherWriterIsReadWhole() throws {
        let file = ReferenceTool.file(".qdpx")
        let script = ReferenceTool.repository.appendingPathComponent("Benchmarks/qualitative/make-project.py")
        let made = try ReferenceTool.run("python3", [script.path, "200", "300", file.path])
        try #require(made.status == 0, "make-project.py: \(made.errors)")
        let archive = try Archive(url: file, accessMode: .read)
        let entry = try #require(archive["project.qde"])
        var qde = Data()
        _ = try archive.extract(entry) { qde.append($0) }
        let selections = qde.split(separator: UInt8(ascii: "<"), omittingEmptySubsequences: true)
            .filter { $0.starts(with: Array("PlainTextSelection ".utf8)) }.count
        #expect(qde.count > 10_000_000)
        let project = try REFIQDA.readProject(try Data(contentsOf: file), file: file.lastPathComponent)
        #expect(project.transcripts.count == 200)
        #expect(project.coders.count == 2)
        #expect(project.codings.count == selections)
    }

    @Test func foreignProjectWithInlineTextAndBracedGUIDs() throws {
        let qde = """
        <?xml version="1.0" encoding="utf-8"?>
        <Project xmlns="urn:QDA-XML:project:1.0" name="from QualCoder" origin="QualCoder">
          <Users><User guid="{6B5C8F0E-1C1A-4F5E-9B7A-2D3C4B5A6F70}" name="coder1"/></Users>
          <CodeBook><Codes><Code guid="0C1D2E3F-4A5B-4C6D-8E7F-901A2B3C4D5E" name="Access" isCodable="true">
            <Code guid="1C1D2E3F-4A5B-4C6D-8E7F-901A2B3C4D5E" name="Price" isCodable="true"><Description>Too expensive</Description></Code>
          </Code></Codes></CodeBook>
          <Sources><TextSource guid="2C1D2E3F-4A5B-4C6D-8E7F-901A2B3C4D5E" name="interview 1">
            <PlainTextContent>Interviewer: Why not?
        Ann: Көп акча керек.</PlainTextContent>
            <PlainTextSelection guid="3C1D2E3F-4A5B-4C6D-8E7F-901A2B3C4D5E" startPosition="27" endPosition="42" creatingUser="6B5C8F0E-1C1A-4F5E-9B7A-2D3C4B5A6F70">
              <Coding guid="4C1D2E3F-4A5B-4C6D-8E7F-901A2B3C4D5E"><CodeRef targetGUID="1C1D2E3F-4A5B-4C6D-8E7F-901A2B3C4D5E"/></Coding>
            </PlainTextSelection>
          </TextSource></Sources>
        </Project>
        """
        let project = try REFIQDA.readProject(Data(qde.utf8), file: "foreign.qde")
        let transcript = try #require(project.transcripts.first)
        #expect(transcript.turns.map(\.speaker) == ["Interviewer", "Ann"])
        let coding = try #require(project.codings.first)
        #expect(transcript.excerpt(coding.start, coding.end) == "Көп акча керек.")
        #expect(project.coders.map(\.name) == ["coder1"] && coding.coderID == project.coders[0].id)
        #expect(project.codebook.code(coding.codeID)?.definitions["en"] == "Too expensive")
        #expect(project.codebook.code(coding.codeID)?.parentID == project.codebook.code(named: "Access")?.id)
    }

    @Test func sameCodeNameUnderTwoParentsGetsDistinctKeys() throws {
        let qdc = """
        <CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
          <Code guid="0C1D2E3F-4A5B-4C6D-8E7F-901A2B3C4D5E" name="Women" isCodable="true"><Code guid="1C1D2E3F-4A5B-4C6D-8E7F-901A2B3C4D5E" name="Other" isCodable="true"/></Code>
          <Code guid="2C1D2E3F-4A5B-4C6D-8E7F-901A2B3C4D5E" name="Youth" isCodable="true"><Code guid="3C1D2E3F-4A5B-4C6D-8E7F-901A2B3C4D5E" name="Other" isCodable="true"/></Code>
          <Code guid="4C1D2E3F-4A5B-4C6D-8E7F-901A2B3C4D5E" name="other" isCodable="true"/>
        </Codes></CodeBook>
        """
        let codebook = try REFIQDA.readCodebook(Data(qdc.utf8), file: "maxqda.qdc")
        #expect(codebook.codes.map(\.key) == ["Women", "Other", "Youth", "Youth/Other", "other 2"])
        #expect(codebook.codes.map { $0.names["en"] } == ["Women", "Other", "Youth", "Other", "other"])
    }

    @Test func brokenProjectsAreRefusedWhole() throws {
        let good = try REFIQDA.qdpx(ProjectFixture.coded())
        // A selection past the end of its text.
        let outside = """
        <Project xmlns="urn:QDA-XML:project:1.0" name="x"><CodeBook><Codes><Code guid="0C1D2E3F-4A5B-4C6D-8E7F-901A2B3C4D5E" name="A" isCodable="true"/></Codes></CodeBook>
        <Sources><TextSource guid="2C1D2E3F-4A5B-4C6D-8E7F-901A2B3C4D5E" name="t"><PlainTextContent>short</PlainTextContent>
        <PlainTextSelection guid="3C1D2E3F-4A5B-4C6D-8E7F-901A2B3C4D5E" startPosition="2" endPosition="60"><Coding guid="4C1D2E3F-4A5B-4C6D-8E7F-901A2B3C4D5E"><CodeRef targetGUID="0C1D2E3F-4A5B-4C6D-8E7F-901A2B3C4D5E"/></Coding></PlainTextSelection>
        </TextSource></Sources></Project>
        """
        #expect { try REFIQDA.readProject(Data(outside.utf8), file: "outside.qde") } throws: { error in
            "\(error)".hasPrefix("outside.qde, source t, selection 2–60: t: a coding from 2 to 60 lies outside the text")
        }
        // A coding naming a code the codebook lacks.
        let unknownCode = outside.replacingOccurrences(of: "endPosition=\"60\"", with: "endPosition=\"4\"").replacingOccurrences(of: "<CodeRef targetGUID=\"0C1D", with: "<CodeRef targetGUID=\"9C1D")
        #expect(throws: QualitativeError.self) { try REFIQDA.readProject(Data(unknownCode.utf8), file: "code.qde") }
        // Cut XML, a ZIP without project.qde, a truncated archive.
        #expect(throws: QualitativeError.self) { try REFIQDA.readProject(Data(outside.prefix(200).utf8), file: "cut.qde") }
        #expect(throws: QualitativeError.self) { try REFIQDA.readProject(good.prefix(good.count / 2), file: "half.qdpx") }
        let empty = try Archive(data: Data(), accessMode: .create)
        let readme = Data("hi".utf8)
        try empty.addEntry(with: "readme.txt", type: .file, uncompressedSize: Int64(readme.count), compressionMethod: .none) { (position: Int64, size: Int) in
            readme.subdata(in: Int(position)..<Int(position) + size)
        }
        #expect(throws: QualitativeError.invalid("none.qdpx: the archive holds no project.qde, so it is not a REFI-QDA .qdpx project")) {
            try REFIQDA.readProject(try #require(empty.data), file: "none.qdpx")
        }
    }
}
