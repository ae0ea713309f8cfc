import SanaripAnalysis
import SanaripCore

/// The response rates of the fieldwork as the method section and the workspace show them: per group the sampled
/// and responding PSUs, interviews against target, and overall the AAPOR-style rates, with a chart of completion.
public struct ResponseRateView: Sendable {
    public let grid: ResultsGrid
    public let chart: IntervalBarChart

    public init(_ rates: ResponseRates, labels: ResultsLabels) {
        let language = labels.language
        let words = TrilingualStrings(code: language, table: Self.wording)
        let all = WorkspaceWording.strings(language)
        func percent(_ value: Double?) -> ResultsGrid.Cell { value.map { .number($0 * 100, digits: 1) } ?? .text("") }
        let rows: [[ResultsGrid.Cell]] = rates.rows.map { row in
            [.text(labels.domain(names: row.names, values: row.values)), .count(row.unitsSampled), .count(row.unitsResponding), percent(row.unitRate),
             .count(row.target), .count(row.interviews), percent(row.completion), row.refusals.map { .count($0) } ?? .text(""),
             percent(row.rr1), percent(row.coop1), percent(row.ref1), percent(row.con1)]
        }
        var note = words["note"]
        if rates.outsidePlan > 0 { note += " " + words["outside"] + " " + LocalizedNumber.text(rates.outsidePlan, language: language) + "." }
        grid = ResultsGrid(title: words["title"], columns: [all["domain"], words["psus"], words["responding"], words["psuRate"], words["target"], words["interviews"],
                                                            words["completion"], words["refusals"], "RR1, %", "COOP1, %", "REF1, %", "CON1, %"],
                           rows: rows, note: note)
        chart = IntervalBarChart(title: words["chart"], bars: rates.rows.map { row in
            .init(label: labels.domain(names: row.names, values: row.values), value: row.completion, low: .nan, high: .nan)
        }, percent: true, language: language)
    }

    static let wording: [String: TrilingualStrings.Entry] = [
        "response": ("Жооп берүү деңгээли", "Уровень ответов", "Response rates"),
        "title": ("Жооп берүү деңгээли: тандоо планы жана талаа иши", "Уровень ответов: план выборки и полевой этап", "Response rates: sampling plan and fieldwork"),
        "chart": ("Планга карата аткарылган интервьюлар, %", "Выполнение плана интервью, %", "Interviews against the plan's target, %"),
        "psus": ("Тандалган PSU", "PSU в выборке", "PSUs sampled"),
        "responding": ("Жооп берген PSU", "PSU с ответами", "PSUs responding"),
        "psuRate": ("PSU деңгээли, %", "Отклик PSU, %", "PSU response, %"),
        "target": ("План", "План", "Target"),
        "interviews": ("Интервьюлар", "Интервью", "Interviews"),
        "completion": ("Аткарылышы, %", "Выполнение, %", "Completion, %"),
        "refusals": ("Баш тартуулар", "Отказы", "Refusals"),
        "note": ("PSU — тандоо планынын муниципалитети (колдонулбаган резервдер эсепке кирбейт; алмаштырылган бирдик жооп бербеди деп эсептелет). Интервью — макулдук берилген анкета, баш тартуу — макулдук берилбеген анкета. AAPOR: I — интервьюлар, R — баш тартуулар, NC — пландын интервью да, баш тартуу да болбогон учурлары (жетилген эмес деп эсептелет); RR1 = I/(I+R+NC), COOP1 = I/(I+R), REF1 = R/(I+R+NC), CON1 = (I+R)/(I+R+NC). Форма баш тартуунун ордун жазбагандыктан, бул көрсөткүчтөр жалпы гана.",
                 "PSU — муниципалитет плана выборки (неиспользованные резервы не считаются; заменённая единица считается не ответившей). Интервью — анкета с согласием, отказ — анкета без согласия. AAPOR: I — интервью, R — отказы, NC — случаи плана без интервью и без отказа (считаются недостигнутыми); RR1 = I/(I+R+NC), COOP1 = I/(I+R), REF1 = R/(I+R+NC), CON1 = (I+R)/(I+R+NC). Форма не записывает место отказа, поэтому эти показатели только общие.",
                 "PSU: a municipality of the sampling plan (reserves not used are not counted; a replaced unit counts as not responding). Interview: a questionnaire with consent; refusal: one without. AAPOR: I = interviews, R = refusals, NC = the plan's cases with neither (counted as not reached); RR1 = I/(I+R+NC), COOP1 = I/(I+R), REF1 = R/(I+R+NC), CON1 = (I+R)/(I+R+NC). The form does not record where a refusal happened, so these rates are overall only."),
        "outside": ("Пландын бирдиктеринен тышкары интервьюлар:", "Интервью вне единиц плана:", "Interviews outside the plan's units:"),
    ]
}
