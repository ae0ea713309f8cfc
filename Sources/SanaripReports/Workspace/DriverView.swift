import Foundation
import SanaripAnalysis
import SanaripCore
import SanaripStatistics

/// One driver model as the workspace and the report show it: odds ratios (logistic) or differences (linear) of
/// each characteristic against its reference group, with design-based intervals and p-values, a dot-and-whisker
/// chart, and the significant ones said in plain words.
public struct DriverView: Sendable {
    public let grid: ResultsGrid
    /// Nil when the model could not be fitted.
    public let chart: GapChart?
    /// A sentence per characteristic with p < 0.05, largest effect first; or one sentence saying there is none.
    public let sentences: [String]
    /// How to read the numbers, the respondents used and what was left out.
    public let reading: String
    public let title: String

    public init(_ result: DriverResult, labels: ResultsLabels) {
        let language = labels.language
        let words = TrilingualStrings(code: language, table: Self.wording)
        let all = WorkspaceWording.strings(language)
        let logistic = result.model.family == .logistic
        title = words["driversOf"] + labels.indicator(result.model.response)
        func shown(_ value: Double) -> Double { logistic ? exp(value) : value }
        func variable(_ name: String) -> String {
            Self.variables[name].map { _ in TrilingualStrings(code: language, table: Self.variables)[name] } ?? labels.indicator(name)
        }
        func level(_ term: DriverResult.Term) -> (String, String) {
            guard let level = term.level else { return (all["yes"], all["no"]) }
            return (labels.value(level, of: term.predictor), labels.value(term.reference ?? "", of: term.predictor))
        }
        var rows: [[ResultsGrid.Cell]] = []
        var marked = Set<Int>()
        for (index, term) in result.terms.enumerated() {
            let (name, reference) = level(term)
            if term.pValue < 0.05 { marked.insert(index) }
            rows.append([.text(variable(term.predictor)), .text(name), .text(reference), .number(shown(term.estimate), digits: 2),
                         .number(shown(term.low), digits: 2), .number(shown(term.high), digits: 2), .number(term.pValue, digits: 4)])
        }
        var read = words[logistic ? "readLogistic" : "readLinear"] + " n = " + LocalizedNumber.text(result.n, language: language) + "."
        if !result.omitted.isEmpty {
            read += " " + words["omitted"] + " " + result.omitted.map { variable($0.predictor) + " (" + Self.reason($0.reason, words) + ")" }.joined(separator: "; ") + "."
        }
        if let problem = result.problem { read += " " + words["failed"] + " (" + problem + ")." }
        reading = read
        grid = ResultsGrid(title: title, columns: [words["characteristic"], words["group"], words["comparedWith"], words[logistic ? "oddsRatio" : "coefficient"],
                                                   all["low"], all["high"], all["p"]],
                           rows: rows, marked: marked, note: read)
        chart = result.regression == nil ? nil : GapChart(title: title, gaps: result.terms.map { term in
            let (name, reference) = level(term)
            return .init(label: "\(variable(term.predictor)): \(name) / \(reference)", value: shown(term.estimate), low: shown(term.low), high: shown(term.high),
                         significant: term.pValue < 0.05)
        }, percent: false, language: language, ratio: logistic)
        let significant = result.terms.filter { $0.pValue < 0.05 }.sorted { abs($0.estimate) > abs($1.estimate) }
        func number(_ value: Double) -> String { LocalizedNumber.text(value, digits: 2, language: language) }
        sentences = significant.isEmpty ? (result.regression == nil ? [] : [words["noneSignificant"]]) : significant.map { term in
            let (name, reference) = level(term)
            let key = (logistic ? "sentenceOdds" : "sentencePoints") + (term.estimate > 0 ? "Up" : "Down")
            let size = logistic ? number(exp(term.estimate)) : number(abs(term.estimate))
            return words[key].replacingOccurrences(of: "{variable}", with: variable(term.predictor)).replacingOccurrences(of: "{level}", with: name)
                .replacingOccurrences(of: "{reference}", with: reference).replacingOccurrences(of: "{size}", with: size)
                .replacingOccurrences(of: "{low}", with: number(shown(term.low))).replacingOccurrences(of: "{high}", with: number(shown(term.high)))
        }
    }

    /// The omission's reason in the reader's language when it is one the models give.
    static func reason(_ reason: String, _ words: TrilingualStrings) -> String {
        reason == "not in the data" ? words["notInData"] : reason
    }

    /// Names of the standard predictors that are questions, not indicators.
    static let variables: [String: TrilingualStrings.Entry] = [
        "sex": ("Жынысы", "Пол", "Sex"),
        "age_group": ("Курак тобу", "Возрастная группа", "Age group"),
        "settlement_type": ("Шаар/айыл", "Город/село", "Urban/rural"),
        "oblast": ("Облус", "Область", "Oblast"),
        "education": ("Билими", "Образование", "Education"),
    ]

    static let wording: [String: TrilingualStrings.Entry] = [
        "drivers": ("Факторлор", "Факторы", "Drivers"),
        "driversOf": ("Эмнеге байланыштуу: ", "От чего зависит: ", "What drives: "),
        "model": ("Модель", "Модель", "Model"),
        "characteristic": ("Белги", "Характеристика", "Characteristic"),
        "group": ("Топ", "Группа", "Group"),
        "comparedWith": ("Салыштырылган топ", "Группа сравнения", "Compared with"),
        "oddsRatio": ("Мүмкүнчүлүктөрдүн катышы (OR)", "Отношение шансов (OR)", "Odds ratio"),
        "coefficient": ("Айырма (упай)", "Разница (баллы)", "Difference (points)"),
        "readLogistic": ("Тандоонун дизайнын эске алган логистикалык регрессиядан алынган мүмкүнчүлүктөрдүн катышы (R svyglm сыяктуу): ар бир белги башка белгилер бирдей болгондо. 1ден жогору — салыштырылган топко караганда көбүрөөк, 1ден төмөн — азыраак. Калың саптар жана толтурулган чекиттер: p < 0,05 (95% аралык 1ди камтыбайт).",
                         "Отношения шансов из логистической регрессии с учётом дизайна выборки (как svyglm в R): каждая характеристика — при прочих равных. Больше 1 — чаще, чем в группе сравнения, меньше 1 — реже. Жирные строки и закрашенные точки: p < 0,05 (95% интервал не включает 1).",
                         "Odds ratios from a design-based logistic regression (as R's svyglm): each characteristic with the others held equal. Above 1: more likely than the group compared with; below 1: less likely. Bold rows and filled dots: p < 0.05 (the 95% interval leaves out 1)."),
        "readLinear": ("Тандоонун дизайнын эске алган сызыктуу регрессиядан алынган упайлардагы айырма (R svyglm сыяктуу): ар бир белги башка белгилер бирдей болгондо, салыштырылган топко карата. Калың саптар жана толтурулган чекиттер: p < 0,05 (95% аралык 0дү камтыбайт).",
                       "Разница в баллах из линейной регрессии с учётом дизайна выборки (как svyglm в R): каждая характеристика — при прочих равных, по сравнению с группой сравнения. Жирные строки и закрашенные точки: p < 0,05 (95% интервал не включает 0).",
                       "Differences in points from a design-based linear regression (as R's svyglm): each characteristic with the others held equal, against the group compared with. Bold rows and filled dots: p < 0.05 (the 95% interval leaves out 0)."),
        "omitted": ("Моделге кирген жок:", "Не вошли в модель:", "Left out:"),
        "notInData": ("маалыматтарда жок", "нет в данных", "not in the data"),
        "failed": ("Модель эсептелген жок", "Модель не рассчитана", "The model could not be fitted"),
        "noneSignificant": ("Бир да белги p < 0,05 деңгээлинде айырмаланбайт.", "Ни одна характеристика не различается на уровне p < 0,05.", "No characteristic makes a difference at p < 0.05."),
        "sentenceOddsUp": ("{variable}: {level} — «{reference}» тобуна караганда көбүрөөк (мүмкүнчүлүк ×{size}; 95% аралык {low}–{high}).",
                           "{variable}: {level} — чаще, чем «{reference}» (шансы ×{size}; 95% интервал {low}–{high}).",
                           "{variable}: {level} — more likely than {reference} (odds ×{size}; 95% interval {low}–{high})."),
        "sentenceOddsDown": ("{variable}: {level} — «{reference}» тобуна караганда азыраак (мүмкүнчүлүк ×{size}; 95% аралык {low}–{high}).",
                             "{variable}: {level} — реже, чем «{reference}» (шансы ×{size}; 95% интервал {low}–{high}).",
                             "{variable}: {level} — less likely than {reference} (odds ×{size}; 95% interval {low}–{high})."),
        "sentencePointsUp": ("{variable}: {level} — «{reference}» тобуна караганда {size} упайга жогору (95% аралык {low}–{high}).",
                             "{variable}: {level} — на {size} балла выше, чем «{reference}» (95% интервал {low}–{high}).",
                             "{variable}: {level} — {size} points higher than {reference} (95% interval {low}–{high})."),
        "sentencePointsDown": ("{variable}: {level} — «{reference}» тобуна караганда {size} упайга төмөн (95% аралык {low}–{high}).",
                               "{variable}: {level} — на {size} балла ниже, чем «{reference}» (95% интервал {low}–{high}).",
                               "{variable}: {level} — {size} points lower than {reference} (95% interval {low}–{high})."),
        "reportTitle": ("Санариптик көндүмдөргө, кибергигиенага жана электрондук кызматтарга эмне таасир этет",
                        "Что влияет на цифровые навыки, кибергигиену и использование электронных услуг",
                        "What drives digital skills, cyber hygiene and e-service use"),
        "reportIntro": ("Ар бир модель бир көрсөткүчтү жынысы, курагы, шаар/айыл, облус жана билими боюнча бир убакта түшүндүрөт, ошондуктан ар бир белгинин таасири башкалары бирдей болгондо көрсөтүлөт. Байланыш себеп дегенди билдирбейт.",
                        "Каждая модель объясняет один показатель одновременно полом, возрастом, типом поселения, областью и образованием, поэтому влияние каждой характеристики показано при прочих равных. Связь не означает причинности.",
                        "Each model explains one indicator by sex, age, urban/rural, oblast and education at once, so each characteristic's effect is shown with the others held equal. An association is not proof of a cause."),
    ]
}
