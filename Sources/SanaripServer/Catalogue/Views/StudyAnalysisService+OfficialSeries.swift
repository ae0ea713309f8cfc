import SanaripAnalysis
import SanaripCatalogue

extension StudyAnalysisService {
    /// The official figures the survey is compared with: the study's imported series when they hold a series the
    /// survey measures (`OfficialFigures.mappings`), so a newer NSC download replaces the shipped one; else the
    /// shipped `data/official/sdg-kyrgyzstan.csv`.
    public func officialFigures(studyID: String) async throws -> OfficialFigures {
        let imported = try await CatalogueService(stores: stores, instrumentsDirectory: instrumentsDirectory).series(studyID: studyID)
        let figures = Self.officialFigures(imported)
        return figures.observations.isEmpty ? try officialFigures() : figures
    }

    /// The shares (unit `PT`, percent) of series the survey measures, without sector or other breakdowns.
    static func officialFigures(_ series: [SeriesObservation]) -> OfficialFigures {
        let measured = Set(OfficialFigures.mappings.map(\.series))
        return OfficialFigures(observations: series.compactMap { observation in
            guard measured.contains(observation.series), observation.unit == "PT", observation.sector.isEmpty || observation.sector == "_T",
                  let value = observation.value, let year = observation.year else { return nil }
            return OfficialFigures.Observation(series: observation.series, area: observation.area, sex: observation.sex.isEmpty ? "_T" : observation.sex,
                                               urbanisation: observation.urbanisation.isEmpty ? "_T" : observation.urbanisation,
                                               age: observation.age, year: year, value: value / 100)
        })
    }
}
