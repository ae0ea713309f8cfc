/// Which of Kyrgyz, Russian and English a text is written in: the letters ң ө ү occur in Kyrgyz and not in Russian,
/// and a few very common words of each language decide the rest.
public enum MediaLanguage {
    static let kyrgyz: Set<Substring> = ["жана", "менен", "үчүн", "боюнча", "деп", "бул", "жылы", "анын", "болуп", "керек", "тарабынан", "кийин", "эмес", "дагы"]
    static let russian: Set<Substring> = ["и", "в", "на", "что", "по", "для", "не", "это", "с", "из", "от", "года", "как", "при"]
    static let english: Set<Substring> = ["the", "and", "of", "to", "in", "for", "is", "on", "with", "by", "that"]

    /// `ky`, `ru` or `en`, or `fallback` when the text says too little.
    public static func detect(_ text: String, fallback: String = "") -> String {
        var scores = (ky: 0, ru: 0, en: 0)
        var latin = 0, cyrillic = 0
        for scalar in text.unicodeScalars.prefix(4000) {
            switch scalar.value {
            case 0x04A3, 0x04E9, 0x04AF, 0x04A2, 0x04E8, 0x04AE: scores.ky += 3
            case 0x0400...0x04FF: cyrillic += 1
            case 0x41...0x5A, 0x61...0x7A: latin += 1
            default: break
            }
        }
        for word in text.lowercased().split(whereSeparator: { !$0.isLetter }).prefix(600) {
            if kyrgyz.contains(word) { scores.ky += 2 }
            if russian.contains(word) { scores.ru += 1 }
            if english.contains(word) { scores.en += 1 }
        }
        if cyrillic + latin < 8 && scores.ky == 0 { return fallback }
        if cyrillic >= latin {
            return scores.ky >= 3 && scores.ky * 2 >= scores.ru ? "ky" : (scores.ru > 0 || scores.ky == 0 ? "ru" : "ky")
        }
        return "en"
    }
}
