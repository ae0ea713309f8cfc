import Foundation
import SanaripQualitative
import SanaripStorage

@testable import SanaripServer

/// The focus-group fixtures of `Tests/SanaripQualitativeTests/Fixtures` (Karakol in Kyrgyz as .txt, Osh in Russian
/// as .docx, with their participants), and a stored project for the route walk.
enum QualitativeFixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("SanaripQualitativeTests/Fixtures")
    static let base = "/studies/\(BuiltInStudy.id)/qual/focus-groups"

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent(name))
    }

    static func text(_ name: String) throws -> String {
        String(decoding: try data(name), as: UTF8.self)
    }

    /// The project `focus-groups` of the built-in study with the Karakol transcript, one turn coded by the admin.
    static func seed(_ app: TestApp) async throws {
        var project = QualitativeProject(name: "focus-groups", codebook: try Codebook.starter())
        try project.importTranscript(
            name: "fg-karakol-ky", text: try text("fg-karakol-ky.txt"),
            participants: try ParticipantTable.parse(try text("fg-karakol-ky.participants.csv"), file: "fg-karakol-ky.participants.csv"),
            session: FocusGroupSession(title: "Karakol", language: "ky", attributes: ["oblast": "Issyk-Kul"]), file: "fg-karakol-ky.txt")
        try project.codeTurns([2], transcript: "fg-karakol-ky", code: "barrier.cost", coder: "admin")
        try await app.stores.qualitative.save(project, study: BuiltInStudy.id)
    }
}
