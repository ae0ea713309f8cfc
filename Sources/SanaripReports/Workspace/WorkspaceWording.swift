import SanaripCore

/// The fixed wording of the analysis workspace and the study report, in Kyrgyz, Russian and English.
public enum WorkspaceWording {
    public static func strings(_ language: String) -> TrilingualStrings { TrilingualStrings(code: language, table: table) }

    static let table: [String: TrilingualStrings.Entry] = [
        "synthetic": ("СИНТЕТИКАЛЫК МААЛЫМАТТАР: бул демо-изилдөө, чыныгы респонденттер эмес (sanarip demo).",
                      "СИНТЕТИЧЕСКИЕ ДАННЫЕ: это демонстрационное исследование, а не ответы реальных респондентов (sanarip demo).",
                      "SYNTHETIC DATA: a demonstration study, not real respondents' answers (sanarip demo)."),
        "domain": ("Топ", "Группа", "Group"),
        "indicator": ("Көрсөткүч", "Показатель", "Indicator"),
        "estimate": ("Баалоо", "Оценка", "Estimate"),
        "low": ("Төмөнкү чек", "Нижняя граница", "Lower bound"),
        "high": ("Жогорку чек", "Верхняя граница", "Upper bound"),
        "se": ("SE", "SE", "SE"),
        "deff": ("deff", "deff", "deff"),
        "n": ("n", "n", "n"),
        "difference": ("Айырма", "Разница", "Difference"),
        "p": ("p", "p", "p"),
        "rank": ("Орун", "Ранг", "Rank"),
        "distinct": ("Кийинкиден айырмаланат", "Отличается от следующего", "Distinct from next"),
        "yes": ("ооба", "да", "yes"),
        "no": ("жок", "нет", "no"),
        "small": ("† — 30дан аз респондент: баалоо ишенимсиз, этият болуп окуңуз.",
                  "† — меньше 30 респондентов: оценка ненадёжна, читайте с осторожностью.",
                  "† — fewer than 30 respondents: the estimate is unreliable, read with care."),
        "percentNote": ("Үлүштөр пайыз менен, айырмалар пайыздык пункттар менен; 95% ишеним аралыгы.",
                        "Доли в процентах, разницы в процентных пунктах; 95% доверительный интервал.",
                        "Shares in percent, differences in percentage points; 95% confidence interval."),
        "gapsNote": ("Айырмасы боюнча иреттелген. Толтурулган чекит — p < 0,05 (дизайнга негизделген t-тест).",
                     "Отсортировано по величине разницы. Закрашенная точка — p < 0,05 (t-тест с учётом дизайна).",
                     "Sorted by size. A filled dot is p < 0.05 (design-based t test)."),
        "ranksNote": ("«Кийинкиден айырмаланат»: кийинки орундагыдан айырма p < 0,05 (коварианс эске алынган).",
                      "«Отличается от следующего»: разница со следующим по рангу p < 0,05 (с учётом ковариации).",
                      "\"Distinct from next\": the difference to the next one down has p < 0.05 (covariance included)."),
        "all": ("Баары", "Все", "All"),
        "explorer": ("Көрсөткүчтөр", "Показатели", "Indicator explorer"),
        "gaps": ("Айырмачылыктар", "Разрывы", "Gaps"),
        "barriers": ("Тоскоолдуктар жана муктаждыктар", "Барьеры и потребности", "Barriers and needs"),
        "design": ("Дизайн жана маалыматтар", "Дизайн и данные", "Design and data"),
        "report": ("Отчёт", "Отчёт", "Report"),
        "breakdown": ("Бөлүү", "Разбивка", "Breakdown"),
        "show": ("Көрсөтүү", "Показать", "Show"),
        "within": ("Ичинде", "Внутри", "Within"),
        "downloadSVG": ("Диаграмма (SVG)", "Диаграмма (SVG)", "Chart (SVG)"),
        "downloadCSV": ("Сандар (CSV)", "Числа (CSV)", "Numbers (CSV)"),
    ]
}
