import Foundation
import SanaripAnalysis
import SanaripCatalogue
import SanaripReports
import SanaripStatistics

extension CatalogueMatchController {
    /// Supply against need on the map of districts: the courses the group can reach in each district, and the topics
    /// needed by many there with few courses (gaps), each district's title naming them; "" without the outlines.
    func districtMaps(districts: [(code: String, labels: [String])], courses: [CatalogueEntry], group: String?,
                      needs: (String) -> [String: DomainEstimate], labels: ResultsLabels, context: SanaripRequestContext) -> String {
        guard let boundaries = try? analysis.districtBoundaries(), !districts.isEmpty else { return "" }
        let pages = catalogue.pages
        let language = context.language.rawValue
        var supply: [String: DistrictMap.Value] = [:]
        var gaps: [String: DistrictMap.Value] = [:]
        for district in districts {
            let estimates = needs(district.code)
            let coverage = SupplyCoverage(reach: CourseReach(district: district.code, group: group), courses: courses, needs: estimates.mapValues(\.estimate))
            let gapTopics = coverage.topics.filter(\.isGap).map { topic in
                labels.indicator("need_\(topic.topic)") + " " + LocalizedNumber.text((topic.need ?? 0) * 100, digits: 0, language: language) + "%"
            }
            let named = gapTopics.isEmpty ? "" : "(" + pages.string("catalogue.gaps", context) + ": " + gapTopics.joined(separator: "; ") + ")"
            supply[district.code] = DistrictMap.Value(Double(coverage.reachable.count), detail: named)
            // Without any estimate of need in the district, its gaps are unknown (grey), not zero.
            gaps[district.code] = DistrictMap.Value(estimates.isEmpty ? nil : Double(gapTopics.count), detail: named)
        }
        let missing = pages.string("geo.noData", context), city = pages.string("geo.city", context)
        return "<figure class=\"district-map\">"
            + DistrictMap(title: pages.string("geo.supplyMap", context), boundaries: boundaries, values: supply, percent: false, digits: 0,
                          missingLabel: missing, pointLabel: city, language: language).svg
            + DistrictMap(title: pages.string("geo.gapMap", context), boundaries: boundaries, values: gaps, percent: false, digits: 0,
                          missingLabel: missing, pointLabel: city, language: language).svg
            + "<figcaption>\(pages.string("geo.supplyCaption", context).htmlEscaped)</figcaption></figure>"
    }
}
