import Foundation
import Hummingbird
import HummingbirdTesting
import SanaripQualitative
import Testing

@testable import SanaripServer

/// The frame dictionary edited in Debian's chromium, by clicks and typing: a frame's form adds a Russian stem, the
/// save makes version 1 (by admin) and the frames page counts the article the new stem finds; the places page and
/// the dictionary page load without console errors in ky/ru/en and hold on a 390-pixel phone.
@Suite("Media dictionary in chromium", .serialized, .enabled(if: WebDriver.isInstalled, WebDriver.notInstalled))
struct MediaDictionaryBrowserTests {
    @Test("edit one frame's terms in the browser: a new version, frames computed with it; places and dictionary pages in three languages")
    func editFrame() async throws {
        let app = try TestApp()
        _ = try await app.stores.media.insert([
            MediaArticle(source: "news-ru", url: "http://n.example/s", title: "Скамеры атаковали Каракол", published: FramePeriodDates.day(2026, 11, 2), language: "ru"),
        ], study: BuiltInStudy.id)
        let base = "/studies/\(BuiltInStudy.id)/media"
        try await app.test(.live, configure: MediaFramesPageTests.configure) { client in
            let root = "http://127.0.0.1:\(try #require(client.port))"
            try await WebDriver.withSession { browser in
                try await ReviewBrowserTests.signIn(browser, root: root)
                try await browser.checkPages([("\(base)/places?level=district", "media-places", 1), ("\(base)/dictionary", "media-dictionary", 0)], root: root)
                try await browser.open(root + base + "/dictionary?lang=en")
                try await browser.element("details#cyber summary").click()
                try await browser.element("details#cyber textarea[name=terms_ru]").type("; скамер*")
                try await browser.element("details#cyber input[name=note]").type("scammers")
                try await browser.element("details#cyber button[type=submit]").click()
                let saved = try await WebDriver.waitUntil(timeout: 10) { (try await browser.currentURL).contains("version=1") }
                #expect(saved)
                let version = try #require(try await app.stores.mediaFrames.versions(study: BuiltInStudy.id).first)
                #expect(version.version == 1 && version.savedBy == "admin" && version.note == "scammers")
                let dictionary = try FrameDictionary.csv(version.csv, file: "v1")
                #expect(dictionary.frames.first { $0.key == "cyber" }?.terms.contains { $0.text == "скамер*" && $0.language == "ru" } == true)
                #expect(try await browser.element(".dictionary-version").text == "1")
                try await browser.open(root + base + "/frames?lang=en")
                #expect(try await browser.element("main").text.contains("Скамеры атаковали Каракол"))
                #expect(try await browser.severeLogEntries() == [])
            }
        }
    }
}
