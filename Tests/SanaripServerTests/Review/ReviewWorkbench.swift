import Foundation
import Hummingbird
import HummingbirdTesting
import SanaripCore
import SanaripStorage
import Testing

@testable import SanaripServer

/// A workbench (``TestApp``) with the trilingual `review_survey` form published in the built-in study, a data
/// folder for attachments, and submissions made through the same intake as ODK Collect's.
struct ReviewWorkbench {
    static let formFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/review-survey")
    static let formID = "review_survey"

    let app: TestApp
    let dataDirectory: URL

    init() async throws {
        app = try TestApp()
        dataDirectory = try await Self.publish(in: app)
    }

    /// Publishes the form into `app`'s stores and returns the data folder it uses.
    static func publish(in app: TestApp) async throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sanarip-review-\(UUID().uuidString)")
        _ = try await FormPublisher(stores: app.stores, dataDirectory: directory).publish(contentsOf: formFolder, by: "aida")
        return directory
    }

    /// Publishes the form into `app` and stores one submission and one browser-entry draft (row ids 1 in a fresh
    /// database), for the route walk.
    static func seed(_ app: TestApp) async throws {
        let directory = try await publish(in: app)
        let receipt = try await SubmissionIntake(stores: app.stores, dataDirectory: directory).receive(xml: xml(Interview()), uploads: [], from: .init(name: "Aida"))
        let version = try #require(try await app.stores.reviews.submission(id: receipt.submissionID)?.formVersionID)
        _ = try await app.stores.reviews.save(EntryDraft(formVersionID: version, formID: formID, author: "admin"), by: "admin")
    }

    /// This workbench with one more form published, from an XLSForm folder.
    func publishing(_ folder: URL) async throws -> ReviewWorkbench {
        _ = try await FormPublisher(stores: app.stores, dataDirectory: dataDirectory).publish(contentsOf: folder, by: "aida")
        return self
    }

    /// This workbench with one more form published, from XLSForm CSV files (file name → text) written to the folder
    /// `name` in the data folder.
    func publishing(_ name: String, files: [String: String]) async throws -> ReviewWorkbench {
        let folder = dataDirectory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (file, text) in files { try text.write(to: folder.appendingPathComponent(file), atomically: true, encoding: .utf8) }
        return try await publishing(folder)
    }

    /// Adds the supervisor `sara`, signs her in (English pages) and starts a browser-entry draft of `formID`;
    /// `body` gets her browser, the form's CSRF token and the draft's path.
    func enteringAsSupervisor(
        _ formID: String, _ body: @escaping @Sendable (_ browser: Browser, _ token: String, _ path: String) async throws -> Void
    ) async throws {
        try await app.addUser("sara", role: .supervisor)
        try await test { client in
            let browser = Browser(client, cookies: ["lang": "en"])
            try await browser.logIn(username: "sara", password: TestApp.userPassword)
            let token = try await browser.formToken()
            let started = try await browser.post("/entry/\(formID)", form: [("_csrf", token)])
            try await body(browser, token, try #require(started.headers[.location]))
        }
    }

    /// Runs `body` against the application with this data folder.
    func test<Value>(
        _ setup: TestingSetup = .router, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        let directory = dataDirectory
        return try await app.test(setup, configure: { $0.dataDirectory = directory }, body)
    }

    /// Runs `body` with a browser signed in as `username` (the admin by default).
    func signedIn(as username: String = "admin", language: String = "en", _ body: @escaping @Sendable (Browser) async throws -> Void) async throws {
        try await test { client in
            let browser = Browser(client, cookies: ["lang": language])
            let password = username == "admin" ? TestApp.adminPassword : TestApp.userPassword
            #expect(try await browser.logIn(username: username, password: password).status == .seeOther)
            try await body(browser)
        }
    }

    /// One interview as ODK Collect would send it.
    struct Interview: Sendable {
        var instanceID = "uuid:\(UUID().uuidString.lowercased())"
        var oblast = "issyk_kul"
        var district = "Ak-Suu"
        var municipality = "41702205805000"
        var village = "Ak-Bulung"
        var sex = "2"
        var age = "34"
        /// `yyyy-MM-ddTHH:mm` of the start, local time in Bishkek.
        var start = "2026-12-03T10:00"
        var minutes = 40
        var gps: String? = "42.4907 78.3936 1600 5"
        var members = ["Aida", "Bek"]
        var photo: String?
    }

    static func xml(_ interview: Interview, deprecatedID: String? = nil) -> Data {
        let startDate = CivilDateTime(iso: interview.start + ":00.000+06:00")!
        let end = CivilDateTime(secondsSinceEpoch: startDate.secondsSinceEpoch! + Double(interview.minutes * 60), utcOffsetSeconds: 6 * 3600)!
        func stamp(_ time: CivilDateTime) -> String {
            String(format: "%04d-%02d-%02dT%02d:%02d:%02d.000+06:00", time.year, time.month, time.day, time.hour, time.minute, time.second)
        }
        let meta = "<instanceID>\(interview.instanceID)</instanceID>" + (deprecatedID.map { "<deprecatedID>\($0)</deprecatedID>" } ?? "")
        return Data("""
            <?xml version="1.0" encoding="UTF-8"?>
            <data xmlns:jr="http://openrosa.org/javarosa" xmlns:orx="http://openrosa.org/xforms" id="\(formID)" version="1">\
            <start>\(stamp(startDate))</start><end>\(stamp(end))</end>\
            <location><oblast>\(interview.oblast)</oblast><district>\(interview.district)</district><municipality>\(interview.municipality)</municipality>\
            <village>\(interview.village)</village><gps>\(interview.gps ?? "")</gps></location>\
            <respondent><sex>\(interview.sex)</sex><age>\(interview.age)</age></respondent><photo>\(interview.photo ?? "")</photo>\
            \(interview.members.map { "<member><member_name>\($0)</member_name></member>" }.joined())<meta>\(meta)</meta></data>
            """.utf8)
    }

    /// Stores `interview` through the submission intake as sent by `submitter`; returns the submission's row id.
    @discardableResult
    func receive(_ interview: Interview, from submitter: String = "Aida") async throws -> Int64 {
        let intake = SubmissionIntake(stores: app.stores, dataDirectory: dataDirectory)
        return try await intake.receive(xml: Self.xml(interview), uploads: [], from: .init(name: submitter)).submissionID
    }
}
