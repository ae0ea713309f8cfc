import Foundation

/// The district (rayon) outlines for maps by district: `data/geo/districts.geojson` (source, licence and how it was
/// made in its README). The districts of the study's oblasts carry the instrument's 14-digit SOATE district code
/// and names in ky/ru/en; the cities of oblast significance are points; the country's other districts are context.
public struct DistrictBoundaries: Sendable {
    /// A district of the study's oblasts, or a city of oblast significance (drawn as a point).
    public struct District: Sendable {
        /// The instrument's district code (`41702205000000` Ak-Suu …).
        public var code: String
        /// The frame's oblast (`Issyk-Kul`, `Osh`).
        public var oblast: String
        public var names: (ky: String, ru: String, en: String)
        public var shape: GeoJSONGeometry

        /// The name in `language` (ky, ru, en).
        public func name(_ language: String) -> String {
            switch language {
            case "ky": names.ky
            case "ru": names.ru
            default: names.en
            }
        }
    }

    public let districts: [District]
    /// The outlines of the other districts of the country, for orientation.
    public let context: [[(longitude: Double, latitude: Double)]]

    /// The district code of a municipality's 14-digit SOATE code: its first 8 digits, then zeros.
    public static func district(ofMunicipality code: String) -> String {
        String(code.prefix(8)) + String(repeating: "0", count: max(0, 14 - min(8, code.count)))
    }

    /// The shipped file's attribution, for a map's source line.
    public static let attribution = "geoBoundaries KGZ ADM2 (CC BY-SA 3.0), GeoNames (CC BY 4.0)"

    /// Reads the FeatureCollection (`kind` district, city or context; `code`, `oblast`, `name_ky|ru|en`).
    ///
    /// - Throws: ``AnalysisError`` naming the file and the feature that cannot be read.
    public init(contentsOf url: URL) throws {
        let features = try GeoJSONGeometry.features(contentsOf: url, missing: "the district outlines ship in data/geo")
        var districts: [District] = []
        var context: [[(longitude: Double, latitude: Double)]] = []
        for (index, feature) in features.enumerated() {
            let properties = feature["properties"] as? [String: Any] ?? [:]
            let kind = properties["kind"] as? String ?? ""
            guard let shape = GeoJSONGeometry(feature: feature) else {
                throw AnalysisError("\(url.path): feature \(index + 1) has no Polygon, MultiPolygon or Point geometry")
            }
            if kind == "context" {
                if case .rings(let rings) = shape { context += rings }
                continue
            }
            guard kind == "district" || kind == "city", let code = properties["code"] as? String, !code.isEmpty,
                  let ky = properties["name_ky"] as? String, let ru = properties["name_ru"] as? String, let en = properties["name_en"] as? String
            else {
                throw AnalysisError("\(url.path): feature \(index + 1) needs kind district, city or context, and a district needs code and name_ky, name_ru, name_en")
            }
            districts.append(District(code: code, oblast: properties["oblast"] as? String ?? "", names: (ky, ru, en), shape: shape))
        }
        self.districts = districts
        self.context = context
    }
}
