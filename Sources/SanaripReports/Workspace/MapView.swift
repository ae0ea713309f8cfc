import SanaripAnalysis
import SanaripStatistics

/// One indicator on the map of Kyrgyzstan's oblasts: the survey's estimate in each oblast it sampled (the others
/// grey, "not surveyed"), and, when the indicator has an official series (internet use otherwise), the National
/// Statistical Committee's latest figure in every oblast; with the table of both.
public struct MapView: Sendable {
    public let grid: ResultsGrid
    public let maps: [ChoroplethMap]

    public init(results: StudyResults, labels: ResultsLabels, boundaries: OblastBoundaries, official: OfficialFigures?, indicator: String) {
        let words = WorkspaceWording.strings(labels.language)
        let language = labels.language
        let percent = labels.isProportion(indicator)
        let scale = percent ? 100.0 : 1
        var survey: [String: DomainEstimate] = [:]
        for estimate in results.results.estimates where estimate.variable == indicator && estimate.domainNames == ["oblast"] {
            if let code = OfficialFigures.areas[estimate.domainValues[0]] { survey[code] = estimate }
        }
        func interval(_ estimate: DomainEstimate) -> String {
            "(\(LocalizedNumber.text(estimate.ciLow * scale, digits: 1, language: language))–\(LocalizedNumber.text(estimate.ciHigh * scale, digits: 1, language: language)), n = \(estimate.n))"
        }
        let name = labels.indicator(indicator)
        var maps = [ChoroplethMap(
            title: name + " — " + words["surveyMap"],
            regions: boundaries.areas.map { area in
                ChoroplethMap.Region(code: area.code, name: boundaries.name(of: area.code, language: language), rings: area.rings,
                                     value: survey[area.code].map(\.estimate), detail: survey[area.code].map(interval) ?? "")
            },
            percent: percent, missingLabel: words["notSurveyed"], language: language)]
        let mapping = OfficialFigures.mappings.first { $0.indicator == indicator } ?? OfficialFigures.mappings[0]
        var latest: [String: OfficialFigures.Observation] = [:]
        if let official {
            for area in boundaries.areas {
                if let last = official.trend(series: mapping.series, area: area.code).last { latest[area.code] = last }
            }
            let year = latest.values.map(\.year).max()
            maps.append(ChoroplethMap(
                title: labels.indicator(mapping.indicator) + " (SDG \(mapping.sdg)) — " + words["officialMap"] + (year.map { ", \($0)" } ?? ""),
                regions: boundaries.areas.map { area in
                    ChoroplethMap.Region(code: area.code, name: boundaries.name(of: area.code, language: language), rings: area.rings,
                                         value: latest[area.code]?.value, detail: latest[area.code].map { "(\($0.year))" } ?? "")
                },
                percent: true, missingLabel: words["noData"], language: language))
        }
        self.maps = maps
        let rows: [[ResultsGrid.Cell]] = boundaries.areas.map { area in
            let estimate = survey[area.code]
            return [.text(boundaries.name(of: area.code, language: language)), .text(area.code),
                    .number((estimate?.estimate ?? .nan) * scale, digits: 1), .number((estimate?.ciLow ?? .nan) * scale, digits: 1),
                    .number((estimate?.ciHigh ?? .nan) * scale, digits: 1), estimate.map { .count($0.n) } ?? .text(""),
                    .number((latest[area.code]?.value ?? .nan) * 100, digits: 1), .text(latest[area.code].map { String($0.year) } ?? "")]
        }
        grid = ResultsGrid(
            title: name, columns: [words["area"], words["areaCode"], words["estimate"], words["low"], words["high"], words["n"],
                                   words["officialValue"] + " (SDG \(mapping.sdg))", words["year"]],
            rows: rows, note: words["percentNote"] + " " + words["mapNote"])
    }
}
