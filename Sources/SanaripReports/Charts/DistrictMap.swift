import SanaripAnalysis

/// A value for each district of the study's oblasts on the country's map of districts: a ``ChoroplethMap`` (same
/// projection, scale, legend and titles as the oblast maps) of the district outlines, the cities of oblast
/// significance as circles, the country's other districts grey behind, and the outlines' source under the legend.
public struct DistrictMap: Sendable {
    /// One district's value and what its title says after it (counts, interval).
    public struct Value: Sendable {
        public var value: Double?
        public var detail: String

        public init(_ value: Double?, detail: String = "") {
            self.value = value
            self.detail = detail
        }
    }

    public let map: ChoroplethMap

    /// - Parameters:
    ///   - values: by the instrument's district code; districts without one are drawn grey as `missingLabel`.
    ///   - pointLabel: the legend's text for the circles of the cities of oblast significance.
    ///   - digits: decimals of plain values (0 for counts).
    ///   - range: a fixed scale (an index from 0 to 1); nil: the classes span the values.
    public init(title: String, boundaries: DistrictBoundaries, values: [String: Value], percent: Bool, digits: Int = 2, range: ClosedRange<Double>? = nil, missingLabel: String,
                pointLabel: String, language: String, width: Int = 640) {
        let regions = boundaries.districts.map { district -> ChoroplethMap.Region in
            let value = values[district.code]
            switch district.shape {
            case .point(let longitude, let latitude):
                return ChoroplethMap.Region(code: district.code, name: district.name(language), point: (longitude, latitude),
                                            value: value?.value, detail: value?.detail ?? "")
            case .rings(let rings):
                return ChoroplethMap.Region(code: district.code, name: district.name(language), rings: rings, value: value?.value, detail: value?.detail ?? "")
            }
        }
        var map = ChoroplethMap(title: title, regions: regions, percent: percent, missingLabel: missingLabel, width: width, language: language)
        map.context = boundaries.context
        map.pointLabel = pointLabel
        map.source = DistrictBoundaries.attribution
        map.digits = digits
        map.range = range
        self.map = map
    }

    public var svg: String { map.svg }
}
