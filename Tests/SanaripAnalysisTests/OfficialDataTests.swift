import Foundation
import SanaripStatistics
import Testing
@testable import SanaripAnalysis

@Suite("Official data shipped with the study: boundaries, SDG figures, stored designs")
struct OfficialDataTests {
    static let official = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("data/official")

    @Test("the oblast boundaries read with their known errors mended: Issyk-Kul is KG02, its name decoded again")
    func boundaries() throws {
        let boundaries = try OblastBoundaries(contentsOf: Self.official.appendingPathComponent("oblasts.geojson"))
        #expect(Set(boundaries.areas.map(\.code)) == ["KG02", "KG03", "KG04", "KG05", "KG06", "KG07", "KG08", "KG11", "KG21"])
        let issykKul = try #require(boundaries.areas.first { $0.code == "KG02" })
        #expect(issykKul.name == "Ysyk-Köl")
        #expect(boundaries.name(of: "KG02", language: "ky") == "Ысык-Көл облусу")
        // Issyk-Kul lies around 76–80° E, 41.5–43° N.
        let points = issykKul.rings.flatMap(\.self)
        #expect(points.allSatisfy { (75.5...80.5).contains($0.longitude) && (41...43.5).contains($0.latitude) })
        #expect(OblastBoundaries.mended("KÃ¶l") == "Köl" && OblastBoundaries.mended("Naryn") == "Naryn" && OblastBoundaries.mended("Кол") == "Кол")
    }

    @Test("official series by sex, urban/rural and age are read as the file has them")
    func groups() throws {
        let figures = try OfficialFigures(contentsOf: Self.official.appendingPathComponent("sdg-kyrgyzstan.csv"))
        // The README's example (rounded to 0.1): internet users 15+ in 2023, urban 90.1, rural 83.7, ages 15–28 94.5, Issyk-Kul 89.4.
        func value2023(_ group: OfficialFigures.Group?, area: String = OfficialFigures.country) -> Double? {
            let trend = group.map { figures.trend(series: "IT_USE_II99", area: area, group: $0) } ?? figures.trend(series: "IT_USE_II99", area: area)
            return trend.first { $0.year == 2023 }?.value
        }
        let groups = Dictionary(uniqueKeysWithValues: OfficialFigures.groups.map { ("\($0.column)=\($0.value)", $0) })
        #expect(value2023(groups["settlement_type=urban"]).map { abs($0 - 0.901) < 5e-4 } == true)
        #expect(value2023(groups["settlement_type=rural"]).map { abs($0 - 0.837) < 5e-4 } == true)
        #expect(value2023(groups["\(StudyResults.ageBand)=youth"]).map { abs($0 - 0.945) < 5e-4 } == true)
        #expect(value2023(nil, area: "KG02").map { abs($0 - 0.894) < 5e-4 } == true)
        #expect(value2023(groups["sex=female"]) != nil && value2023(groups["sex=male"]) != nil)
    }

    @Test("a design stored by v7.analysis (flat JSON, lonely PSU by name) reads into the one specification and writes back the same")
    func storedDesign() throws {
        let stored = #"{"fpc":[],"ids":["municipality"],"lonelyPSU":"adjust","nest":false,"probabilities":[],"strata":"oblast","weights":"weight"}"#
        let design = try JSONDecoder().decode(AnalysisDesign.self, from: Data(stored.utf8))
        #expect(design.specification == SurveyDesignSpecification(ids: ["municipality"], strata: "oblast", weights: "weight", lonelyPSU: .adjust))
        #expect(design.calibration == nil)
        #expect(design.fingerprint == stored)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(AnalysisDesign.self, from: Data(#"{"lonelyPSU":"sometimes"}"#.utf8)) }
    }
}
