import Foundation
import SanaripInstrument

/// Official figures to compare the survey with: the National Statistical Committee's SDG series
/// (`data/official/sdg-kyrgyzstan.csv`, source in its README): persons 15+ of all sexes and areas per oblast, and
/// the national series by sex, urban/rural and age where the Committee publishes them.
public struct OfficialFigures: Sendable {
    /// One observation: a series in an area, population group and year, as a share.
    public struct Observation: Sendable, Hashable {
        public var series: String
        public var area: String
        /// SDMX codes: sex `F`, `M` or `_T`; urbanisation `U`, `R` or `_T`; age such as `Y_GE15` or `Y15T28`.
        public var sex: String
        public var urbanisation: String
        public var age: String
        public var year: Int
        public var value: Double

        public init(series: String, area: String, sex: String, urbanisation: String, age: String, year: Int, value: Double) {
            self.series = series
            self.area = area
            self.sex = sex
            self.urbanisation = urbanisation
            self.age = age
            self.year = year
            self.value = value
        }
    }

    /// A survey group and the official population group it is compared with (national figures only).
    public struct Group: Sendable, Hashable {
        /// The survey's breakdown column and value (`sex` = `female`).
        public var column: String
        public var value: String
        public var sex = "_T"
        public var urbanisation = "_T"
        public var age = "Y_GE15"
    }

    /// The groups whose official series are published: women and men, urban and rural (15+), youth 15–28.
    public static let groups = [
        Group(column: "sex", value: "female", sex: "F"), Group(column: "sex", value: "male", sex: "M"),
        Group(column: "settlement_type", value: "rural", urbanisation: "R"), Group(column: "settlement_type", value: "urban", urbanisation: "U"),
        Group(column: StudyResults.ageBand, value: "youth", age: "Y15T28"),
    ]

    /// The national area code.
    public static let country = "KG"

    /// A survey indicator and the official series it is compared with.
    public struct Mapping: Sendable, Hashable {
        public var indicator: String
        public var series: String
        public var sdg: String
    }

    /// Internet users (17.8.1) and mobile phone owners (5.b.1), persons 15+.
    public static let mappings = [
        Mapping(indicator: "internet_use", series: "IT_USE_II99", sdg: "17.8.1"),
        Mapping(indicator: "mobile_owner", series: "IT_MOB_OWN", sdg: "5.b.1"),
    ]

    /// The official area codes of the survey's oblasts (SOATE code → NSC SDMX area).
    public static let areas = ["41702000000000": "KG02", "41706000000000": "KG06"]

    public let observations: [Observation]

    /// Figures already read, such as a study's imported series.
    public init(observations: [Observation]) {
        self.observations = observations
    }

    /// Reads the file's rows without other breakdowns (education, wealth, type of skill).
    ///
    /// - Throws: ``AnalysisError`` naming the file and what is wrong.
    public init(contentsOf url: URL) throws {
        guard let data = try? Data(contentsOf: url) else { throw AnalysisError("\(url.path): no such file; the official figures ship in data/official") }
        let records: [[String]]
        do { records = try CSVCodec().records(in: data) } catch { throw AnalysisError("\(url.path): \(error)") }
        guard let header = records.first else { throw AnalysisError("\(url.path): empty file") }
        func column(_ name: String) throws -> Int {
            guard let index = header.firstIndex(of: name) else { throw AnalysisError("\(url.path): no column '\(name)'; columns are \(header.joined(separator: ", "))") }
            return index
        }
        let (series, area, sex, age, urban, other, year, value) = (try column("series"), try column("area_code"), try column("sex"), try column("age"),
                                                                   try column("urbanisation"), try column("other_breakdowns"), try column("year"), try column("value"))
        observations = records.dropFirst().compactMap { row in
            guard row.count == header.count, row[other].isEmpty, let year = Int(row[year]), let value = Double(row[value]) else { return nil }
            return Observation(series: row[series], area: row[area], sex: row[sex], urbanisation: row[urban], age: row[age], year: year, value: value / 100)
        }
    }

    /// The observations of `series` in `area` for persons 15+ of all sexes and areas, oldest first.
    public func trend(series: String, area: String) -> [Observation] {
        trend(series: series, area: area, group: Group(column: "", value: ""))
    }

    /// The observations of `series` in `area` for `group`'s population, oldest first.
    public func trend(series: String, area: String, group: Group) -> [Observation] {
        observations.filter {
            $0.series == series && $0.area == area && $0.sex == group.sex && $0.urbanisation == group.urbanisation && $0.age == group.age
        }.sorted { $0.year < $1.year }
    }
}
