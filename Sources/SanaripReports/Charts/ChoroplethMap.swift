import Foundation
import SanaripCore

/// Areas on a map coloured by a value, drawn as inline SVG from their outlines in degrees: a sequential colour
/// scale in five equal steps with its legend, areas without a value in grey, each area named in a `<title>` (read
/// by screen readers and shown on hover) and, where it is large enough, labelled with its name and value.
///
/// The projection is equirectangular at the map's middle latitude, fine at Kyrgyzstan's size; outlines are
/// thinned to points at least a pixel apart, so the SVG stays small. Areas given as a point (a city inside a larger
/// area) are drawn as circles over the outlines; `context` outlines (neighbouring areas) are drawn grey behind,
/// without titles, and `source` is written under the legend.
public struct ChoroplethMap: Sendable {
    public struct Region: Sendable {
        public var code: String
        public var name: String
        public var rings: [[(longitude: Double, latitude: Double)]]
        /// Where the area is drawn as a circle instead of an outline (a city inside a larger area).
        public var point: (longitude: Double, latitude: Double)?
        /// The value to colour by; nil: no value (drawn grey).
        public var value: Double?
        /// Said after the value in the area's title, e.g. its interval.
        public var detail: String

        public init(code: String, name: String, rings: [[(longitude: Double, latitude: Double)]], value: Double?, detail: String = "") {
            self.code = code
            self.name = name
            self.rings = rings
            self.value = value
            self.detail = detail
        }

        /// An area drawn as a circle at `point`.
        public init(code: String, name: String, point: (longitude: Double, latitude: Double), value: Double?, detail: String = "") {
            self.init(code: code, name: name, rings: [], value: value, detail: detail)
            self.point = point
        }
    }

    public var title: String
    public var regions: [Region]
    /// Values are shares in [0, 1], shown as %.
    public var percent: Bool
    /// The legend's text for areas without a value.
    public var missingLabel: String
    public var width: Int
    /// The language whose number format the labels use (ky, ru, en).
    public var language: String
    /// Outlines drawn grey behind the areas, for orientation.
    public var context: [[(longitude: Double, latitude: Double)]] = []
    /// The legend's text for the circles of areas given as points.
    public var pointLabel = ""
    /// The source line under the legend (attribution of the outlines).
    public var source = ""
    /// Decimals of plain (not percent) values; 0 for counts.
    public var digits = 2
    /// A fixed scale (five equal classes over it) for values whose meaning does not depend on the others, such as an
    /// index from 0 to 1; nil: the classes span the values shown.
    public var range: ClosedRange<Double>?

    public init(title: String, regions: [Region], percent: Bool, missingLabel: String, width: Int = 640, language: String = "en") {
        self.title = title
        self.regions = regions
        self.percent = percent
        self.missingLabel = missingLabel
        self.width = width
        self.language = language
    }

    /// Light to dark green, colour-blind safe (ColorBrewer "Greens").
    static let palette = ["#edf8e9", "#bae4b3", "#74c476", "#31a354", "#006d2c"]
    static let missingColour = "#d9dde2"

    func number(_ value: Double) -> String {
        percent ? LocalizedNumber.text(value * 100, digits: 1, language: language) + "%" : LocalizedNumber.text(value, digits: digits, language: language)
    }

    /// The class limits: five equal steps from the smallest to the largest value, rounded outwards to whole
    /// percent (``digits`` decimals of a plain number), each step a whole number of those units; nil without values.
    var limits: [Double]? {
        if let range {
            return (0...Self.palette.count).map { range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / Double(Self.palette.count) }
        }
        let values = regions.compactMap(\.value).filter(\.isFinite)
        guard var low = values.min(), var high = values.max() else { return nil }
        let unit = percent ? 0.01 : pow(10, -Double(digits))
        low = (low / unit).rounded(.down) * unit
        high = (high / unit).rounded(.up) * unit
        let steps = Double(Self.palette.count)
        high = low + max(1, ((high - low) / unit / steps - 1e-9).rounded(.up)) * unit * steps
        return (0...Self.palette.count).map { low + (high - low) * Double($0) / Double(Self.palette.count) }
    }

    func colour(_ value: Double?, _ limits: [Double]?) -> String {
        guard let value, value.isFinite, let limits else { return Self.missingColour }
        let step = limits.dropFirst().firstIndex { value <= $0 + 1e-12 }.map { $0 - 1 } ?? Self.palette.count - 1
        return Self.palette[max(0, min(Self.palette.count - 1, step))]
    }

    public var svg: String {
        let points = regions.flatMap { $0.rings.flatMap(\.self) + ($0.point.map { [$0] } ?? []) } + context.flatMap(\.self)
        let west = points.map(\.longitude).min() ?? 0, east = points.map(\.longitude).max() ?? 1
        let south = points.map(\.latitude).min() ?? 0, north = points.map(\.latitude).max() ?? 1
        let stretch = cos((south + north) / 2 * .pi / 180)
        let margin = 8.0, top = 28.0
        let scale = (Double(width) - 2 * margin) / max((east - west) * stretch, 1e-9)
        let mapHeight = (north - south) * scale
        let legendTop = top + mapHeight + 14
        let height = Int((legendTop + (source.isEmpty ? 44 : 58)).rounded(.up))
        func project(_ point: (longitude: Double, latitude: Double)) -> (x: Double, y: Double) {
            (margin + (point.longitude - west) * stretch * scale, top + (north - point.latitude) * scale)
        }
        let limits = self.limits
        let description = regions.map { region in "\(region.name): \(region.value.map(number) ?? missingLabel)" }.joined(separator: "; ")
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart map\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\((title + ". " + description).htmlEscaped)\">\n"
        svg += "<title>\(title.htmlEscaped)</title>\n<desc>\(description.htmlEscaped)</desc>\n"
        svg += "<text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"bold\" fill=\"#1d2430\">\(title.htmlEscaped)</text>\n"
        for ring in context {
            let kept = thinned(ring, project)
            if kept.count >= 3 { svg += "<path d=\"\(pathData(kept))\" fill=\"#eef0f3\" stroke=\"#ffffff\" stroke-width=\"0.5\" aria-hidden=\"true\"/>\n" }
        }
        var labels = "", circles = ""
        for region in regions {
            let text = region.name + ": " + (region.value.map(number) ?? missingLabel) + (region.detail.isEmpty ? "" : " " + region.detail)
            if let point = region.point {
                let (x, y) = project(point)
                circles += "<circle cx=\"\(format(x, 1))\" cy=\"\(format(y, 1))\" r=\"6\" fill=\"\(colour(region.value, limits))\" stroke=\"#1d2430\" stroke-width=\"1.5\"><title>\(text.htmlEscaped)</title></circle>\n"
                continue
            }
            var path = ""
            var largest: (area: Double, x: Double, y: Double, width: Double) = (0, 0, 0, 0)
            for ring in region.rings {
                let kept = thinned(ring, project)
                guard kept.count >= 3 else { continue }
                path += pathData(kept)
                // The ring's area and centroid (shoelace), for the label of the largest ring.
                var area = 0.0, cx = 0.0, cy = 0.0
                for index in kept.indices {
                    let a = kept[index], b = kept[(index + 1) % kept.count]
                    let cross = a.x * b.y - b.x * a.y
                    area += cross
                    cx += (a.x + b.x) * cross
                    cy += (a.y + b.y) * cross
                }
                if abs(area) > largest.area, area != 0 {
                    let xs = kept.map(\.x)
                    largest = (abs(area), cx / (3 * area), cy / (3 * area), (xs.max() ?? 0) - (xs.min() ?? 0))
                }
            }
            svg += "<path d=\"\(path)\" fill=\"\(colour(region.value, limits))\" stroke=\"#ffffff\" stroke-width=\"1\" fill-rule=\"evenodd\"><title>\(text.htmlEscaped)</title></path>\n"
            if largest.width >= 60 {
                let x = format(largest.x, 1)
                labels += "<text x=\"\(x)\" y=\"\(format(largest.y, 1))\" text-anchor=\"middle\" font-size=\"11\" fill=\"#1d2430\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\" aria-hidden=\"true\">"
                labels += "<tspan x=\"\(x)\">\(region.name.htmlEscaped)</tspan>"
                if let value = region.value { labels += "<tspan x=\"\(x)\" dy=\"13\" font-weight=\"bold\">\(number(value).htmlEscaped)</tspan>" }
                labels += "</text>\n"
            }
        }
        svg += circles + labels
        // The legend: the five classes with their limits, then the grey of areas without a value.
        var x = margin
        if let limits {
            // Each limit under the boundary between two classes (the first and last under the ends).
            for (index, limit) in limits.enumerated() {
                if index < Self.palette.count {
                    svg += "<rect x=\"\(format(x + Double(index * 64), 1))\" y=\"\(format(legendTop, 1))\" width=\"64\" height=\"12\" fill=\"\(Self.palette[index])\" stroke=\"#5b6573\" stroke-width=\"0.5\"/>"
                }
                let anchor = index == 0 ? "start" : index == Self.palette.count ? "end" : "middle"
                svg += "<text x=\"\(format(x + Double(index * 64), 1))\" y=\"\(format(legendTop + 26, 1))\" font-size=\"10\" fill=\"#1d2430\" text-anchor=\"\(anchor)\">\(number(limit).htmlEscaped)</text>\n"
            }
            x += Double(Self.palette.count * 64) + 24
        }
        if regions.contains(where: { $0.value == nil }) {
            svg += "<rect x=\"\(format(x, 1))\" y=\"\(format(legendTop, 1))\" width=\"24\" height=\"12\" fill=\"\(Self.missingColour)\" stroke=\"#5b6573\" stroke-width=\"0.5\"/>"
            svg += "<text x=\"\(format(x + 30, 1))\" y=\"\(format(legendTop + 10, 1))\" font-size=\"10\" fill=\"#1d2430\">\(missingLabel.htmlEscaped)</text>\n"
        }
        if !pointLabel.isEmpty, regions.contains(where: { $0.point != nil }) {
            svg += "<circle cx=\"\(format(margin + 6, 1))\" cy=\"\(format(legendTop + 38, 1))\" r=\"5\" fill=\"#ffffff\" stroke=\"#1d2430\" stroke-width=\"1.5\"/>"
            svg += "<text x=\"\(format(margin + 16, 1))\" y=\"\(format(legendTop + 42, 1))\" font-size=\"10\" fill=\"#1d2430\">\(pointLabel.htmlEscaped)</text>\n"
        }
        if !source.isEmpty {
            svg += "<text x=\"\(format(Double(width) - margin, 1))\" y=\"\(format(legendTop + 42, 1))\" font-size=\"9\" fill=\"#5b6573\" text-anchor=\"end\">\(source.htmlEscaped)</text>\n"
        }
        return svg + "</svg>"
    }

    /// A ring projected and thinned to points at least a pixel apart.
    func thinned(_ ring: [(longitude: Double, latitude: Double)], _ project: ((longitude: Double, latitude: Double)) -> (x: Double, y: Double)) -> [(x: Double, y: Double)] {
        var kept: [(x: Double, y: Double)] = []
        for point in ring {
            let projected = project(point)
            if let last = kept.last, abs(last.x - projected.x) < 1, abs(last.y - projected.y) < 1 { continue }
            kept.append(projected)
        }
        return kept
    }

    /// Projected points as a closed SVG path (`M…L…Z`).
    func pathData(_ kept: [(x: Double, y: Double)]) -> String {
        "M" + kept.map { "\(format($0.x, 1)),\(format($0.y, 1))" }.joined(separator: "L") + "Z"
    }
}
