import Foundation

/// A GeoJSON geometry read into what the maps draw: the outline rings of a Polygon or MultiPolygon, or the
/// position of a Point, each in degrees (longitude, latitude).
public enum GeoJSONGeometry: Sendable {
    case rings([[(longitude: Double, latitude: Double)]])
    case point(longitude: Double, latitude: Double)

    /// The geometry of a feature; nil when it has none or its type is not Polygon, MultiPolygon or Point.
    init?(feature: [String: Any]) {
        guard let geometry = feature["geometry"] as? [String: Any], let type = geometry["type"] as? String else { return nil }
        switch type {
        case "Point":
            guard let position = geometry["coordinates"] as? [Double], position.count >= 2 else { return nil }
            self = .point(longitude: position[0], latitude: position[1])
        case "Polygon", "MultiPolygon":
            let polygons = type == "Polygon" ? [geometry["coordinates"] ?? []] : geometry["coordinates"] as? [Any] ?? []
            var rings: [[(longitude: Double, latitude: Double)]] = []
            for polygon in polygons {
                for ring in polygon as? [[[Double]]] ?? [] {
                    rings.append(ring.compactMap { $0.count >= 2 ? (longitude: $0[0], latitude: $0[1]) : nil })
                }
            }
            self = .rings(rings)
        default:
            return nil
        }
    }

    /// The features of a GeoJSON FeatureCollection file.
    ///
    /// - Throws: ``AnalysisError`` naming the file when it is missing, not JSON or not a FeatureCollection.
    static func features(contentsOf url: URL, missing: String) throws -> [[String: Any]] {
        guard let data = try? Data(contentsOf: url) else { throw AnalysisError("\(url.path): no such file; \(missing)") }
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch { throw AnalysisError("\(url.path): not JSON (\(error))") }
        guard let root = object as? [String: Any], let features = root["features"] as? [[String: Any]] else {
            throw AnalysisError("\(url.path): not a GeoJSON FeatureCollection (no 'features' list)")
        }
        return features
    }
}
