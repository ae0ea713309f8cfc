import Foundation
import SanaripAnalysis
import Testing
@testable import SanaripReports

@Suite("The map by district")
struct DistrictMapTests {
    static let boundaries = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("data/geo/districts.geojson")

    @Test("every district and city is drawn with its name and value in its title, the legend and the source are there")
    func everyDistrictDrawn() throws {
        let boundaries = try DistrictBoundaries(contentsOf: Self.boundaries)
        // A value for every district but one, different for each: the mean of a made-up index.
        var values: [String: DistrictMap.Value] = [:]
        for (index, district) in boundaries.districts.enumerated().dropFirst() { values[district.code] = .init(0.2 + Double(index) / 40, detail: "n = \(index)") }
        let map = DistrictMap(title: "Индекс", boundaries: boundaries, values: values, percent: false, missingLabel: "нет данных",
                              pointLabel: "город областного значения", language: "ru")
        let svg = map.svg
        for (index, district) in boundaries.districts.enumerated() {
            let value = values[district.code].map { LocalizedNumber.text($0.value ?? 0, digits: 2, language: "ru") + " n = \(index)" } ?? "нет данных"
            #expect(svg.contains("<title>\(district.names.ru): \(value)</title>"), "\(district.names.ru) is drawn with its value")
        }
        #expect(values.values.compactMap(\.value).contains { $0 != $0.rounded() } && svg.contains(","), "Russian decimals use a comma")
        #expect(svg.components(separatedBy: "<circle ").count - 1 == 2 + 1, "two cities and the legend's circle")
        let titled = svg.components(separatedBy: "</title></path>").count - 1
        #expect(titled == boundaries.districts.count - 2)
        #expect(svg.components(separatedBy: "aria-hidden=\"true\"/>").count - 1 >= boundaries.context.count / 2, "the other districts are drawn behind")
        #expect(svg.components(separatedBy: "<rect ").count - 1 == ChoroplethMap.palette.count + 1, "five classes and the grey of no data")
        #expect(svg.contains("город областного значения") && svg.contains(DistrictBoundaries.attribution))
        #expect(!svg.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").contains("http") && !svg.contains("<image"), "no external assets")
        // The cities' circles are coloured by their value with the same scale as the outlines.
        let karakol = try #require(boundaries.districts.first { $0.code == "41702410000000" })
        let colour = map.map.colour(values[karakol.code]?.value, map.map.limits)
        #expect(svg.contains("fill=\"\(colour)\" stroke=\"#1d2430\" stroke-width=\"1.5\"><title>\(karakol.names.ru)"))
    }
}
