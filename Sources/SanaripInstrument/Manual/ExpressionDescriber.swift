import SanaripCore

/// Says an XLSForm expression in words for people: `${age} >= 15` becomes `«Age» ≥ 15`.
struct ExpressionDescriber {
    let instrument: Instrument
    let language: String?
    let strings: ManualStrings
    let labels: [String: String]

    init(instrument: Instrument, language: String?, strings: ManualStrings) {
        self.instrument = instrument
        self.language = language
        self.strings = strings
        var labels: [String: String] = [:]
        for question in instrument.questions {
            labels[question.name] = question.label.text(in: language) ?? question.name
        }
        self.labels = labels
    }

    func describe(_ text: String) -> String {
        guard let expression = try? ExpressionParser.parse(text) else { return text }
        var result = expression.xpath { name, _ in "«\(shortLabel(name))»" }
        for (symbol, word) in [(" >= ", " ≥ "), (" <= ", " ≤ "), (" != ", " ≠ "), (" and ", " \(strings["and"]) "), (" or ", " \(strings["or"]) ")] {
            result = result.replacingOccurrences(of: symbol, with: word)
        }
        return result
    }

    func shortLabel(_ name: String) -> String {
        let label = labels[name] ?? name
        return label.count > 60 ? String(label.prefix(57)) + "…" : label
    }
}
