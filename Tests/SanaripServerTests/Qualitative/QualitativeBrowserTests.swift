import Foundation
import Hummingbird
import HummingbirdTesting
import SanaripQualitative
import SanaripStorage
import Testing

@testable import SanaripServer

/// Coding a selection in Debian's chromium: the page's script must post Unicode code-point offsets (as the library
/// stores them), not JavaScript's UTF-16 ones, in Kyrgyz text with ң ө ү after emoji (one of them a ZWJ sequence).
@Suite("Focus-group coding in chromium", .serialized, .enabled(if: WebDriver.isInstalled, WebDriver.notInstalled))
struct QualitativeBrowserTests {
    static let transcript = """
        Фокус-топ 🙂, Ысык-Көл.
        Модератор: Интернетти кантип колдоносуздар?
        Айгүл: 🙂🙂 Биздин айылда байланыш начар. Телефонго акча жетпейт, ноутбук жок.
        Бермет: Мен үйдө өзүм колдоном 👩‍💻, бирок баасы кымбат. Жаңы кызматтар түшүнүксүз, өңү өчкөн.
        """

    /// The code-point offsets of `part` in `text`.
    static func offsets(of part: String, in text: String) throws -> (start: Int, end: Int) {
        let range = try #require(text.range(of: part))
        let start = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: range.lowerBound)
        return (start, start + part.unicodeScalars.count)
    }

    /// Selects `part` in the run that holds it (DOM offsets are UTF-16, found by indexOf) and lets the page's script
    /// see the selection end, as a mouse release does; returns the form's start and end.
    static func select(_ part: String, _ browser: WebDriver) async throws -> (String, String) {
        let done = try await browser.run("""
            const part = arguments[0];
            const run = Array.from(document.querySelectorAll('.transcript [data-o]')).find(e => e.textContent.includes(part));
            if (!run) return false;
            const node = run.firstChild, at = node.data.indexOf(part);
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + part.length);
            const selection = document.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
            document.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
            return true;
            """, [part]) as? Bool
        try #require(done == true, "no run holds \(part)")
        let shown = try await WebDriver.waitUntil(timeout: 5) { (try await browser.run("return document.getElementById('span-form').hidden") as? Bool) == false }
        try #require(shown, "the span form did not appear")
        let values = try #require(try await browser.run("const f = document.getElementById('span-form'); return [f.elements.start.value, f.elements.end.value]") as? [String])
        return (values[0], values[1])
    }

    @Test("select text after emoji in Kyrgyz, apply a code: the stored coding has the code-point offsets of the selection")
    func selectAndCode() async throws {
        let app = try TestApp()
        var project = QualitativeProject(name: "focus-groups", codebook: try Codebook.starter())
        try project.importTranscript(
            name: "fg-emoji-ky", text: Self.transcript,
            participants: try ParticipantTable.parse("name,role,sex\nАйгүл,participant,female\nБермет,participant,female\n", file: "participants.csv"),
            session: FocusGroupSession(title: "Ысык-Көл", language: "ky"), file: "fg-emoji-ky.txt")
        try await app.stores.qualitative.save(project, study: BuiltInStudy.id)
        let text = try #require(project.transcripts.first).text
        let skills = try #require(project.codebook.code(named: "barrier.skills"))
        let cost = try #require(project.codebook.code(named: "barrier.cost"))
        try await app.test(.live) { client in
            let root = "http://127.0.0.1:\(try #require(client.port))"
            try await WebDriver.withSession { browser in
                try await ReviewBrowserTests.signIn(browser, root: root)
                let page = "\(root)\(QualitativeFixture.base)/transcripts/fg-emoji-ky?lang=ky"
                try await browser.open(page)
                #expect(try await browser.severeLogEntries() == [], "the coding page logs errors")
                // After a ZWJ emoji (3 code points, 5 UTF-16 units) in the same turn.
                let wanted = "Жаңы кызматтар түшүнүксүз, өңү"
                let expected = try Self.offsets(of: wanted, in: text)
                let (start, end) = try await Self.select(wanted, browser)
                #expect(start == String(expected.start) && end == String(expected.end), "form has \(start)–\(end), the text \(expected)")
                _ = try await browser.run("document.querySelector('#span-form select[name=code]').value = arguments[0]", [skills.id.uuidString])
                try await browser.element("#span-form input[name=memo]").type("тил жана көндүм")
                try await browser.element("#span-form button[type=submit]").click()
                let saved = try await WebDriver.waitUntil(timeout: 10) {
                    (try await app.stores.qualitative.project(study: BuiltInStudy.id, name: "focus-groups"))?.codings.isEmpty == false
                }
                try #require(saved, "no coding was stored")
                var stored = try #require(try await app.stores.qualitative.project(study: BuiltInStudy.id, name: "focus-groups"))
                let coding = try #require(stored.codings.first)
                #expect(coding.start == expected.start && coding.end == expected.end && coding.codeID == skills.id && coding.memo == "тил жана көндүм")
                #expect(stored.transcripts.first?.excerpt(coding.start, coding.end) == wanted)
                #expect(stored.coders.first { $0.id == coding.coderID }?.name == "admin")
                // The reloaded page marks exactly that run.
                _ = try await WebDriver.waitUntil(timeout: 10) { try await browser.count("mark[data-o='\(expected.start)']") == 1 }
                #expect(try await browser.element("mark[data-o='\(expected.start)']").text == wanted)

                // Right after two plain emoji at a turn's start: the selection begins after 4 UTF-16 units, 2 code points.
                let second = "Биздин айылда байланыш начар"
                let expectedSecond = try Self.offsets(of: second, in: text)
                let (from, to) = try await Self.select(second, browser)
                #expect(from == String(expectedSecond.start) && to == String(expectedSecond.end))
                _ = try await browser.run("document.querySelector('#span-form select[name=code]').value = arguments[0]", [cost.id.uuidString])
                try await browser.element("#span-form button[type=submit]").click()
                _ = try await WebDriver.waitUntil(timeout: 10) {
                    (try await app.stores.qualitative.project(study: BuiltInStudy.id, name: "focus-groups"))?.codings.count == 2
                }
                stored = try #require(try await app.stores.qualitative.project(study: BuiltInStudy.id, name: "focus-groups"))
                let last = try #require(stored.codings.first { $0.codeID == cost.id })
                #expect(stored.transcripts.first?.excerpt(last.start, last.end) == second)
                #expect(try await browser.severeLogEntries() == [])
                try await browser.screenshot("qual-transcript-ky")
            }
        }
    }

    @Test("sessions, codebook, transcript, agreement, heat map and quotes: no console errors, ky/ru/en headings, nothing wider than a 390 px phone")
    func pagesInThreeLanguages() async throws {
        let app = try TestApp()
        try await QualitativeFixture.seed(app)
        var project = try #require(try await app.stores.qualitative.project(study: BuiltInStudy.id, name: "focus-groups"))
        try project.codeTurns([2, 6], transcript: "fg-karakol-ky", code: "barrier.trust", coder: "nurlan")
        try project.codeTurns([3], transcript: "fg-karakol-ky", code: "barrier.cost", coder: "nurlan")
        try await app.stores.qualitative.save(project, study: BuiltInStudy.id)
        let matrix = project.matrix(by: "sex")
        let localizer = try await PageRenderer.bundled().localizer
        let pages: [(path: String, key: String)] = [
            ("", "qual.sessions"), ("/codebook", "qual.codebook"), ("/transcripts/fg-karakol-ky", "fg-karakol-ky"),
            ("/agreement?unit=turn", "qual.agreement.title"), ("/matrix?by=sex", "qual.matrix.title"), ("/quotes?code=barrier.trust", "qual.quotes.title"),
        ]
        try await app.test(.live) { client in
            let root = "http://127.0.0.1:\(try #require(client.port))"
            try await WebDriver.withSession { browser in
                try await ReviewBrowserTests.signIn(browser, root: root)
                for language in InterfaceLanguage.allCases {
                    for page in pages {
                        try await browser.resize(width: 1280, height: 900)
                        try await browser.open(root + QualitativeFixture.base + page.path + (page.path.contains("?") ? "&" : "?") + "lang=\(language.rawValue)")
                        let heading = try await browser.element("main h1").text
                        let expected = page.key.hasPrefix("qual.") ? localizer.string(page.key, in: language) : page.key
                        #expect(heading.hasPrefix(expected), "\(page.path) in \(language): \(heading)")
                        let severe = try await browser.severeLogEntries()
                        #expect(severe == [], "\(page.path) in \(language): \(severe)")
                        try await browser.resize(width: 390, height: 844)
                        let widths = try #require(try await browser.run("""
                            const width = document.documentElement.clientWidth;
                            return [document.documentElement.scrollWidth, width, Array.from(document.querySelectorAll('main *'))
                              .filter(e => e.getBoundingClientRect().right > width + 1 && !e.closest('.table-wrap'))
                              .map(e => e.tagName + '.' + e.className + '[' + (e.getAttribute('name') || '') + ']').slice(0, 5).join(' ')]
                            """) as? [Any])
                        let scroll = try #require(widths.first as? Int), client = try #require(widths.dropFirst().first as? Int)
                        #expect(scroll <= client, "\(page.key) overflows at 390 px: \(widths)")
                        if language == .ru { try await browser.screenshot("qual\(page.path.split(separator: "?").first.map { $0.replacingOccurrences(of: "/", with: "-") } ?? "")-ru-390px") }
                    }
                }
                // The heat map is drawn: one rect per code and group.
                try await browser.resize(width: 1280, height: 900)
                try await browser.open(root + QualitativeFixture.base + "/matrix?by=sex&lang=en")
                #expect(try await browser.count("svg.heat-map rect") == matrix.codes.count * matrix.groups.count)
                try await browser.screenshot("qual-matrix-en")
            }
        }
    }
}
