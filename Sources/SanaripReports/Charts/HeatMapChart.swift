import SanaripCore

/// A table of shares as coloured cells (rows × columns), drawn as inline SVG: the darker the cell, the larger the
/// share; each cell carries its label (such as "2/4") and a tooltip. Empty cells (no base) are hatched grey.
public struct HeatMapChart: Sendable {
    public var title: String
    public var rows: [String]
    public var columns: [String]
    /// `shares[row][column]` in 0…1, nil when there is no base.
    public var shares: [[Double?]]
    /// The text written in each cell.
    public var labels: [[String]]
    /// The tooltip of each cell.
    public var tooltips: [[String]]

    public init(title: String, rows: [String], columns: [String], shares: [[Double?]], labels: [[String]], tooltips: [[String]]) {
        self.title = title
        self.rows = rows
        self.columns = columns
        self.shares = shares
        self.labels = labels
        self.tooltips = tooltips
    }

    static let cellWidth = 96, cellHeight = 30, headerHeight = 44

    /// The fill of a share: white to the workbench's dark teal, in equal steps of lightness.
    public static func colour(_ share: Double?) -> String {
        guard let share, share.isFinite else { return "#eeeeee" }
        let t = max(0, min(1, share))
        let (r, g, b) = (255 - t * (255 - 17), 255 - t * (255 - 94), 255 - t * (255 - 89))
        return "#" + [r, g, b].map { value -> String in
            let hex = String(Int(value.rounded()), radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }

    public var svg: String {
        let labelWidth = IntervalBarChart.labelWidth
        let wrapped = rows.map { IntervalBarChart.wrap($0, width: IntervalBarChart.labelCharacters) }
        let heights = wrapped.map { max(Self.cellHeight, $0.count * IntervalBarChart.lineHeight + 8) }
        let width = labelWidth + columns.count * Self.cellWidth + 8
        let height = 24 + Self.headerHeight + heights.reduce(0, +) + 4
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart heat-map\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(title.htmlEscaped)\">\n"
        svg += "<title>\(title.htmlEscaped)</title>\n<text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"bold\" fill=\"#1d2430\">\(title.htmlEscaped)</text>\n"
        for (index, column) in columns.enumerated() {
            let x = labelWidth + index * Self.cellWidth + Self.cellWidth / 2
            let lines = IntervalBarChart.wrap(column, width: 14).prefix(2)
            let spans = lines.enumerated().map { line, text in "<tspan x=\"\(x)\" y=\"\(24 + 16 + line * 14)\">\(text.htmlEscaped)</tspan>" }
            svg += "<text text-anchor=\"middle\" font-size=\"12\" fill=\"#1d2430\">\(spans.joined())</text>\n"
        }
        var y = 24 + Self.headerHeight
        for (row, lines) in wrapped.enumerated() {
            let rowHeight = heights[row]
            defer { y += rowHeight }
            let middle = Double(y) + Double(rowHeight) / 2
            svg += "<text text-anchor=\"end\" dominant-baseline=\"middle\" font-size=\"12\" fill=\"#1d2430\">\(IntervalBarChart.labelLines(lines, middle: middle))</text>\n"
            for column in columns.indices {
                let share = row < shares.count && column < shares[row].count ? shares[row][column] : nil
                let x = labelWidth + column * Self.cellWidth
                let tooltip = row < tooltips.count && column < tooltips[row].count ? tooltips[row][column] : ""
                let label = row < labels.count && column < labels[row].count ? labels[row][column] : ""
                svg += "<rect x=\"\(x + 1)\" y=\"\(y + 1)\" width=\"\(Self.cellWidth - 2)\" height=\"\(rowHeight - 2)\" fill=\"\(Self.colour(share))\" data-share=\"\(share.map { format($0, 4) } ?? "")\"><title>\(tooltip.htmlEscaped)</title></rect>\n"
                let ink = (share ?? 0) > 0.55 ? "#ffffff" : "#1d2430"
                svg += "<text x=\"\(x + Self.cellWidth / 2)\" y=\"\(format(middle, 1))\" text-anchor=\"middle\" dominant-baseline=\"middle\" font-size=\"12\" fill=\"\(ink)\">\(label.htmlEscaped)</text>\n"
            }
        }
        return svg + "</svg>"
    }
}
