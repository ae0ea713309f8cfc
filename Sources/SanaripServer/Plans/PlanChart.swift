/// A horizontal bar chart laid out on the server and drawn as inline SVG by the `plan-chart` template,
/// so pages need no scripts and Mustache escapes every label.
struct PlanChart {
    struct Bar {
        var label: String
        var value: Int
        /// The value as the reader's language writes it.
        var text: String
    }

    var title: String
    var bars: [Bar]

    static let width = 640
    static let labelWidth = 200
    static let valueWidth = 70
    static let rowHeight = 28

    var height: Int { max(bars.count, 1) * Self.rowHeight + 8 }

    /// The data of the `plan-chart` template: the frame, then each bar's label, rectangle and value positions.
    var layout: [String: Any] {
        let span = Self.width - Self.labelWidth - Self.valueWidth
        let largest = max(bars.map(\.value).max() ?? 0, 1)
        return [
            "title": title,
            "width": Self.width,
            "height": height,
            "labelX": Self.labelWidth - 8,
            "barX": Self.labelWidth,
            "bars": bars.enumerated().map { row, bar in
                let top = row * Self.rowHeight + 4
                let length = bar.value == 0 ? 0 : max(1, bar.value * span / largest)
                return [
                    "label": bar.label,
                    "text": bar.text,
                    "middle": top + Self.rowHeight / 2,
                    "top": top + 4,
                    "length": length,
                    "thickness": Self.rowHeight - 8,
                    "valueX": Self.labelWidth + length + 6,
                ] as [String: Any]
            },
        ]
    }
}
