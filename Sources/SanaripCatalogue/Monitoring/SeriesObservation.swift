/// One value of a statistical series in long format: the indicator and series, its breakdowns, the period and the
/// value (or the target set for that period), with unit and source. Official tables (the NSC's SDG file, SDMX-CSV
/// downloads) and manual monitoring entries both become these.
public struct SeriesObservation: Sendable, Hashable, Codable {
    public var indicator: String
    /// The series code (the indicator when the file has none).
    public var series: String
    public var area: String
    public var sex: String
    public var age: String
    public var urbanisation: String
    /// The economic sector, or any other breakdown (`EDUCATION_LEV=…`).
    public var sector: String
    /// `YYYY`, `YYYY-MM`, `YYYY-Qn` or a date.
    public var period: String
    /// The observed value; nil on a row that only sets a target.
    public var value: Double?
    /// The target set for the period.
    public var target: Double?
    /// The unit (`PT` is percent).
    public var unit: String
    public var source: String

    public init(indicator: String, series: String, area: String = "", sex: String = "", age: String = "", urbanisation: String = "", sector: String = "",
                period: String, value: Double?, target: Double? = nil, unit: String = "", source: String = "") {
        self.indicator = indicator
        self.series = series
        self.area = area
        self.sex = sex
        self.age = age
        self.urbanisation = urbanisation
        self.sector = sector
        self.period = period
        self.value = value
        self.target = target
        self.unit = unit
        self.source = source
    }

    /// The year the period falls in.
    public var year: Int? { Int(period.prefix(4)) }

    /// Whether every breakdown is a total (`_T` or empty).
    public var isTotal: Bool { [sex, urbanisation, sector].allSatisfy { $0.isEmpty || $0 == "_T" } }

    /// The key of the line this value belongs to: everything but the period, value and target.
    public var line: String { [series, area, sex, age, urbanisation, sector].joined(separator: "|") }
}
