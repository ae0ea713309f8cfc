import Foundation
import SanaripCore

/// A horizontal bar chart with confidence-interval whiskers, drawn as inline SVG: the picture of a ranking,
/// where whether two bars' intervals overlap says more than their numbers.
///
/// Bars are sorted as given; values are shares (shown as %) or plain numbers. The SVG needs no script or
/// external file, so it works in a report opened offline or printed.
public struct IntervalBarChart: Sendable {
    public struct Bar: Sendable {
        public var label: String
        public var value: Double
        public var low: Double
        public var high: Double

        public init(label: String, value: Double, low: Double, high: Double) {
            self.label = label
            self.value = value
            self.low = low
            self.high = high
        }
    }

    public var title: String
    public var bars: [Bar]
    /// True when values are shares in [0, 1], drawn on a 0–100% axis.
    public var percent: Bool
    public var width: Int
    /// The value at the axis end; charts drawn side by side share one so their bars compare.
    public var axisMaximum: Double
    /// The language whose number format the labels use (ky, ru, en).
    public var language: String

    /// - Parameter axisMaximum: the axis end; nil picks ``niceMaximum(of:percent:)`` for these bars.
    public init(title: String, bars: [Bar], percent: Bool, axisMaximum: Double? = nil, width: Int = 640, language: String = "en") {
        self.title = title
        self.bars = bars
        self.percent = percent
        self.width = width
        self.axisMaximum = axisMaximum ?? Self.niceMaximum(of: bars, percent: percent)
        self.language = language
    }

    static let rowHeight = 24, labelWidth = 300, top = 28, bottom = 26, lineHeight = 14
    /// Characters of 12-pixel text that fit on one line of the label column (a conservative average width).
    static let labelCharacters = (labelWidth - 12) / 7

    /// A row's label lines as `<tspan>`s, right-aligned on the label column and centred vertically on `middle`.
    static func labelLines(_ lines: [String], middle: Double) -> String {
        let first = middle - Double((lines.count - 1) * lineHeight) / 2
        return lines.enumerated().map { index, line in
            "<tspan x=\"\(labelWidth - 8)\" y=\"\(format(first + Double(index * lineHeight), 1))\">\(line.htmlEscaped)</tspan>"
        }.joined()
    }

    /// `text` broken at spaces into lines of at most `width` characters; a longer word is broken where the line is full.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = Substring(word)
            if !line.isEmpty, line.count + 1 + word.count <= width {
                line += " " + word
                continue
            }
            if !line.isEmpty { lines.append(line) }
            while word.count > width {
                lines.append(String(word.prefix(width)))
                word = word.dropFirst(width)
            }
            line = String(word)
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// Each bar's label lines and the height of its row (taller for labels on several lines).
    private var rows: [(lines: [String], height: Int)] {
        bars.map { bar in
            let lines = Self.wrap(bar.label, width: Self.labelCharacters)
            return (lines, max(Self.rowHeight, lines.count * Self.lineHeight + 10))
        }
    }

    /// A round axis end above every bar and interval: 1, 2, 2.5 or 5 times a power of ten, at most 100% for shares.
    public static func niceMaximum(of bars: [Bar], percent: Bool) -> Double {
        let largest = bars.map { max($0.value, $0.high.isFinite ? $0.high : $0.value) }.filter(\.isFinite).max() ?? 1
        guard largest > 0 else { return 1 }
        if percent && largest > 0.5 { return 1 }
        let magnitude = pow(10, floor(log10(largest)))
        for step in [1.0, 2, 2.5, 5, 10] where step * magnitude >= largest * (1 - 1e-12) { return step * magnitude }
        return 10 * magnitude
    }

    /// Ticks at fifths of 1, 2.5 and 5 times a power of ten, quarters of 2.
    private var tickCount: Int {
        let leading = axisMaximum / pow(10, floor(log10(axisMaximum)))
        return abs(leading - 2) < 1e-9 ? 4 : 5
    }

    /// The SVG element.
    public var svg: String {
        let plotWidth = Double(width - Self.labelWidth - 50)
        let rows = self.rows
        let height = Self.top + rows.reduce(0) { $0 + $1.height } + Self.bottom
        let maximum = axisMaximum
        func x(_ value: Double) -> Double { Double(Self.labelWidth) + max(0, min(value, maximum)) / maximum * plotWidth }
        func number(_ value: Double) -> String {
            percent ? LocalizedNumber.text(value * 100, digits: 1, language: language) : LocalizedNumber.text(value, digits: value < 10 ? 2 : 1, language: language)
        }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(title.htmlEscaped)\">\n"
        svg += "<title>\(title.htmlEscaped)</title>\n"
        svg += "<text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"bold\" fill=\"#1d2430\">\(title.htmlEscaped)</text>\n"
        for tick in 0...tickCount {
            let value = maximum * Double(tick) / Double(tickCount), position = format(x(value), 1)
            svg += "<line x1=\"\(position)\" y1=\"\(Self.top - 4)\" x2=\"\(position)\" y2=\"\(height - Self.bottom + 4)\" stroke=\"#d8dde3\"/>\n"
            svg += "<text x=\"\(position)\" y=\"\(height - 8)\" text-anchor=\"middle\" font-size=\"11\" fill=\"#5b6573\">\(percent ? LocalizedNumber.text(value * 100, digits: 0, language: language) + "%" : number(value))</text>\n"
        }
        var y = Self.top
        for (bar, row) in zip(bars, rows) {
            defer { y += row.height }
            let middle = Double(y) + Double(row.height) / 2
            // The whole label, on as many lines as it needs, centred on the bar.
            svg += "<text text-anchor=\"end\" dominant-baseline=\"middle\" font-size=\"12\" fill=\"#1d2430\"><title>\(bar.label.htmlEscaped)</title>\(Self.labelLines(row.lines, middle: middle))</text>\n"
            guard bar.value.isFinite else { continue }
            let barTop = Int(middle.rounded(.down)) - (Self.rowHeight - 10) / 2
            svg += "<rect x=\"\(Self.labelWidth)\" y=\"\(barTop)\" width=\"\(format(x(bar.value) - Double(Self.labelWidth), 1))\" height=\"\(Self.rowHeight - 10)\" fill=\"#0b6e4f\" opacity=\"0.85\"/>\n"
            if bar.low.isFinite, bar.high.isFinite {
                let low = format(x(bar.low), 1), high = format(x(bar.high), 1), mid = format(middle, 1)
                svg += "<line x1=\"\(low)\" y1=\"\(mid)\" x2=\"\(high)\" y2=\"\(mid)\" stroke=\"#1d2430\" stroke-width=\"1.5\"/>"
                svg += "<line x1=\"\(low)\" y1=\"\(format(middle - 5, 1))\" x2=\"\(low)\" y2=\"\(format(middle + 5, 1))\" stroke=\"#1d2430\" stroke-width=\"1.5\"/>"
                svg += "<line x1=\"\(high)\" y1=\"\(format(middle - 5, 1))\" x2=\"\(high)\" y2=\"\(format(middle + 5, 1))\" stroke=\"#1d2430\" stroke-width=\"1.5\"/>\n"
            }
            let end = bar.high.isFinite ? max(x(bar.high), x(bar.value)) : x(bar.value)
            svg += "<text x=\"\(format(end + 6, 1))\" y=\"\(format(middle, 1))\" dominant-baseline=\"middle\" font-size=\"12\" fill=\"#1d2430\">\(number(bar.value))</text>\n"
        }
        return svg + "</svg>"
    }
}

/// `value` with `digits` decimals and a point as decimal mark, whatever the process locale.
func format(_ value: Double, _ digits: Int) -> String {
    guard value.isFinite else { return "–" }
    return String(format: "%.\(digits)f", locale: nil, value)
}
