import Foundation
import Testing
import ZIPFoundation
@testable import SanaripQualitative

/// Memos in REFI-QDA projects: code memos as `Notes` referred to by `NoteRef` in their code, segment memos as the
/// selection's `Description`; checked with `xmllint --schema` and read back.
@Suite struct REFIQDAMemoTests {
    /// Memos as (code key, author, text), sorted.
    static func memoRows(_ project: QualitativeProject) -> [String] {
        project.memos.map { memo in "\(project.codebook.code(memo.codeID)?.key ?? "?")|\(memo.author)|\(memo.text)" }.sorted()
    }

    static func validate(_ data: Data) throws -> String {
        let file = ReferenceTool.file(".qdpx")
        try data.write(to: file)
        return try REFIQDAProjectTests.validatedProject(file)
    }

    @Test func codeAndSegmentMemosValidateAndComeBack() throws {
        var project = try ProjectFixture.coded()
        let cost = try #require(project.codebook.codes.first { $0.key == "barrier.cost" })
        let trust = try #require(project.codebook.codes.first { $0.key == "barrier.trust" })
        let when = Date(timeIntervalSince1970: 1_796_000_000)
        try project.setMemo("Баасы — негизги тоскоол; compare <rural> & urban", code: cost.id, author: "aida", at: when)
        try project.setMemo("Цена упоминается чаще у женщин.\nПроверить в Оше.", code: cost.id, author: "nurlan", at: when)
        // A supervisor who coded nothing writes a memo too.
        try project.setMemo("Доверие: отделить от безопасности", code: trust.id, author: "supervisor", at: when)
        try project.codeSpan(10, 42, transcript: "fg-osh-ru", code: "barrier.coverage", coder: "aida", memo: "сегмент: связь в горах")
        let data = try REFIQDA.qdpx(project)
        let xml = try Self.validate(data)
        #expect(xml.contains("<Notes>") && xml.contains("<NoteRef targetGUID="))
        #expect(xml.contains("<Description>сегмент: связь в горах</Description>"))

        let again = try REFIQDA.readProject(data, file: "memos.qdpx")
        #expect(Self.memoRows(again) == Self.memoRows(project))
        #expect(again.memos.map(\.updatedAt).allSatisfy { $0 == when })
        #expect(again.codings.contains { $0.memo == "сегмент: связь в горах" })
        // The memo writer is not made a coder, so agreement is unchanged.
        #expect(again.coders.map(\.name).sorted() == project.coders.map(\.name).sorted())
        #expect(again.agreement(unit: .turn) == project.agreement(unit: .turn))
        // And a second round trip writes the same notes.
        #expect(Self.memoRows(try REFIQDA.readProject(try REFIQDA.qdpx(again), file: "again.qdpx")) == Self.memoRows(project))
    }

    /// A project as another tool writes it: the note's text in the archive (`plainTextPath`), braced GUIDs, an
    /// unreferenced journal note (not a code memo: left out).
    @Test func notesFromAnotherToolAreRead() throws {
        let code = "{6f1b2c3d-0000-4000-8000-000000000001}", user = "5c94bc9e-db8c-4f1d-9cd6-e900c7440860"
        let note = "0f758eeb-d61d-4e91-b250-79861c3869a6", journal = "4691a8a0-d67c-4dcc-91d6-e9075dc230cc"
        let qde = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Project xmlns="urn:QDA-XML:project:1.0" name="foreign" origin="Other">
              <Users><User guid="\(user)" name="colin"/></Users>
              <CodeBook><Codes><Code guid="\(code)" name="cost" isCodable="true"><Description>price</Description><NoteRef targetGUID="\(note)"/></Code></Codes></CodeBook>
              <Notes>
                <Note guid="\(note)" name="memo" creatingUser="\(user)" creationDateTime="2026-01-15T23:37:54Z" plainTextPath="internal://\(note).txt"/>
                <Note guid="\(journal)" name="journal"><PlainTextContent>a journal entry</PlainTextContent></Note>
              </Notes>
            </Project>
            """
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, text) in [("project.qde", qde), ("Sources/\(note).txt", "Memo text from the other tool")] {
            let bytes = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let project = try REFIQDA.readProject(try #require(archive.data), file: "foreign.qdpx")
        let memo = try #require(project.memos.first)
        #expect(project.memos.count == 1)
        #expect(memo.text == "Memo text from the other tool")
        #expect(memo.author == "colin")
        #expect(project.codebook.code(memo.codeID)?.key == "cost")
        #expect(project.coders.isEmpty)
    }
}
