import Foundation
import SanaripInstrument

/// Official figures to compare the survey with: the National Statistical Committee's SDG series
/// (`data/official/sdg-kyrgyzstan.csv`, source in its README), the rows for persons 15+ of all sexes and areas.
public struct OfficialFigures: Sendable {
    /// One observation: a series in an area and year, in percent.
    public struct Observation: Sendable, Hashable {
        public var series: String
        public var area: String
        public var year: Int
        public var value: Double
    }

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

    /// Reads the file's totals (sex, urbanisation `_T`, age 15+, no other breakdown).
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
            guard row.count == header.count, row[sex] == "_T", row[urban] == "_T", row[age] == "Y_GE15", row[other].isEmpty,
                  let year = Int(row[year]), let value = Double(row[value]) else { return nil }
            return Observation(series: row[series], area: row[area], year: year, value: value / 100)
        }
    }

    /// The observations of `series` in `area`, oldest first.
    public func trend(series: String, area: String) -> [Observation] {
        observations.filter { $0.series == series && $0.area == area }.sorted { $0.year < $1.year }
    }
}
