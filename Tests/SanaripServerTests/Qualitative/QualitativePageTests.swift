import Foundation
import Hummingbird
import HummingbirdTesting
import SanaripCore
import SanaripQualitative
import SanaripReports
import SanaripStorage
import Testing

@testable import SanaripServer

@Suite("Focus-group pages")
struct QualitativePageTests {
    static let base = QualitativeFixture.base

    /// Uploads both fixture transcripts through the page, as a researcher would.
    static func upload(_ browser: Browser) async throws {
        let karakol = try await browser.upload(Self.base + "/transcripts", fields: [
            ("_csrf", try await browser.formToken()), ("participants", try QualitativeFixture.text("fg-karakol-ky.participants.csv")),
            ("title", "Karakol, women non-users"), ("language", "ky"), ("eservice_use", "non-user"), ("target", "women"),
            ("urban_rural", "urban"), ("oblast", "Issyk-Kul"),
        ], file: (field: "transcript", name: "fg-karakol-ky.txt", data: try QualitativeFixture.data("fg-karakol-ky.txt")))
        #expect(karakol.status == .seeOther || karakol.status == .found, "\(karakol.text)")
        let osh = try await browser.upload(Self.base + "/transcripts", fields: [
            ("_csrf", try await browser.formToken()), ("participants", try QualitativeFixture.text("fg-osh-ru.participants.csv")),
            ("language", "ru"), ("target", "youth"), ("oblast", "Osh"),
        ], file: (field: "transcript", name: "fg-osh-ru.docx", data: try QualitativeFixture.data("fg-osh-ru.docx")))
        #expect(osh.status == .seeOther || osh.status == .found, "\(osh.text)")
    }

    /// Ticks codes for whole turns, as the page's checkboxes post them.
    static func codeTurns(_ browser: Browser, transcript: String, _ ticks: [(turn: Int, code: String)], project: QualitativeProject) async throws {
        let turns = try #require(project.transcript(named: transcript)).turns.map { String($0.number) }.joined(separator: ",")
        var form = [("_csrf", try await browser.formToken()), ("turns", turns)]
        for tick in ticks {
            let code = try #require(project.codebook.code(named: tick.code))
            form.append(("c_\(tick.turn)_\(code.id.uuidString)", "1"))
        }
        let response = try await browser.post("\(Self.base)/transcripts/\(transcript)/turns", form: form)
        #expect(response.status == .seeOther || response.status == .found, "\(response.text)")
    }

    /// The numbers a page's agreement table carries (`data-kappa`/`data-alpha` per code).
    static func agreementValues(_ html: String) -> [String: (kappa: Double?, alpha: Double?)] {
        var values: [String: (Double?, Double?)] = [:]
        for row in html.components(separatedBy: "<tr data-code=\"").dropFirst() {
            guard let code = row.split(separator: "\"").first else { continue }
            func value(_ name: String) -> Double? {
                guard let range = row.range(of: "data-\(name)=\"") else { return nil }
                return Double(row[range.upperBound...].prefix { $0 != "\"" })
            }
            values[String(code)] = (value("kappa"), value("alpha"))
        }
        return values
    }

    @Test("upload, sessions with pseudonyms only, two researchers coding turns, agreement equal to the library's, matrix, quotes, memos, downloads, three languages")
    func walkThrough() async throws {
        let app = try TestApp()
        try await app.addUser("aida", role: .researcher)
        try await app.addUser("nurlan", role: .researcher)
        try await app.addUser("vera", role: .viewer)
        try await app.test { client in
            let aida = Browser(client, cookies: ["lang": "en"])
            try await aida.logIn(username: "aida", password: TestApp.userPassword)
            try await Self.upload(aida)
            var project = try #require(try await app.stores.qualitative.project(study: BuiltInStudy.id, name: "focus-groups"))
            #expect(project.transcripts.map(\.name) == ["fg-karakol-ky", "fg-osh-ru"])
            #expect(project.sessions.first?.attributes == ["eservice_use": "non-user", "target": "women", "urban_rural": "urban", "oblast": "Issyk-Kul"])

            // Sessions: pseudonyms, attributes and consent; never a participant's name.
            let sessions = try await aida.get(Self.base)
            #expect(sessions.status == .ok)
            #expect(sessions.text.contains("P1") && sessions.text.contains("M1") && sessions.text.contains("age_group=29-44"))
            for name in project.participants.filter({ !$0.isModerator }).map(\.name) { #expect(!sessions.text.contains(name), "\(name) shown on the sessions page") }

            // A participant's attributes and consent corrected on the page; a malformed attribute is refused.
            let p3 = try #require(project.participants.first { $0.pseudonym == "P3" })
            let corrected = try await aida.post(Self.base + "/participants/P3", form: [("_csrf", try await aida.formToken()), ("attributes", "sex=female, age_group=15-28, eservice_use=user")])
            #expect(corrected.status == .seeOther || corrected.status == .found)
            let refused = try await aida.post(Self.base + "/participants/P3", form: [("_csrf", try await aida.formToken()), ("attributes", "female"), ("consent", "1")])
            #expect(refused.status == .badRequest && refused.text.contains("P3: &quot;female&quot; is not an attribute"))
            project = try #require(try await app.stores.qualitative.project(study: BuiltInStudy.id, name: "focus-groups"))
            let changed = try #require(project.participants.first { $0.pseudonym == "P3" })
            #expect(p3.consent && !changed.consent && changed.attributes == ["sex": "female", "age_group": "15-28", "eservice_use": "user"] && changed.name == p3.name)

            // A corrupt .docx: the page says which file and what to do; nothing is stored.
            let before = try await app.stores.qualitative.project(study: BuiltInStudy.id, name: "focus-groups")
            let corrupt = try await aida.upload(Self.base + "/transcripts", fields: [
                ("_csrf", try await aida.formToken()), ("participants", try QualitativeFixture.text("fg-karakol-ky.participants.csv")),
            ], file: (field: "transcript", name: "corrupt.docx", data: try QualitativeFixture.data("corrupt.docx")))
            #expect(corrupt.status == .badRequest)
            #expect(corrupt.text.contains("corrupt.docx:") && corrupt.text.contains("role=\"alert\""))
            #expect(try await app.stores.qualitative.project(study: BuiltInStudy.id, name: "focus-groups") == before)

            // Two researchers code the same turns independently (the fixture's coding of the qualitative tests).
            try await Self.codeTurns(aida, transcript: "fg-karakol-ky", [(2, "barrier.cost"), (2, "barrier.devices"), (3, "barrier.coverage"), (5, "barrier.skills"), (6, "barrier.trust"), (7, "barrier.time")], project: project)
            try await Self.codeTurns(aida, transcript: "fg-osh-ru", [(2, "eservice.tunduk"), (4, "barrier.trust"), (7, "barrier.cost")], project: project)
            let nurlan = Browser(client, cookies: ["lang": "en"])
            try await nurlan.logIn(username: "nurlan", password: TestApp.userPassword)
            // Before coding, nurlan's page shows none of aida's codings and no link to them.
            let fresh = try await nurlan.get(Self.base + "/transcripts/fg-karakol-ky")
            #expect(fresh.status == .ok)
            #expect(!fresh.text.contains("<mark") && !fresh.text.contains("?coder=aida"))
            #expect(try await nurlan.get(Self.base + "/transcripts/fg-karakol-ky?coder=aida").text.contains("<mark") == false)
            try await Self.codeTurns(nurlan, transcript: "fg-karakol-ky", [(2, "barrier.cost"), (3, "barrier.coverage"), (5, "barrier.skills"), (6, "barrier.trust"), (7, "barrier.trust")], project: project)
            try await Self.codeTurns(nurlan, transcript: "fg-osh-ru", [(2, "eservice.tunduk"), (4, "barrier.trust"), (7, "barrier.cost")], project: project)
            // Unticking a box removes only that coding; ticking it again restores it.
            try await Self.codeTurns(aida, transcript: "fg-karakol-ky", [(2, "barrier.cost"), (3, "barrier.coverage"), (5, "barrier.skills"), (6, "barrier.trust"), (7, "barrier.time")], project: project)
            project = try #require(try await app.stores.qualitative.project(study: BuiltInStudy.id, name: "focus-groups"))
            let aidaID = try #require(project.coders.first { $0.name == "aida" }?.id)
            #expect(project.codings.filter { $0.coderID == aidaID }.count == 8)
            let devices = try #require(project.codebook.code(named: "barrier.devices"))
            #expect(!project.codings.contains { $0.codeID == devices.id })
            // After coding, nurlan may look at aida's codings (read-only).
            let others = try await nurlan.get(Self.base + "/transcripts/fg-karakol-ky?coder=aida")
            #expect(others.text.contains("<mark") && !others.text.contains("type=\"checkbox\"") && others.text.contains("shown-coder\">aida"))
            #expect(others.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)

            // Agreement: the page's κ and α are the library's (what `sanarip qual agreement` prints), both units.
            for unit in AgreementUnit.allCases {
                let page = try await aida.get("\(Self.base)/agreement?unit=\(unit.rawValue)")
                #expect(page.status == .ok)
                let shown = Self.agreementValues(page.text)
                let report = project.agreement(unit: unit)
                #expect(shown.count == report.entries.count)
                for entry in report.entries {
                    let values = try #require(shown[entry.code], "\(entry.code) missing from the \(unit) page")
                    #expect(values.kappa == entry.kappa && values.alpha == entry.alpha, "\(entry.code) \(unit)")
                }
                #expect(page.text.contains("Disagreements to reconcile"))
            }
            // Hand check: barrier.trust by turn, 14 turns, aida 6 and osh 4, nurlan 6, 7 and osh 4: κ = (13/14 − p_e)/(1 − p_e).
            let turnPage = Self.agreementValues(try await aida.get("\(Self.base)/agreement?unit=turn").text)
            let pe = (2.0 * 3 + 12 * 11) / 196
            let trust = try #require(turnPage["barrier.trust"]?.kappa)
            #expect(abs(trust - (13.0 / 14 - pe) / (1 - pe)) < 1e-12)

            // Matrix: a heat map with one coloured cell per code and group; co-occurrence.
            let matrixPage = try await aida.get(Self.base + "/matrix?by=sex")
            #expect(matrixPage.status == .ok)
            let matrix = project.matrix(by: "sex")
            #expect(matrixPage.text.components(separatedBy: "<rect ").count - 1 == matrix.codes.count * matrix.groups.count)
            let row = try #require(matrix.codes.firstIndex(of: "barrier.trust"))
            let female = try #require(matrix.groups.firstIndex(of: "female"))
            #expect(matrixPage.text.contains("fill=\"\(HeatMapChart.colour(matrix.cells[row][female].share))\""))
            #expect(matrixPage.text.contains("Co-occurrence"))
            for attribute in ["eservice_use", "target", "urban_rural", "oblast"] {
                #expect(try await aida.get(Self.base + "/matrix?by=\(attribute)").status == .ok)
            }

            // Quotes: the speaker's pseudonym and group, the text in its language, never a name.
            let quotes = try await aida.get(Self.base + "/quotes?code=barrier.trust&attribute=target&value=women")
            #expect(quotes.status == .ok)
            #expect(quotes.text.contains("Карттан акча уурдап кетишти") && quotes.text.contains("lang=\"ky\""))
            #expect(!quotes.text.contains("Тимур"))
            for name in project.participants.filter({ !$0.isModerator }).map(\.name) { #expect(!quotes.text.contains(name)) }

            // Memos on a code and on a coding.
            let memo = try await aida.post(Self.base + "/codes/barrier.trust/memo", form: [("_csrf", try await aida.formToken()), ("memo", "Fraud stories, not trust in the state")])
            #expect(memo.status == .seeOther || memo.status == .found)
            let coding = try #require(project.codings.first { $0.coderID == aidaID })
            let segment = try await aida.post("\(Self.base)/transcripts/fg-karakol-ky/codings/\(coding.id.uuidString)", form: [("_csrf", try await aida.formToken()), ("memo", "trafik = cost")])
            #expect(segment.status == .seeOther || segment.status == .found)
            // nurlan cannot change aida's coding.
            let foreign = try await nurlan.post("\(Self.base)/transcripts/fg-karakol-ky/codings/\(coding.id.uuidString)", form: [("_csrf", try await nurlan.formToken()), ("remove", "1")])
            #expect(foreign.status == .badRequest)
            project = try #require(try await app.stores.qualitative.project(study: BuiltInStudy.id, name: "focus-groups"))
            #expect(project.memos.map(\.text) == ["Fraud stories, not trust in the state"] && project.memos.first?.author == "aida")
            #expect(project.codings.first { $0.id == coding.id }?.memo == "trafik = cost")
            #expect(try await nurlan.get(Self.base + "/codebook").text.contains("Fraud stories, not trust in the state"))

            // Downloads: the .qdpx reads back with the same codings; XLSX files.
            let qdpx = try await aida.get(Self.base + "/project.qdpx")
            #expect(qdpx.status == .ok)
            let again = try REFIQDA.readProject(Data(qdpx.body.readableBytesView), file: "focus-groups.qdpx")
            #expect(Set(again.codings.map { [$0.start, $0.end] }) == Set(project.codings.map { [$0.start, $0.end] }))
            #expect(again.agreement(unit: .turn).json() == project.agreement(unit: .turn).json())
            for download in ["codings.xlsx", "matrix.xlsx?by=sex", "quotes.xlsx?code=barrier.trust", "codebook.qdc?lang=ky"] {
                let file = try await aida.get("\(Self.base)/\(download)")
                #expect(file.status == .ok, "\(download)")
                #expect(file.headers[.contentDisposition]?.hasPrefix("attachment") == true, "\(download)")
            }
            let entries = try await app.stores.auditLog.entries(limit: 200).filter { $0.objectType == "qual_project" }
            #expect(entries.contains { $0.action == .export && $0.user == "aida" && $0.detail["format"] == "qdpx" })
            #expect(entries.contains { $0.action.rawValue == "qual.view" && $0.detail["view"] == "quotes" })

            // A viewer reads agreement and the matrix, without the disagreements' transcript text.
            let vera = Browser(client, cookies: ["lang": "en"])
            try await vera.logIn(username: "vera", password: TestApp.userPassword)
            let viewed = try await vera.get(Self.base + "/agreement?unit=turn")
            #expect(viewed.status == .ok && !viewed.text.contains("Disagreements to reconcile"))
            #expect(try await vera.get(Self.base + "/transcripts/fg-karakol-ky").status == .forbidden)

            // Three languages.
            let localizer = try await PageRenderer.bundled().localizer
            for language in InterfaceLanguage.allCases {
                for (path, key) in [("", "qual.sessions"), ("/codebook", "qual.codebook"), ("/transcripts/fg-osh-ru", "qual.coding.list"), ("/agreement", "qual.agreement.title"), ("/matrix?by=target", "qual.matrix.title"), ("/quotes", "qual.quotes.title")] {
                    let page = try await aida.get(Self.base + path + (path.contains("?") ? "&" : "?") + "lang=\(language.rawValue)")
                    #expect(page.status == .ok, "\(path) in \(language)")
                    #expect(page.text.contains(localizer.string(key, in: language).htmlEscaped), "\(path) in \(language)")
                    #expect(page.text.contains("<html lang=\"\(language.rawValue)\""))
                }
            }
        }
    }
}
