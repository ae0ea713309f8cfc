import SanaripCore

/// An official trend as a line of yearly values with the survey's estimate and interval beside it, drawn as inline
/// SVG on a 0–100% axis: does the survey agree with the official series?
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
    public var survey: (year: Int, value: Double, low: Double, high: Double)
    public var width: Int
    /// The language whose number format the labels use (ky, ru, en).
    public var language: String
    /// What the official line and the survey's point are (the legend); empty: no legend.
    public var legend: (official: String, survey: String)

    public init(title: String, official: [Point], survey: (year: Int, value: Double, low: Double, high: Double), width: Int = 420,
                language: String = "en", legend: (official: String, survey: String) = ("", "")) {
        self.title = title
        self.official = official
        self.survey = survey
        self.width = width
        self.language = language
        self.legend = legend
    }

    public var svg: String {
        let hasLegend = !legend.official.isEmpty || !legend.survey.isEmpty
        let height = hasLegend ? 242 : 220, left = 40, right = 16, top = 28, bottom = hasLegend ? 48 : 26
        let years = official.map(\.year) + [survey.year]
        let first = years.min() ?? survey.year, last = max(years.max() ?? survey.year, first + 1)
        func x(_ year: Int) -> Double { Double(left) + Double(year - first) / Double(last - first) * Double(width - left - right) }
        func y(_ value: Double) -> Double { Double(top) + (1 - max(0, min(1, value))) * Double(height - top - bottom) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(title.htmlEscaped)\">\n"
        svg += "<title>\(title.htmlEscaped)</title>\n<text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"bold\" fill=\"#1d2430\">\(title.htmlEscaped)</text>\n"
        for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
            svg += "<line x1=\"\(left)\" y1=\"\(format(y(tick), 1))\" x2=\"\(width - right)\" y2=\"\(format(y(tick), 1))\" stroke=\"#d8dde3\"/>"
            svg += "<text x=\"\(left - 4)\" y=\"\(format(y(tick) + 4, 1))\" text-anchor=\"end\" font-size=\"11\" fill=\"#5b6573\">\(LocalizedNumber.text(tick * 100, digits: 0, language: language))%</text>\n"
        }
        for year in Set(years).sorted() {
            svg += "<text x=\"\(format(x(year), 1))\" y=\"\(height - bottom + 18)\" text-anchor=\"middle\" font-size=\"11\" fill=\"#5b6573\">\(year)</text>\n"
        }
        if !official.isEmpty {
            let points = official.map { "\(format(x($0.year), 1)),\(format(y($0.value), 1))" }.joined(separator: " ")
            svg += "<polyline points=\"\(points)\" fill=\"none\" stroke=\"#0b6e4f\" stroke-width=\"2\"/>\n"
            for point in official {
                svg += "<circle cx=\"\(format(x(point.year), 1))\" cy=\"\(format(y(point.value), 1))\" r=\"3\" fill=\"#0b6e4f\"><title>\(point.year): \(LocalizedNumber.text(point.value * 100, digits: 1, language: language))%</title></circle>\n"
            }
        }
        if survey.value.isFinite {
            let sx = format(x(survey.year), 1)
            if survey.low.isFinite, survey.high.isFinite {
                svg += "<line x1=\"\(sx)\" y1=\"\(format(y(survey.low), 1))\" x2=\"\(sx)\" y2=\"\(format(y(survey.high), 1))\" stroke=\"#b5452b\" stroke-width=\"2\"/>\n"
            }
            svg += "<rect x=\"\(format(x(survey.year) - 5, 1))\" y=\"\(format(y(survey.value) - 5, 1))\" width=\"10\" height=\"10\" fill=\"#b5452b\"><title>\(survey.year): \(LocalizedNumber.text(survey.value * 100, digits: 1, language: language))% (\(LocalizedNumber.text(survey.low * 100, digits: 1, language: language))–\(LocalizedNumber.text(survey.high * 100, digits: 1, language: language)))</title></rect>\n"
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
