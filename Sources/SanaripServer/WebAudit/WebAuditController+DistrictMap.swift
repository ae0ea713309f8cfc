import Foundation
import SanaripAnalysis
import SanaripAudit
import SanaripReports

extension WebAuditController {
    /// The round's municipalities by district on the map of districts: each district coloured by its mean index (on the
    /// index's own scale, 0 to 1, so rounds compare), its
    /// title giving how many municipalities were audited and the share at each LOSI level; "" without the outlines.
    func districtMap(_ audits: [SiteAudit], context: SanaripRequestContext) -> String {
        guard let boundaries = files.districts(), !audits.isEmpty else { return "" }
        let language = context.language.rawValue
        let byDistrict = Dictionary(grouping: audits) { DistrictBoundaries.district(ofMunicipality: $0.municipality) }
        let values = byDistrict.mapValues { audits -> DistrictMap.Value in
            let shares = LOSILevel.allCases.map { level in
                let count = audits.filter { LOSILevel(score: $0.score) == level }.count
                return pages.string("audit.levels.\(level.rawValue.replacingOccurrences(of: " ", with: ""))", context) + " "
                    + LocalizedNumber.text(Double(count) / Double(audits.count) * 100, digits: 0, language: language) + "%"
            }
            return DistrictMap.Value(audits.map(\.score).reduce(0, +) / Double(audits.count), detail: "(n = \(audits.count); \(shares.joined(separator: ", ")))")
        }
        return DistrictMap(title: pages.string("geo.auditMap", context), boundaries: boundaries, values: values, percent: false, range: 0...1,
                           missingLabel: pages.string("geo.notAudited", context), pointLabel: pages.string("geo.city", context), language: language).svg
    }
}
