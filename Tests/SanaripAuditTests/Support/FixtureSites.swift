import Foundation

/// The fixture websites: what is built into each is what the tests expect the audit to find.
enum FixtureSites {
    /// A good municipal site in Kyrgyz and Russian (UTF-8), with every automated indicator built in, a
    /// `robots.txt` that disallows `/private/`, a sitemap and a redirect from `/kontakty` to `/contacts`.
    static func good() -> [String: FixtureResponse] {
        let kyrgyz = """
            <p>Айыл өкмөтү жана айылдык кеңеш жарандар үчүн кызмат көрсөтөт. Бул сайтта жаңылыктар, бюджет жана \
            токтомдор боюнча маалымат жарыяланат. Биз менен байланыш үчүн телефон же электрондук почта колдонуңуз.</p>
            """
        let russian = """
            <p lang="ru">Айыл окмоту информирует жителей о работе органов местного самоуправления. На сайте публикуются \
            новости, бюджет и решения айылного кенеша для всех жителей района.</p>
            """
        let nav = """
            <nav><ul>
            <li><a href="/kontakty">Байланыш</a></li>
            <li><a href="/budget">Бюджет</a></li>
            <li><a href="/services">Кызматтар</a></li>
            <li><a href="/council">Айылдык кеңеш</a></li>
            <li><a href="/news">Жаңылыктар</a></li>
            <li><a href="/private/docs">Документтер</a></li>
            <li><a href="/feedback">Кайрылуу</a></li>
            </ul></nav>
            """
        let head = """
            <meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="WordPress 6.4">
            """
        func page(_ title: String, _ body: String) -> FixtureResponse {
            .html("<!DOCTYPE html><html lang=\"ky\"><head>\(head)<title>\(title)</title></head><body>\(nav)<h1>\(title)</h1>\(body)</body></html>")
        }
        return [
            "/robots.txt": FixtureResponse(headers: [("Content-Type", "text/plain")], body: Array("""
                User-agent: *
                Disallow: /private/

                User-agent: BadBot
                Disallow: /
                """.utf8)),
            "/sitemap.xml": FixtureResponse(headers: [("Content-Type", "application/xml")], body: Array("""
                <?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                <url><loc>/</loc><lastmod>2026-10-02</lastmod></url><url><loc>/news</loc><lastmod>2026-11-20</lastmod></url></urlset>
                """.utf8)),
            "/": page("Тамга айыл өкмөтү", """
                \(kyrgyz)\(russian)
                <img src="/logo.png" alt="Герб"><img src="/line.png" alt="">
                <form role="search" action="/search"><label for="q">Издөө</label><input id="q" name="q" type="search"></form>
                <p><a href="https://portal.tunduk.kg/services">Мамлекеттик кызматтар порталы</a>
                <a href="https://www.facebook.com/tamga.ao">Facebook</a> <a href="https://t.me/tamga_ao">Telegram</a>
                <a href="https://data.gov.kg/organization/tamga">Ачык маалыматтар</a>
                <a href="/privacy">Купуялуулук саясаты</a> <a href="/structure">Түзүмү жана жетекчилиги</a></p>
                """),
            "/kontakty": .redirect(.movedPermanently, to: "/contacts"),
            "/contacts": page("Байланыш", """
                <address>Дарек: Тамга айылы, Ленин көчөсү 12</address>
                <p>Телефон: +996 (3946) 5-12-34, факс 0 3946 5-12-35. Электрондук почта: <a href="mailto:tamga.ao@example.kg">tamga.ao@example.kg</a></p>
                <p>Иш убактысы: дүйшөмбү–жума 8:00–17:00</p>
                <p>Айыл өкмөтүнүн башчысы Асанов Бакыт Токтогулович</p>
                """),
            "/budget": page("Бюджет", """
                <p>2026-жылдын бюджети жана анын аткарылышы.</p>
                <a href="/files/budget-2026.pdf">Бюджет 2026 (PDF)</a> <a href="/files/smeta-2025.xlsx">Смета 2025</a>
                """),
            "/services": page("Кызматтар", """
                <p>Айыл өкмөтү көрсөткөн кызматтар: маалымкат берүү, жер тилкесин каттоо.</p>
                <a href="/files/aryz-blank.docx">Арыздын бланкы</a>
                """),
            "/council": page("Айылдык кеңеш", """
                <p>Айылдык кеңештин 2026-жылдын 14-ноябрындагы №12 токтому. Коомдук угуу 20.11.2026 өтөт.</p>
                """),
            "/news": page("Жаңылыктар", """
                <ul><li>15.11.2026 — Айылда жаңы мектеп ачылды</li><li>02.10.2026 — Кеңештин сессиясы</li>
                <li>31.12.2099 — ката дата</li></ul>
                <script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2026-11-15", "dateModified": "2026-11-18T10:00:00+06:00"}</script>
                """),
            "/feedback": page("Кайрылуу", """
                <form method="post" action="/feedback/send">
                <label for="name">Аты-жөнү</label><input id="name" name="name">
                <label>Телефон <input name="phone" type="tel"></label>
                <textarea name="message" aria-label="Кайрылуунун тексти"></textarea>
                <input type="submit" value="Жөнөтүү"></form>
                """),
            "/structure": page("Түзүмү", "<p>Айыл өкмөтүнүн түзүмү: башчы, орун басары, адистер.</p>"),
            "/private/docs": page("Жабык", "<p>Бул баракты краулер албашы керек.</p>"),
        ]
    }

    /// A poor site: windows-1251 declared only in `<meta http-equiv>`, Russian only, no lang, no viewport, no h1,
    /// an image without alt, an unlabeled field, an old date, Joomla.
    static func poor() -> [String: FixtureResponse] {
        let html = """
            <html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">
            <meta name="generator" content="Joomla! - Open Source Content Management">
            <title>Официальный сайт айылного аймака</title></head>
            <body><table><tr><td><img src="/banner.gif"><p>Добро пожаловать на сайт. Здесь будет информация для жителей и \
            гостей села. Обновлено 3 марта 2019 года. В разработке, на сайте пока нет разделов.</p>
            <form action="/vote"><input name="answer" type="text"><input type="submit"></form>
            <a href="/index.php?option=com_content">Главная</a>
            </td></tr></table></body></html>
            """
        return ["/": FixtureResponse(headers: [("Content-Type", "text/html")], body: windows1251(html))]
    }

    /// Windows-1251 bytes of `text`, by the code page's table for ASCII and Russian letters (А–я at 0xC0–0xFF,
    /// Ё 0xA8, ё 0xB8, — 0x97, № 0xB9); other characters become "?".
    static func windows1251(_ text: String) -> [UInt8] {
        text.unicodeScalars.map { scalar in
            switch scalar.value {
            case 0..<0x80: UInt8(scalar.value)
            case 0x410...0x44F: UInt8(scalar.value - 0x410 + 0xC0)
            case 0x401: 0xA8
            case 0x451: 0xB8
            case 0x2014: 0x97
            case 0x2116: 0xB9
            default: 0x3F
            }
        }
    }
}
