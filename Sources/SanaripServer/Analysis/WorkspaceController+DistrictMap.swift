import Foundation
import SanaripAnalysis
import SanaripReports

extension WorkspaceController {
    /// Every indicator by district (the instrument's `district` question), for the map by district.
    static let districtRequest = ResultsRequest(breakdowns: [["district"]], gaps: [], rankGroups: [], rankWithin: [])

    /// The survey's estimate of `indicator` in each district on the map of districts, each title with its interval and
    /// n; none when the data has no district estimates or the outlines are missing.
    func districtMap(studyID: String, indicator: String, labels: ResultsLabels, context: SanaripRequestContext) async -> [String] {
        guard let boundaries = try? analysis.districtBoundaries(),
              let results = try? await analysis.results(studyID: studyID, request: Self.districtRequest).results else { return [] }
        let language = context.language.rawValue
        let percent = labels.isProportion(indicator)
        let scale = percent ? 100.0 : 1
        var values: [String: DistrictMap.Value] = [:]
        for estimate in results.results.estimates where estimate.variable == indicator && estimate.domainNames == ["district"] {
            let low = LocalizedNumber.text(estimate.ciLow * scale, digits: 1, language: language)
            let high = LocalizedNumber.text(estimate.ciHigh * scale, digits: 1, language: language)
            values[estimate.domainValues[0]] = DistrictMap.Value(estimate.estimate, detail: "(\(low)–\(high), n = \(estimate.n))")
        }
        guard !values.isEmpty else { return [] }
        return [DistrictMap(title: labels.indicator(indicator) + " — " + pages.string("geo.surveyMap", context), boundaries: boundaries, values: values,
                            percent: percent, missingLabel: pages.string("geo.notSurveyed", context), pointLabel: pages.string("geo.city", context),
                            language: language).svg]
    }
}
