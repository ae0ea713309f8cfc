import Foundation
import Testing
@testable import SanaripAudit

@Suite("Encodings and HTML")
struct TextDecodingTests {
    @Test("the header's charset, then <meta>, then the byte-order mark wins over both")
    func choosing() {
        let koi8: [UInt8] = [240, 210, 201, 215, 197, 212, 44, 32, 205, 201, 210] // "Привет, мир" by Python's koi8_r codec
        let fromHeader = TextDecoding.choose(bytes: koi8, contentType: "text/html; charset=KOI8-R")
        #expect(fromHeader == .init(charset: "koi8-r", source: "Content-Type header"))
        #expect(TextDecoding.decode(koi8, charset: fromHeader.charset) == "Привет, мир")

        let meta = Array("<html><head><meta charset='windows-1251'><title>".utf8) + FixtureSites.windows1251("Каракол") + Array("</title>".utf8)
        let fromMeta = TextDecoding.choose(bytes: meta, contentType: "text/html")
        #expect(fromMeta.charset == "windows-1251")
        #expect(HTMLPage(parsing: TextDecoding.decode(meta, charset: fromMeta.charset)).title == "Каракол")

        let bom: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("<title>Ысык-Көл</title>".utf8)
        let fromBOM = TextDecoding.choose(bytes: bom, contentType: "text/html; charset=windows-1251")
        #expect(fromBOM.source == "byte-order mark")
        #expect(HTMLPage(parsing: TextDecoding.decode(bom, charset: fromBOM.charset)).title == "Ысык-Көл")

        let undeclared = FixtureSites.windows1251("<p>Бюджет села</p>")
        #expect(TextDecoding.choose(bytes: undeclared, contentType: nil).charset == "windows-1251")
        #expect(TextDecoding.choose(bytes: Array("<p>Бюджет</p>".utf8), contentType: nil).source == "valid UTF-8")
    }

    @Test("broken markup is read as a browser would")
    func brokenMarkup() {
        let page = HTMLPage(parsing: """
            <html lang=RU><title>Айыл өкмөтү<body><p>Кабарлар<a href=/news>Жаңылыктар</a><p><img src=a.png>
            <form><input name=q type=search><textarea name=msg></textarea></form><h1>Башкы <b>барак</b>
            """)
        #expect(page.lang == "ru")
        #expect(page.title == "Айыл өкмөтү")
        #expect(page.links.first?.href == "/news")
        #expect(page.links.first?.text == "Жаңылыктар")
        #expect(page.images.count == 1 && page.images.first?.alt == nil)
        #expect(page.forms.first?.isSearch == true)
        #expect(page.unlabeledFields == ["<input q>", "<textarea msg>"])
        #expect(page.headings1 == ["Башкы барак"])
    }
}

@Suite("robots.txt")
struct RobotsTxtTests {
    @Test("the agent's own group, else *; the longest rule wins; * and $")
    func rules() {
        let text = """
            User-agent: *
            Disallow: /admin/
            Disallow: /*.pdf$
            Allow: /admin/public/

            User-agent: SanaripAudit
            User-agent: other
            Disallow: /private
            Sitemap: https://example.kg/sitemap.xml
            """
        let ours = RobotsTxt(parsing: text, userAgent: "SanaripAudit")
        #expect(!ours.allows("/private/x"))
        #expect(ours.allows("/admin/"))
        #expect(ours.sitemaps == ["https://example.kg/sitemap.xml"])
        let anyone = RobotsTxt(parsing: text, userAgent: "SomeBot")
        #expect(!anyone.allows("/admin/x"))
        #expect(anyone.allows("/admin/public/x"))
        #expect(!anyone.allows("/files/budget.pdf"))
        #expect(anyone.allows("/files/budget.pdf?x=1"))
        #expect(anyone.allows("/private"))
        #expect(!RobotsTxt.disallowAll.allows("/"))
    }
}
