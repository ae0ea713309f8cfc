import SanaripCore
import SanaripStatistics

/// Words for a results table in one language: indicator labels from the indicator file, answer labels
/// (`41702000000000` → "Issyk-Kul oblast") from the instrument's choice lists.
public struct ResultsLabels: Sendable {
    public let set: IndicatorSet
    /// The ISO code of the language: ky, ru or en.
    public let language: String
    private let choices: [String: [String: String]]

    public init(set: IndicatorSet, instrument: Instrument?, language: String) {
        self.set = set
        self.language = language
        var choices: [String: [String: String]] = [:]
        for question in instrument?.questions ?? [] where question.type.isSelect && !question.type.isMultipleChoice {
            guard let name = question.type.choiceList, let list = instrument?.choiceList(named: name) else { continue }
            choices[question.name] = Dictionary(list.choices.map { ($0.name, $0.label.text(code: language) ?? $0.name) }) { first, _ in first }
        }
        self.choices = choices
    }

    /// The indicator's label, or its name when it has none.
    public func indicator(_ name: String) -> String {
        set[name].map { set.label(of: $0, code: language) } ?? name
    }

    /// The answer's label when `column` is a single-choice question, else the value itself.
    public func value(_ value: String, of column: String) -> String {
        choices[column]?[value] ?? Self.derived[value].map { _ in TrilingualStrings(code: language, table: Self.derived)[value] } ?? value
    }

    /// Values of columns the analysis derives (`age_band`, merged education levels).
    private static let derived: [String: TrilingualStrings.Entry] = [
        "youth": ("Жаштар (15–28)", "Молодёжь (15–28)", "Youth (15–28)"),
        "adult": ("Чоңдор (29+)", "Взрослые (29+)", "Adults (29+)"),
        // Education merged into three levels for the driver models (DriverModel.educationLevels).
        "edu_basic": ("Негизги орто же андан төмөн", "Основное общее или ниже", "Basic secondary or less"),
        "edu_secondary": ("Жалпы орто же кесиптик", "Среднее общее или профессиональное", "Secondary or vocational"),
        "edu_higher": ("Жогорку (толук эмес дагы)", "Высшее (в т. ч. неполное)", "Higher (incl. incomplete)"),
    ]

    /// "Rural (village) × Female" for a domain; "All" for the whole sample. `short` drops explanations in
    /// parentheses ("Rural × Female"), for column headings.
    public func domain(names: [String], values: [String], short: Bool = false) -> String {
        guard !names.isEmpty else { return ResultsLabels.all[language] ?? "All" }
        return zip(names, values).map { short ? Self.short(value($1, of: $0)) : value($1, of: $0) }.joined(separator: " × ")
    }

    /// The heading of an indicator group ("barrier" → "Main barriers", "Основные барьеры"): the study's groups in
    /// each language; another group's name with its underscores as spaces, capitalised.
    public func group(_ name: String) -> String {
        if Self.groups[name] != nil { return TrilingualStrings(code: language, table: Self.groups)[name] }
        let words = name.replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// The indicator groups of the digital-divide study (instruments/digital-divide-kg/indicators.csv).
    private static let groups: [String: TrilingualStrings.Entry] = [
        "access": ("Интернетке жетүү", "Доступ к интернету", "Internet access"),
        "usage": ("Интернетти колдонуу", "Использование интернета", "Internet use"),
        "skills": ("Санариптик көндүмдөр", "Цифровые навыки", "Digital skills"),
        "dsi_area": ("Санариптик көндүмдөрдүн чөйрөлөрү (DSI 2.0)", "Области цифровых навыков (DSI 2.0)", "Digital skills areas (DSI 2.0)"),
        "hygiene": ("Кибергигиена", "Кибергигиена", "Cyber hygiene"),
        "hygiene_score": ("Кибергигиена упайы", "Балл кибергигиены", "Cyber-hygiene score"),
        "incident": ("Онлайн инциденттер", "Онлайн-инциденты", "Online incidents"),
        "egov": ("Электрондук мамлекеттик кызматтар", "Электронные госуслуги", "E-government services"),
        "egov_barrier": ("Электрондук мамлекеттик кызматтарды колдонбоо себептери", "Причины неиспользования электронных госуслуг", "Why people do not use e-government services"),
        "barrier": ("Негизги тоскоолдуктар", "Основные барьеры", "Main barriers"),
        "nonuse_reason": ("Интернетти колдонбоо себептери", "Причины неиспользования интернета", "Why people do not use the internet"),
        "learning": ("Окутуу", "Обучение", "Training"),
        "need": ("Окутууга муктаждыктар", "Потребности в обучении", "Training needs"),
        "learning_barrier": ("Окууга тоскоолдуктар", "Барьеры к обучению", "Barriers to training"),
        "business": ("Санариптик ишкердик", "Цифровое предпринимательство", "Digital entrepreneurship"),
        "business_barrier": ("Санариптик ишкердиктеги тоскоолдуктар", "Барьеры цифрового предпринимательства", "Barriers to digital entrepreneurship"),
    ]

    /// True when the indicator is a share (shown in percent).
    public func isProportion(_ name: String) -> Bool { set[name]?.kind == .proportion }

    /// An estimate of indicator `name` for people: a share in percent with one decimal, a mean with two.
    public func number(_ value: Double, of name: String) -> String {
        isProportion(name) ? format(value * 100, 1) : format(value, 2)
    }

    /// Significance marks of a p-value: `*` below 0.05, `**` below 0.01, `***` below 0.001.
    public static func stars(_ p: Double) -> String {
        p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : ""
    }

    /// A gap's heading: "Rural−Urban", and where it was taken, "Female−Male [Rural]".
    public func gap(_ gap: ResultsTable.GapEstimate) -> String {
        let difference = "\(Self.short(value(gap.gap.a, of: gap.gap.column)))−\(Self.short(value(gap.gap.b, of: gap.gap.column)))"
        guard !gap.estimate.domainNames.isEmpty else { return difference }
        return "\(difference) [\(domain(names: gap.estimate.domainNames, values: gap.estimate.domainValues, short: true))]"
    }

    /// The label without a trailing explanation in parentheses.
    public static func short(_ label: String) -> String {
        guard let open = label.range(of: " ("), open.lowerBound > label.startIndex else { return label }
        return String(label[..<open.lowerBound])
    }

    private static let all = ["ky": "Баары", "ru": "Все", "en": "All"]
}
