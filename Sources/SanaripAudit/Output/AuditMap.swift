import Foundation
import SanaripCore

/// An SVG map of Kyrgyzstan's oblasts from `oblasts.geojson`, each audited oblast filled with the LOSI level of its
/// municipalities' mean index (the frame has no coordinates, so the map is by oblast); others grey.
public enum AuditMap {
    /// Fill colours of the levels, very high to low.
    public static let colours: [LOSILevel: String] = [.veryHigh: "#1a7f37", .high: "#7fbf4d", .middle: "#e0a526", .low: "#c0392b"]

    /// The frame's oblast name of a feature (`ID_1`), with the source's Issyk-Kul error mended.
    static func oblast(id: Any?, name: String) -> String {
        switch "\(id ?? "")" {
        case "KG02", "9": "Issyk-Kul"
        case "KG06": "Osh"
        default: name
        }
    }

    /// The map, 600 px wide; `scores` maps the frame's oblast names to their mean index, `titles` to their tooltips.
    public static func svg(geojson: Data, scores: [String: Double], titles: [String: String] = [:]) throws(AuditError) -> String {
        guard let root = try? JSONSerialization.jsonObject(with: geojson) as? [String: Any],
              let features = root["features"] as? [[String: Any]] else {
            throw AuditError("oblasts.geojson: not a GeoJSON FeatureCollection")
        }
        var rings: [(oblast: String, points: [[Double]])] = []
        for feature in features {
            let properties = feature["properties"] as? [String: Any] ?? [:]
            let oblast = Self.oblast(id: properties["ID_1"], name: properties["NAME_1"] as? String ?? "")
            guard let geometry = feature["geometry"] as? [String: Any], let coordinates = geometry["coordinates"] else { continue }
            let polygons: [[[[Double]]]] = (geometry["type"] as? String) == "MultiPolygon"
                ? (coordinates as? [[[[Double]]]] ?? []) : [(coordinates as? [[[Double]]] ?? [])]
            for polygon in polygons { for ring in polygon { rings.append((oblast, ring)) } }
        }
        let all = rings.flatMap(\.points)
        guard let minX = all.map({ $0[0] }).min(), let maxX = all.map({ $0[0] }).max(),
              let minY = all.map({ $0[1] }).min(), let maxY = all.map({ $0[1] }).max() else {
            throw AuditError("oblasts.geojson: no coordinates")
        }
        let aspect = cos((minY + maxY) / 2 * .pi / 180)
        let width = 600.0
        let scale = width / ((maxX - minX) * aspect)
        let height = (maxY - minY) * scale
        var paths = ""
        for (oblast, ring) in rings {
            var d = ""
            var last: (Double, Double)?
            for point in ring {
                let x = (point[0] - minX) * aspect * scale
                let y = (maxY - point[1]) * scale
                if let (lx, ly) = last, abs(x - lx) + abs(y - ly) < 1.5 { continue }
                d += (d.isEmpty ? "M" : "L") + String(format: "%.1f %.1f", x, y)
                last = (x, y)
            }
            guard !d.isEmpty else { continue }
            let fill = scores[oblast].map { colours[LOSILevel(score: $0)]! } ?? "#e5e5e5"
            let title = titles[oblast] ?? oblast
            paths += "<path d=\"\(d)Z\" fill=\"\(fill)\" stroke=\"#ffffff\" stroke-width=\"1\" data-oblast=\"\(oblast.htmlEscaped)\"><title>\(title.htmlEscaped)</title></path>"
        }
        return "<svg class=\"chart audit-map\" viewBox=\"0 0 \(Int(width)) \(Int(height.rounded()))\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">\(paths)</svg>"
    }
}

