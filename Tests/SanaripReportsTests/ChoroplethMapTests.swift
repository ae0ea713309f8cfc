import Testing
@testable import SanaripReports

@Suite("Maps drawn in SVG")
struct ChoroplethMapTests {
    static func square(_ x: Double, _ y: Double) -> [[(longitude: Double, latitude: Double)]] {
        [[(x, y), (x + 1, y), (x + 1, y + 1), (x, y + 1), (x, y)]]
    }

    @Test("areas are coloured by class, areas without a value are grey, every area is named with its value")
    func colouredAndLabelled() throws {
        let map = ChoroplethMap(title: "Internet use", regions: [
            .init(code: "A", name: "Low", rings: Self.square(70, 40), value: 0.50),
            .init(code: "B", name: "High", rings: Self.square(72, 40), value: 0.90, detail: "(85–94)"),
            .init(code: "C", name: "Middle", rings: Self.square(74, 40), value: 0.70),
            .init(code: "D", name: "None", rings: Self.square(76, 40), value: nil),
        ], percent: true, missingLabel: "not surveyed", language: "ru")
        let limits = try #require(map.limits)
        #expect(limits.first == 0.5 && abs((limits.last ?? 0) - 0.9) < 1e-12 && limits.count == ChoroplethMap.palette.count + 1)
        #expect(map.colour(0.50, limits) == ChoroplethMap.palette.first)
        #expect(map.colour(0.90, limits) == ChoroplethMap.palette.last)
        #expect(map.colour(0.70, limits) == ChoroplethMap.palette[2])
        #expect(map.colour(nil, limits) == ChoroplethMap.missingColour)
        let svg = map.svg
        #expect(svg.components(separatedBy: "<path ").count - 1 == 4)
        #expect(svg.contains("<title>High: 90,0% (85–94)</title>"))
        #expect(svg.contains("<title>None: not surveyed</title>"))
        #expect(svg.contains("role=\"img\"") && svg.contains("<desc>Low: 50,0%; High: 90,0%; Middle: 70,0%; None: not surveyed</desc>"))
        // The legend: five classes and the grey of areas without a value.
        #expect(svg.components(separatedBy: "<rect ").count - 1 == 6)
        // On a fixed scale from 0 to 1 the same values fall in the classes of that scale, whatever the others.
        var fixed = map
        fixed.range = 0...1
        let steps = try #require(fixed.limits)
        #expect(steps.count == 6 && steps.first == 0 && steps.last == 1 && abs(steps[1] - 0.2) < 1e-12)
        #expect(fixed.colour(0.50, steps) == ChoroplethMap.palette[2] && fixed.colour(0.90, steps) == ChoroplethMap.palette[4])
        #expect(fixed.colour(0.06, steps) == ChoroplethMap.palette[0])
    }
}
