/// The words (lowercase, Kyrgyz, Russian and English, stems where the languages inflect) that mark what a
/// municipal page is about; matched in link texts, link addresses and page text.
enum Keywords {
    static let contacts = ["контакт", "байланыш", "contact", "биз менен"]
    static let news = ["новост", "жаңылык", "жанылык", "news", "кабарлар"]
    static let structure = ["структур", "түзүмү", "тузуму", "руководств", "жетекчилик", "structure", "leadership", "о нас", "биз жөнүндө", "about"]
    static let privacy = ["конфиденциальн", "персональных данных", "купуялуулук", "жеке маалымат", "privacy"]
    static let openData = ["открытые данные", "ачык маалымат", "open data", "opendata"]
    static let budget = ["бюджет", "budget", "финансов", "каржы", "смета"]
    static let council = ["кеңеш", "кенеш", "совет депутат", "депутат", "council", "токтом", "решени", "постановлен", "нормативн", "ченемдик"]
    static let documents = ["документ", "document", "токтом", "решени", "постановлен", "нпа", "ченемдик"]
    static let services = ["услуг", "кызмат көрсөт", "кызматтар", "мамлекеттик кызмат", "services"]
    static let applicationForms = ["бланк", "форма", "заявлени", "арыз", "анкета", "form"]
    static let feedback = ["обратная связь", "обращени", "приемная", "приёмная", "кайрылуу", "кайтарым байланыш", "кабыл алуу", "feedback", "contact form"]
    static let consultation = ["общественные слушания", "общественное обсуждение", "опрос", "коомдук угуу", "талкуу", "сурамжылоо", "public hearing", "survey"]

    /// The pages that matter, in the order the crawler takes them from the home page.
    static let pagesThatMatter: [[String]] = [contacts, budget, services, council, documents, news, structure, feedback]

    /// The social network a link's host belongs to.
    static func socialNetwork(host: String) -> String? {
        let networks: [(String, [String])] = [
            ("facebook", ["facebook.com", "fb.com"]), ("instagram", ["instagram.com"]), ("telegram", ["t.me", "telegram.me"]),
            ("youtube", ["youtube.com", "youtu.be"]), ("ok", ["ok.ru"]), ("vk", ["vk.com"]), ("whatsapp", ["wa.me"]),
            ("tiktok", ["tiktok.com"]), ("x", ["twitter.com", "x.com"]),
        ]
        for (name, domains) in networks where domains.contains(where: { host == $0 || host.hasSuffix("." + $0) }) {
            return name
        }
        return nil
    }
}
