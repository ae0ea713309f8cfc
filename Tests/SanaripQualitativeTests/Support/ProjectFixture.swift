import Foundation
@testable import SanaripQualitative

/// The two fixture sessions (Karakol in Kyrgyz from .txt, Osh in Russian from .docx) imported into one project
/// with the starter codebook.
enum ProjectFixture {
    static func imported() throws -> QualitativeProject {
        var project = QualitativeProject(name: "focus-groups", codebook: try Codebook.starter())
        let karakol = FocusGroupSession(title: "Karakol, women non-users", date: "2026-11-20", place: "Karakol", municipality: "Karakol city", moderator: "", language: "ky", attributes: ["oblast": "Issyk-Kul", "target": "women"])
        try project.importTranscript(
            name: "fg-karakol-ky", text: DocumentText.read(Fixture.url("fg-karakol-ky.txt")),
            participants: ParticipantTable.parse(Fixture.text("fg-karakol-ky.participants.csv"), file: "fg-karakol-ky.participants.csv"),
            session: karakol, file: "fg-karakol-ky.txt"
        )
        let osh = FocusGroupSession(title: "Kara-Suu, youth", date: "2026-11-22", place: "Kara-Suu", municipality: "Kara-Suu", language: "ru", attributes: ["oblast": "Osh", "target": "youth"])
        try project.importTranscript(
            name: "fg-osh-ru", text: DocumentText.read(Fixture.url("fg-osh-ru.docx")),
            participants: ParticipantTable.parse(Fixture.text("fg-osh-ru.participants.csv"), file: "fg-osh-ru.participants.csv"),
            session: osh, file: "fg-osh-ru.docx"
        )
        return project
    }

    /// The fixture project coded by two researchers, turn by turn, as the README's walk-through does.
    static func coded() throws -> QualitativeProject {
        var project = try imported()
        // Karakol turns: 1 M, 2 Айгүл (device, cost), 3 Бермет (coverage), 4 M, 5 Чолпон (skills, language), 6 Айгүл (trust), 7 Бермет (time).
        try project.codeTurns([2], transcript: "fg-karakol-ky", code: "barrier.cost", coder: "aida")
        try project.codeTurns([2], transcript: "fg-karakol-ky", code: "barrier.devices", coder: "aida")
        try project.codeTurns([3], transcript: "fg-karakol-ky", code: "barrier.coverage", coder: "aida")
        try project.codeTurns([5], transcript: "fg-karakol-ky", code: "barrier.skills", coder: "aida")
        try project.codeTurns([5], transcript: "fg-karakol-ky", code: "barrier.language", coder: "aida")
        try project.codeTurns([6], transcript: "fg-karakol-ky", code: "barrier.trust", coder: "aida")
        try project.codeTurns([7], transcript: "fg-karakol-ky", code: "barrier.time", coder: "aida")
        try project.codeTurns([2], transcript: "fg-karakol-ky", code: "barrier.cost", coder: "nurlan")
        try project.codeTurns([3], transcript: "fg-karakol-ky", code: "barrier.coverage", coder: "nurlan")
        try project.codeTurns([5], transcript: "fg-karakol-ky", code: "barrier.skills", coder: "nurlan")
        try project.codeTurns([6], transcript: "fg-karakol-ky", code: "barrier.trust", coder: "nurlan")
        try project.codeTurns([7], transcript: "fg-karakol-ky", code: "barrier.trust", coder: "nurlan")
        // Osh turns: 1 M, 2 Азамат (tunduk), 3 Гулнара (help, ease), 4 Тимур (trust), 5 M, 6 Гулнара (entrepreneurship, format), 7 Азамат (cost).
        try project.codeTurns([2], transcript: "fg-osh-ru", code: "eservice.tunduk", coder: "aida")
        try project.codeTurns([3], transcript: "fg-osh-ru", code: "eservice.help", coder: "aida")
        try project.codeTurns([4], transcript: "fg-osh-ru", code: "barrier.trust", coder: "aida")
        try project.codeTurns([6], transcript: "fg-osh-ru", code: "needs.entrepreneurship", coder: "aida")
        try project.codeTurns([7], transcript: "fg-osh-ru", code: "barrier.cost", coder: "aida")
        try project.codeTurns([2], transcript: "fg-osh-ru", code: "eservice.tunduk", coder: "nurlan")
        try project.codeTurns([3], transcript: "fg-osh-ru", code: "eservice.ease", coder: "nurlan")
        try project.codeTurns([4], transcript: "fg-osh-ru", code: "barrier.trust", coder: "nurlan")
        try project.codeTurns([6], transcript: "fg-osh-ru", code: "needs.format", coder: "nurlan")
        try project.codeTurns([7], transcript: "fg-osh-ru", code: "barrier.cost", coder: "nurlan")
        return project
    }
}
