import Foundation
import Testing
@testable import SanaripQualitative

@Suite struct TranscriptImportTests {
    @Test func kyrgyzTextGivesTurnsSpeakersAndPseudonyms() throws {
        let project = try ProjectFixture.imported()
        let transcript = try #require(project.transcript(named: "fg-karakol-ky"))
        let original = try Fixture.text("fg-karakol-ky.txt")
        #expect(transcript.originalText == original)
        #expect(transcript.turns.map(\.speaker) == ["M1", "P1", "P2", "M1", "P3", "P1", "P2"])
        #expect(transcript.turns.map(\.timestamp) == ["[00:00:15]", "[00:00:40]", "[00:01:10]", "[00:01:45]", "[00:02:05]", "[00:02:40]", "[00:03:10]"])
        // Names never stand in the coded text; the speech itself is kept exactly.
        for name in ["Айгүл", "Бермет", "Чолпон"] { #expect(!transcript.text.contains(name)) }
        #expect(transcript.text == original.replacingOccurrences(of: "Айгүл:", with: "P1:").replacingOccurrences(of: "Бермет:", with: "P2:")
            .replacingOccurrences(of: "Чолпон:", with: "P3:").replacingOccurrences(of: "Модератор:", with: "M1:"))
        // A turn spans its continuation lines and ends at its last character (scalar offsets: the emoji is one).
        let third = try #require(transcript.turns.first { $0.number == 3 })
        #expect(transcript.excerpt(third.start, third.end) == "[00:01:10] P2: Биздин айылда байланыш начар, тоого чыкканда гана интернет кармайт.\nКээде таптакыр жок.")
        let last = try #require(transcript.turns.last)
        #expect(transcript.excerpt(last.start, last.end).hasSuffix("бош болом 🙂."))
        #expect(transcript.excerpt(last.end, transcript.length) == "\n") // the file's final line feed is after the turn
        let aigul = try #require(project.participants.first { $0.pseudonym == "P1" })
        #expect(aigul.name == "Айгүл" && aigul.attributes["age_group"] == "29-44" && aigul.consent)
        #expect(project.participants.first { $0.pseudonym == "P3" }?.consent == true) // "ооба"
    }

    @Test func wordAndOpenDocumentGiveTheSameParagraphs() throws {
        let expected = try Fixture.text("fg-osh-ru.lines")
        #expect(try DocumentText.read(Fixture.url("fg-osh-ru.docx")) == expected)
        #expect(try DocumentText.read(Fixture.url("fg-osh-ru.odt")) == expected)
        let project = try ProjectFixture.imported()
        let osh = try #require(project.transcript(named: "fg-osh-ru"))
        #expect(osh.turns.map(\.speaker) == ["M2", "P4", "P5", "P6", "M2", "P5", "P4"]) // pseudonyms run over the project
        #expect(osh.text.contains("P5: Мне сын помогает, сама я не разбираюсь.  Сайт"))
    }

    @Test func corruptDocumentIsRefusedWithItsName() throws {
        #expect {
            try DocumentText.read(Fixture.url("corrupt.docx"))
        } throws: { error in
            let message = "\(error)"
            return message.hasPrefix("corrupt.docx: is not a readable Word .docx document") && message.contains("save it again")
        }
        let bad = ReferenceTool.file(".txt")
        try Data([0x41, 0x3A, 0x20, 0xC0, 0xC1]).write(to: bad)
        #expect(throws: QualitativeError.unreadable(file: bad.lastPathComponent, reason: "is not UTF-8 text; save it as UTF-8 (in Notepad: Save as → Encoding UTF-8)")) {
            try DocumentText.read(bad)
        }
    }

    @Test func unknownSpeakerIsAnErrorAndNothingIsImported() throws {
        var project = try ProjectFixture.imported()
        let before = project
        let text = "Модератор: Салам!\nАйгүл: Салам.\nЖаңыл: Мен да келдим.\n"
        let table = try ParticipantTable.parse("name,sex\nАйгүл,female\n", file: "p.csv")
        #expect(throws: QualitativeError.unknownSpeaker(file: "x.txt", line: 3, speaker: "Жаңыл")) {
            try project.importTranscript(name: "x", text: text, participants: table, session: FocusGroupSession(title: "x"), file: "x.txt")
        }
        #expect(project == before)
        // A transcript without any turn is refused too.
        #expect(throws: QualitativeError.self) {
            try project.importTranscript(name: "y", text: "just notes\n", participants: table, session: FocusGroupSession(title: "y"), file: "y.txt")
        }
        #expect(project == before)
    }

    @Test func participantTableProblemsNameRowAndColumn() throws {
        #expect(throws: QualitativeError.invalid("p.csv, row 3, column consent: \"maybe\" is not yes or no")) {
            try ParticipantTable.parse("name,consent\nA,yes\nB,maybe\n", file: "p.csv")
        }
        #expect(throws: QualitativeError.invalid("p.csv, row 3: \"a\" is listed twice; give each participant a distinct name")) {
            try ParticipantTable.parse("name\nA\na\n", file: "p.csv")
        }
    }

    @Test func codingsOutsideTheTextAreRefused() throws {
        var project = try ProjectFixture.imported()
        let length = try #require(project.transcript(named: "fg-osh-ru")).length
        #expect(throws: QualitativeError.self) {
            try project.codeSpan(length - 2, length + 1, transcript: "fg-osh-ru", code: "barrier.cost", coder: "aida")
        }
        #expect(throws: QualitativeError.self) {
            try project.codeTurns([99], transcript: "fg-osh-ru", code: "barrier.cost", coder: "aida")
        }
        #expect(project.codings.isEmpty)
    }
}
