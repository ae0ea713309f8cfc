import Foundation
import Testing

extension WebDriver {
    /// Opens each page in Kyrgyz, Russian and English and checks it: the document's language, at least `charts` SVG
    /// charts, no script element, no severe console entry (a screenshot of the Russian page); then, on a 390-pixel
    /// phone, that nothing is wider than the screen (wide tables and charts scroll or scale inside their boxes).
    func checkPages(_ pages: [(path: String, name: String, charts: Int)], root: String) async throws {
        for page in pages {
            for language in ["ky", "ru", "en"] {
                try await open(root + page.path + (page.path.contains("?") ? "&" : "?") + "lang=" + language)
                #expect((try await run("return document.documentElement.lang") as? String) == language, "\(page.name) \(language)")
                let charts = try await count("svg.chart")
                #expect(charts >= page.charts, "\(page.name) \(language): \(charts) charts")
                #expect(try await count("script") == 0, "\(page.name): a script element")
                let severe = try await severeLogEntries()
                #expect(severe == [], "\(page.name) \(language): \(severe)")
                if language == "ru" { try await screenshot("\(page.name)-ru") }
            }
            try await resize(width: 390, height: 844)
            let widths = try await documentWidths()
            #expect(widths.scroll <= widths.client, "\(page.name) overflows at 390 px: \(widths)")
            try await screenshot("\(page.name)-en-390px")
            try await resize(width: 1280, height: 900)
        }
    }
}
