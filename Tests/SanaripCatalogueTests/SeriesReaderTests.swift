import Foundation
import Testing

@testable import SanaripCatalogue

@Suite("Official and manual series, and the event log")
struct SeriesReaderTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("the NSC's SDG file reads as long-format series, every row kept with its breakdowns")
    func sdgFile() throws {
        let url = Self.repository.appendingPathComponent("data/official/sdg-kyrgyzstan.csv")
        let data = try Data(contentsOf: url)
        let observations = try SeriesReader.read(data: data, fileName: "sdg-kyrgyzstan.csv")
        let lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).count
        #expect(observations.count == lines - 1)
        let first = try #require(observations.first)
        #expect(first.indicator == "17.8.1" && first.series == "IT_USE_II99" && first.area == "KG" && first.period == "2018" && first.value == 62.8 && first.unit == "PT")
        #expect(observations.contains { $0.sector.hasPrefix("EDUCATION_LEV=") })
    }

    @Test("SDMX-CSV columns and a plain CSV with targets and quarters; bad rows named by row and column")
    func plainAndSDMX() throws {
        let sdmx = "DATAFLOW,REF_AREA,INDICATOR,SEX,ECONOMIC_ACTIVITY,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE\nNSC:EMP,KG02,employment,F,A,2023,41.5,PT\n"
        let read = try SeriesReader.read(data: Data(sdmx.utf8), fileName: "sdmx.csv")
        #expect(read == [SeriesObservation(indicator: "employment", series: "employment", area: "KG02", sex: "F", sector: "A", period: "2023", value: 41.5, unit: "PT")])
        let plain = "indicator,year,value,target,source\ntunduk_agencies,2024-Q1,120,,manual\ntunduk_agencies,2026,,200,strategy\n"
        let manual = try SeriesReader.read(data: Data(plain.utf8), fileName: "manual.csv")
        #expect(manual.map(\.period) == ["2024-Q1", "2026"] && manual[1].target == 200 && manual[1].value == nil)
        let bad = "indicator,period,value\nx,2024,12\n,twenty,abc\ny,2025,\n"
        let error = try #require(throws: CatalogueImportError.self) { try SeriesReader.read(data: Data(bad.utf8), fileName: "bad.csv") }
        #expect(error.problems.map { "\($0.row ?? 0):\($0.column ?? "")" } == ["3:indicator", "3:period", "3:value", "4:value"])
        #expect(throws: CatalogueImportError.self) { try SeriesReader.read(data: Data("region,when,amount\nKG,2020,1\n".utf8), fileName: "x.csv") }
    }

    @Test("employment by sector, sex and age in ILOSTAT's download layout: codes mapped, totals recognised, every row kept")
    func ilostatLayout() throws {
        // The header and codes of ILOSTAT's CSV downloads (EMP_TEMP_SEX_AGE_ECO_NB); the numbers are only a fixture.
        let file = """
            ref_area,source,indicator,sex,classif1,classif2,time,obs_value,obs_status
            KGZ,BA:1161,EMP_TEMP_SEX_AGE_ECO_NB,SEX_T,AGE_YTHADULT_YGE15,ECO_SECTOR_TOTAL,2022,100,
            KGZ,BA:1161,EMP_TEMP_SEX_AGE_ECO_NB,SEX_F,AGE_YTHADULT_Y15-24,ECO_SECTOR_AGR,2022,10,
            KGZ,BA:1161,EMP_TEMP_SEX_AGE_ECO_NB,SEX_M,AGE_YTHADULT_Y15-24,ECO_SECTOR_IND,2022,12,
            """
        let read = try SeriesReader.read(data: Data(file.utf8), fileName: "EMP_TEMP_SEX_AGE_ECO_NB_A-KGZ.csv")
        #expect(read.map { "\($0.sex)|\($0.age)|\($0.sector)|\($0.period)|\($0.value ?? .nan)" }
                == ["_T|AGE_YTHADULT_YGE15|_T|2022|100.0", "F|AGE_YTHADULT_Y15-24|ECO_SECTOR_AGR|2022|10.0", "M|AGE_YTHADULT_Y15-24|ECO_SECTOR_IND|2022|12.0"])
        #expect(read.filter(\.isTotal).count == 1 && Set(read.map(\.line)).count == 3)
    }

    @Test("events need a date and a title; the type and source are checked")
    func events() throws {
        let good = "date,title_ru,title_ky,event_type,source_url\n2024-05-01,Запуск услуги,Кызматты ишке киргизүү,service,https://example.org/a\n"
        let events = try MonitoringEvent.read(data: Data(good.utf8), fileName: "events.csv")
        #expect(events.first?.title("ky") == "Кызматты ишке киргизүү" && events.first?.year == 2024)
        let bad = "date,title_ru,event_type,source_url\n2024-13-01,X,service,\n2024-01-01,,party,example.org\n"
        let error = try #require(throws: CatalogueImportError.self) { try MonitoringEvent.read(data: Data(bad.utf8), fileName: "events.csv") }
        #expect(error.problems.map { "\($0.row ?? 0):\($0.column ?? "")" } == ["2:date", "3:title_ru", "3:event_type", "3:source_url"])
    }
}
