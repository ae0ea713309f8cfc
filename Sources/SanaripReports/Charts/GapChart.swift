import Foundation
import SanaripCore

/// Differences between two groups (rural − urban, women − men) as dots with interval whiskers around a zero
/// line, drawn as inline SVG: at a glance, which gaps are large and which intervals leave out zero.
public struct GapChart: Sendable {
    public struct Gap: Sendable {
        public var label: String
        public var value: Double
        public var low: Double
        public var high: Double
        /// Whether the difference is significant (drawn filled).
        public var significant: Bool

        public init(label: String, value: Double, low: Double, high: Double, significant: Bool) {
            self.label = label
            self.value = value
            self.low = low
            self.high = high
            self.significant = significant
        }
    }

    public var title: String
    public var gaps: [Gap]
    /// Differences of shares, shown in percentage points.
    public var percent: Bool
    public var width: Int
    /// The language whose number format the labels use (ky, ru, en).
    public var language: String
    /// Ratios (odds ratios) on a log scale around 1 instead of differences around 0.
    public var ratio: Bool

    public init(title: String, gaps: [Gap], percent: Bool, width: Int = 640, language: String = "en", ratio: Bool = false) {
        self.title = title
        self.gaps = gaps
        self.percent = percent
        self.width = width
        self.language = language
        self.ratio = ratio
    }

    public var svg: String {
        let labelWidth = IntervalBarChart.labelWidth, rowHeight = IntervalBarChart.rowHeight, top = 28, bottom = 26
        let rows = gaps.map { IntervalBarChart.wrap($0.label, width: IntervalBarChart.labelCharacters) }
        let heights = rows.map { max(rowHeight, $0.count * IntervalBarChart.lineHeight + 10) }
        let height = top + heights.reduce(0, +) + bottom
        // A ratio is drawn as its logarithm (base 2), so 1/2 and 2 lie equally far from 1.
        func scaled(_ value: Double) -> Double { ratio ? log2(value) : value }
        let extent = gaps.flatMap { [abs(scaled($0.value)), abs(scaled($0.low)), abs(scaled($0.high))] }.filter(\.isFinite).max() ?? 1
        let bars = [IntervalBarChart.Bar(label: "", value: max(extent, 1e-9), low: 0, high: 0)]
        let maximum = ratio ? max(1, extent.rounded(.up)) : IntervalBarChart.niceMaximum(of: bars, percent: percent)
        let plotWidth = Double(width - labelWidth - 20)
        func x(_ value: Double) -> Double { Double(labelWidth) + (max(-maximum, min(scaled(value), maximum)) + maximum) / (2 * maximum) * plotWidth }
        func number(_ value: Double) -> String {
            percent ? LocalizedNumber.text(value * 100, digits: 1, language: language) : LocalizedNumber.text(value, digits: 2, language: language)
        }
        let ticks = ratio ? [-maximum, -maximum / 2, 0, maximum / 2, maximum].map { exp2($0) } : [-maximum, -maximum / 2, 0, maximum / 2, maximum]
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(title.htmlEscaped)\">\n"
        svg += "<title>\(title.htmlEscaped)</title>\n<text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"bold\" fill=\"#1d2430\">\(title.htmlEscaped)</text>\n"
        for tick in ticks {
            let position = format(x(tick), 1)
            svg += "<line x1=\"\(position)\" y1=\"\(top - 4)\" x2=\"\(position)\" y2=\"\(height - bottom + 4)\" stroke=\"\(tick == (ratio ? 1 : 0) ? "#5b6573" : "#d8dde3")\"/>\n"
            svg += "<text x=\"\(position)\" y=\"\(height - 8)\" text-anchor=\"middle\" font-size=\"11\" fill=\"#5b6573\">\(number(tick))</text>\n"
        }
        var y = top
        for ((gap, lines), rowHeight) in zip(zip(gaps, rows), heights) {
            defer { y += rowHeight }
            let middle = Double(y) + Double(rowHeight) / 2
            svg += "<text text-anchor=\"end\" dominant-baseline=\"middle\" font-size=\"12\" fill=\"#1d2430\">\(IntervalBarChart.labelLines(lines, middle: middle))</text>\n"
            guard gap.value.isFinite else { continue }
            let mid = format(middle, 1)
            if gap.low.isFinite, gap.high.isFinite {
                svg += "<line x1=\"\(format(x(gap.low), 1))\" y1=\"\(mid)\" x2=\"\(format(x(gap.high), 1))\" y2=\"\(mid)\" stroke=\"#1d2430\" stroke-width=\"1.5\"/>\n"
            }
            svg += "<circle cx=\"\(format(x(gap.value), 1))\" cy=\"\(mid)\" r=\"5\" fill=\"\(gap.significant ? "#b5452b" : "#ffffff")\" stroke=\"#b5452b\" stroke-width=\"2\"><title>\(gap.label.htmlEscaped): \(number(gap.value))</title></circle>\n"
        }
        return svg + "</svg>"
    }
}
