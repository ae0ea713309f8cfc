import SanaripCore

/// An official trend as a line of yearly values with the survey's estimate and interval beside it, drawn as inline
/// SVG on a 0–100% axis: does the survey agree with the official series? A monitoring chart adds its target (a
/// dashed line) and the events of the period (dated vertical marks), and may use another axis than percent.
public struct TrendChart: Sendable {
    public struct Point: Sendable {
        public var year: Int
        public var value: Double

        public init(year: Int, value: Double) {
            self.year = year
            self.value = value
        }
    }

    public var title: String
    public var official: [Point]
    /// The survey's year, estimate and interval.
    public var survey: (year: Int, value: Double, low: Double, high: Double)?
    public var width: Int
    /// The value the axis ends at: 1 for shares (shown in percent), else a round number above the data.
    public var maximum: Double
    /// The target set for the indicator.
    public var target: Double?
    /// Dated events drawn as vertical marks.
    public var events: [(year: Int, label: String)]
    /// The language whose number format the labels use (ky, ru, en).
    public var language: String
    /// What the official line and the survey's point are (the legend); empty: no legend.
    public var legend: (official: String, survey: String)
    /// Labels of the x positions when they are periods rather than years (`2026-11`, `2026-W48`); at most about ten
    /// are written under the axis, all in the points' tooltips.
    public var xLabels: [Int: String] = [:]

    public init(title: String, official: [Point], survey: (year: Int, value: Double, low: Double, high: Double)?, width: Int = 420,
                maximum: Double = 1, target: Double? = nil, events: [(year: Int, label: String)] = [],
                language: String = "en", legend: (official: String, survey: String) = ("", "")) {
        self.title = title
        self.official = official
        self.survey = survey
        self.width = width
        self.maximum = maximum
        self.target = target
        self.events = events
        self.language = language
        self.legend = legend
    }

    /// The text under x position `year`.
    func label(_ year: Int) -> String { xLabels[year] ?? String(year) }

    /// Whether the axis is a share in percent.
    var percent: Bool { maximum == 1 }

    public var svg: String {
        let hasLegend = !legend.official.isEmpty || !legend.survey.isEmpty
        let height = hasLegend ? 242 : 220, left = 48, right = 16, top = 28, bottom = hasLegend ? 48 : 26
        let years = official.map(\.year) + (survey.map { [$0.year] } ?? []) + events.map(\.year)
        let first = years.min() ?? 2000, last = max(years.max() ?? first, first + 1)
        func x(_ year: Int) -> Double { Double(left) + Double(year - first) / Double(last - first) * Double(width - left - right) }
        func y(_ value: Double) -> Double { Double(top) + (1 - max(0, min(1, value / maximum))) * Double(height - top - bottom) }
        func number(_ value: Double, _ digits: Int) -> String { LocalizedNumber.text(value, digits: digits, language: language) }
        func shown(_ value: Double) -> String { percent ? "\(number(value * 100, 1))%" : number(value, value.rounded() == value ? 0 : 1) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(title.htmlEscaped)\">\n"
        svg += "<title>\(title.htmlEscaped)</title>\n<text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"bold\" fill=\"#1d2430\">\(title.htmlEscaped)</text>\n"
        for step in 0...4 {
            let tick = maximum * Double(step) / 4
            svg += "<line x1=\"\(left)\" y1=\"\(format(y(tick), 1))\" x2=\"\(width - right)\" y2=\"\(format(y(tick), 1))\" stroke=\"#d8dde3\"/>"
            svg += "<text x=\"\(left - 4)\" y=\"\(format(y(tick) + 4, 1))\" text-anchor=\"end\" font-size=\"11\" fill=\"#5b6573\">\(percent ? number(tick * 100, 0) + "%" : number(tick, tick >= 10 ? 0 : 1))</text>\n"
        }
        let ticks = Set(years).sorted()
        let step = xLabels.isEmpty ? 1 : max(1, (ticks.count + 9) / 10)
        for (position, year) in ticks.enumerated() where position % step == 0 {
            svg += "<text x=\"\(format(x(year), 1))\" y=\"\(height - bottom + 18)\" text-anchor=\"middle\" font-size=\"11\" fill=\"#5b6573\">\(label(year).htmlEscaped)</text>\n"
        }
        for event in events {
            let ex = format(x(event.year), 1)
            svg += "<line class=\"event\" x1=\"\(ex)\" y1=\"\(top)\" x2=\"\(ex)\" y2=\"\(height - bottom)\" stroke=\"#7a4fb5\" stroke-dasharray=\"2 3\"><title>\(event.year): \(event.label.htmlEscaped)</title></line>"
            svg += "<text x=\"\(ex)\" y=\"\(top - 2)\" text-anchor=\"middle\" font-size=\"10\" fill=\"#7a4fb5\">▼<title>\(event.label.htmlEscaped)</title></text>\n"
        }
        if let target {
            svg += "<line class=\"target\" x1=\"\(left)\" y1=\"\(format(y(target), 1))\" x2=\"\(width - right)\" y2=\"\(format(y(target), 1))\" stroke=\"#b5452b\" stroke-dasharray=\"6 4\"><title>\(shown(target))</title></line>\n"
        }
        if !official.isEmpty {
            let points = official.map { "\(format(x($0.year), 1)),\(format(y($0.value), 1))" }.joined(separator: " ")
            svg += "<polyline points=\"\(points)\" fill=\"none\" stroke=\"#0b6e4f\" stroke-width=\"2\"/>\n"
            for point in official {
                svg += "<circle cx=\"\(format(x(point.year), 1))\" cy=\"\(format(y(point.value), 1))\" r=\"3\" fill=\"#0b6e4f\"><title>\(label(point.year).htmlEscaped): \(shown(point.value))</title></circle>\n"
            }
        }
        if let survey, survey.value.isFinite {
            let sx = format(x(survey.year), 1)
            if survey.low.isFinite, survey.high.isFinite {
                svg += "<line x1=\"\(sx)\" y1=\"\(format(y(survey.low), 1))\" x2=\"\(sx)\" y2=\"\(format(y(survey.high), 1))\" stroke=\"#b5452b\" stroke-width=\"2\"/>\n"
            }
            svg += "<rect x=\"\(format(x(survey.year) - 5, 1))\" y=\"\(format(y(survey.value) - 5, 1))\" width=\"10\" height=\"10\" fill=\"#b5452b\"><title>\(survey.year): \(shown(survey.value)) (\(shown(survey.low))–\(shown(survey.high)))</title></rect>\n"
        }
        if hasLegend {
            let y = height - 6
            svg += "<line x1=\"\(left)\" y1=\"\(y - 4)\" x2=\"\(left + 18)\" y2=\"\(y - 4)\" stroke=\"#0b6e4f\" stroke-width=\"2\"/>"
            svg += "<text x=\"\(left + 22)\" y=\"\(y)\" font-size=\"11\" fill=\"#1d2430\">\(legend.official.htmlEscaped)</text>\n"
            let middle = left + (width - left) / 2
            svg += "<rect x=\"\(middle)\" y=\"\(y - 9)\" width=\"9\" height=\"9\" fill=\"#b5452b\"/>"
            svg += "<text x=\"\(middle + 13)\" y=\"\(y)\" font-size=\"11\" fill=\"#1d2430\">\(legend.survey.htmlEscaped)</text>\n"
        }
        return svg + "</svg>"
    }
}
