import Foundation
import Testing
@testable import SanaripAnalysis

@Suite("District outlines shipped for the maps by district")
struct DistrictBoundariesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Whether the point lies inside the rings (even-odd rule, as SVG fills them).
    static func inside(_ point: (longitude: Double, latitude: Double), _ rings: [[(longitude: Double, latitude: Double)]]) -> Bool {
        var inside = false
        for ring in rings where ring.count >= 3 {
            var previous = ring[ring.count - 1]
            for current in ring {
                if (current.latitude > point.latitude) != (previous.latitude > point.latitude),
                   point.longitude < (previous.longitude - current.longitude) * (point.latitude - current.latitude) / (previous.latitude - current.latitude) + current.longitude {
                    inside.toggle()
                }
                previous = current
            }
        }
        return inside
    }

    @Test("every frame municipality's district has an outline or a point, named in ky/ru/en, and the codes are the instrument's")
    func everyFrameDistrict() throws {
        let boundaries = try DistrictBoundaries(contentsOf: Self.root.appendingPathComponent("data/geo/districts.geojson"))
        let frame = try String(contentsOf: Self.root.appendingPathComponent("data/frames/municipalities_soate.csv"), encoding: .utf8)
        let municipalities = frame.split(whereSeparator: \.isNewline).dropFirst().compactMap { line in line.split(separator: ",").first { $0.count == 14 && $0.allSatisfy(\.isNumber) } }
        #expect(municipalities.count == 155)
        let needed = Set(municipalities.map { DistrictBoundaries.district(ofMunicipality: String($0)) })
        #expect(needed.count == 14)
        #expect(Set(boundaries.districts.map(\.code)) == needed)
        let choices = try String(contentsOf: Self.root.appendingPathComponent("instruments/digital-divide-kg/choices.csv"), encoding: .utf8)
        for district in boundaries.districts {
            #expect(!district.names.ky.isEmpty && !district.names.ru.isEmpty && !district.names.en.isEmpty)
            #expect(choices.contains("district,\(district.code),\(district.names.ky),\(district.names.ru),\(district.names.en),"), "\(district.code) is named as in the choice list")
        }
        let points = boundaries.districts.filter { if case .point = $0.shape { true } else { false } }
        #expect(Set(points.map(\.names.en)) == ["Karakol city", "Balykchy city"])
        #expect(boundaries.context.count >= 29)
    }

    @Test("each district lies in its oblast of the separately sourced oblasts.geojson (the mapping of names to codes is right)")
    func districtsInTheirOblasts() throws {
        let boundaries = try DistrictBoundaries(contentsOf: Self.root.appendingPathComponent("data/geo/districts.geojson"))
        let oblasts = try OblastBoundaries(contentsOf: Self.root.appendingPathComponent("data/official/oblasts.geojson"))
        let areas = ["Issyk-Kul": "KG02", "Osh": "KG06"]
        for district in boundaries.districts {
            let code = try #require(areas[district.oblast], "\(district.code) has oblast \(district.oblast)")
            let oblast = try #require(oblasts.areas.first { $0.code == code })
            let point: (longitude: Double, latitude: Double)
            switch district.shape {
            case .point(let longitude, let latitude):
                point = (longitude, latitude)
            case .rings(let rings):
                // The middle of the outline's points, moved to the nearest of its own points when it falls outside.
                let all = rings.flatMap(\.self)
                let middle = (longitude: all.map(\.longitude).reduce(0, +) / Double(all.count), latitude: all.map(\.latitude).reduce(0, +) / Double(all.count))
                if Self.inside(middle, rings) {
                    point = middle
                } else {
                    point = try #require(all.min { hypot($0.longitude - middle.longitude, $0.latitude - middle.latitude) < hypot($1.longitude - middle.longitude, $1.latitude - middle.latitude) })
                }
            }
            // Points on an outline may fall just outside the other source's oblast; allow 0.05° (about 5 km).
            let near = [(0.0, 0.0), (0.05, 0), (-0.05, 0), (0, 0.05), (0, -0.05)].contains { Self.inside((point.longitude + $0.0, point.latitude + $0.1), oblast.rings) }
            #expect(near, "\(district.names.en) (\(district.code)) lies in \(district.oblast)")
        }
        #expect(DistrictBoundaries.district(ofMunicipality: "41702205805000") == "41702205000000")
    }
}
