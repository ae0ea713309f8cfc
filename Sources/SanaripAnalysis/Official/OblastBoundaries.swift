import Foundation

/// The oblast boundaries of Kyrgyzstan for maps: `data/official/oblasts.geojson` (source in its README), one
/// area per feature with the National Statistical Committee's area code (`KG02` …) and its outline rings in
/// degrees (longitude, latitude).
///
/// The file's known errors are mended when it is read: Issyk-Kul carries `ID_1` = 9 instead of `KG02`, and names
/// that were UTF-8 read as Latin-1 ("Ysyk-KÃ¶l") are decoded again ("Ysyk-Köl").
public struct OblastBoundaries: Sendable {
    public struct Area: Sendable {
        /// The area code of the official figures (`KG02` Issyk-Kul, `KG06` Osh oblast, `KG11` Bishkek …).
        public var code: String
        /// The name in the file, mojibake mended.
        public var name: String
        /// Outer rings and holes, each a closed list of (longitude, latitude).
        public var rings: [[(longitude: Double, latitude: Double)]]
    }

    public let areas: [Area]

    /// Codes the file gets wrong, by the `ID_1` it carries.
    static let codeCorrections = ["9": "KG02"]

    /// Reads the GeoJSON FeatureCollection (Polygon and MultiPolygon features, `ID_1` and `NAME_1` properties).
    ///
    /// - Throws: ``AnalysisError`` naming the file and the feature that cannot be read.
    public init(contentsOf url: URL) throws {
        let features = try GeoJSONGeometry.features(contentsOf: url, missing: "the oblast boundaries ship in data/official")
        var areas: [Area] = []
        for (index, feature) in features.enumerated() {
            let properties = feature["properties"] as? [String: Any] ?? [:]
            let id = properties["ID_1"].map { "\($0)" } ?? ""
            let code = Self.codeCorrections[id] ?? id
            let name = Self.mended(properties["NAME_1"] as? String ?? code)
            let type = (feature["geometry"] as? [String: Any])?["type"] as? String
            guard code.hasPrefix("KG"), let type else {
                throw AnalysisError("\(url.path): feature \(index + 1) (\(name)) has no area code KG… in ID_1 or no geometry")
            }
            guard let geometry = GeoJSONGeometry(feature: feature), case .rings(let rings) = geometry else {
                throw AnalysisError("\(url.path): feature \(index + 1) (\(name)) is a \(type); only Polygon and MultiPolygon are drawn")
            }
            guard !rings.isEmpty else { throw AnalysisError("\(url.path): feature \(index + 1) (\(name)) has no coordinates") }
            areas.append(Area(code: code, name: name, rings: rings))
        }
        self.areas = areas
    }

    /// `text` decoded again as UTF-8 when it is UTF-8 that was read as Latin-1 ("KÃ¶l" → "Köl"); else unchanged.
    static func mended(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard scalars.contains(where: { $0.value >= 0xC2 && $0.value <= 0xF4 }), scalars.allSatisfy({ $0.value < 256 }) else { return text }
        return String(validating: scalars.map { UInt8($0.value) }, as: UTF8.self) ?? text
    }

    /// The areas' names in Kyrgyz, Russian and English, by area code.
    public static let names: [String: (ky: String, ru: String, en: String)] = [
        "KG02": ("Ысык-Көл облусу", "Иссык-Кульская область", "Issyk-Kul"),
        "KG03": ("Жалал-Абад облусу", "Джалал-Абадская область", "Jalal-Abad"),
        "KG04": ("Нарын облусу", "Нарынская область", "Naryn"),
        "KG05": ("Баткен облусу", "Баткенская область", "Batken"),
        "KG06": ("Ош облусу", "Ошская область", "Osh oblast"),
        "KG07": ("Талас облусу", "Таласская область", "Talas"),
        "KG08": ("Чүй облусу", "Чуйская область", "Chui"),
        "KG11": ("Бишкек шаары", "город Бишкек", "Bishkek city"),
        "KG21": ("Ош шаары", "город Ош", "Osh city"),
    ]

    /// The name of `code` in `language` (ky, ru, en), or the file's name.
    public func name(of code: String, language: String) -> String {
        guard let names = Self.names[code] else { return areas.first { $0.code == code }?.name ?? code }
        switch language {
        case "ky": return names.ky
        case "ru": return names.ru
        default: return names.en
        }
    }
}
