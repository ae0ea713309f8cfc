import Foundation
import SanaripAudit
import SanaripInstrument
import SanaripQualitative

extension PlaceGazetteer {
    /// The study's places from its frame and instrument: oblasts and districts from the instrument's `oblast` and
    /// `district` choice lists (`choices.csv`: SOATE codes, labels in ky/ru/en — a city of oblast significance is a
    /// district there, named by its city), cities, towns and ayil aimaks from `municipalities.csv` and
    /// `municipalities_soate.csv` in `frameFolder`, and Osh city, which is outside the frame (a city of republican
    /// significance, not part of Osh oblast) but is what a bare "Ош" names.
    ///
    /// - Throws: ``MediaError`` naming the file and row that cannot be read.
    public static func frame(folder frameFolder: URL, choices: URL) throws(MediaError) -> PlaceGazetteer {
        let frame: MunicipalFrame
        do { frame = try MunicipalFrame(folder: frameFolder) } catch {
            throw .invalid(file: frameFolder.path, row: nil, column: nil,
                           reason: "the frame cannot be read (\(error)); give the folder with municipalities.csv and municipalities_soate.csv")
        }
        let file = choices.lastPathComponent
        guard let text = try? String(contentsOf: choices, encoding: .utf8) else {
            throw .invalid(file: file, row: nil, column: nil, reason: "cannot be read as UTF-8 text (\(choices.path))")
        }
        let records: [(line: Int, fields: [String])]
        do { records = try CSVCodec().numberedRecords(in: text) } catch {
            throw .invalid(file: file, row: error.line, column: nil, reason: "not a readable CSV (\(error.message))")
        }
        guard let header = records.first?.fields else { throw .invalid(file: file, row: 1, column: nil, reason: "the file is empty") }
        func column(_ prefix: String) -> Int? { header.firstIndex { $0 == prefix || $0.hasPrefix(prefix) } }
        guard let list = column("list_name"), let name = column("name") else {
            throw .invalid(file: file, row: 1, column: "list_name", reason: "the header lacks list_name or name")
        }
        let labels = ["ky": column("label::Kyrgyz"), "ru": column("label::Russian"), "en": column("label::English")]
        var entries: [Entry] = []
        for record in records.dropFirst() {
            func field(_ index: Int?) -> String { index.flatMap { $0 < record.fields.count ? record.fields[$0] : nil } ?? "" }
            let listName = field(list), code = field(name)
            guard listName == "oblast" || listName == "district" else { continue }
            guard code.count == 14, code.allSatisfy(\.isNumber) else {
                throw .invalid(file: file, row: record.line, column: "name", reason: "\(listName) \(code) is not a 14-digit SOATE code")
            }
            let names = labels.compactMapValues { index in index.map { field($0) } }
            let oblast = String(code.prefix(5)) + String(repeating: "0", count: 9)
            if listName == "oblast" {
                entries.append(Entry(place: Place(code: code, kind: .oblast, level: .oblast, names: names), names: names))
            } else {
                // A city of oblast significance is the city's district; the city's own row names it.
                let isCity = (names["en"] ?? "").lowercased().hasSuffix(" city")
                entries.append(Entry(place: Place(code: code, kind: .district, level: .district, names: names, oblast: oblast, district: code),
                                     names: names, named: !isCity))
            }
        }
        for municipality in frame.municipalities.values.sorted(by: { $0.code < $1.code }) {
            let names = ["ky": municipality.name.ky, "ru": municipality.name.ru, "en": municipality.name.en]
            let kind: Kind = municipality.type == "city" ? .city : municipality.type == "town" ? .town : .ayilAimak
            let code = municipality.code
            entries.append(Entry(place: Place(code: code, kind: kind, level: .municipality, names: names,
                                              oblast: String(code.prefix(5)) + String(repeating: "0", count: 9),
                                              district: String(code.prefix(8)) + String(repeating: "0", count: 6)),
                                 names: names, centre: municipality.centre))
        }
        let osh = ["ky": "Ош шаары", "ru": "город Ош", "en": "Osh city"]
        entries.append(Entry(place: Place(code: oshCity, kind: .city, level: .municipality, names: osh, outsideFrame: true), names: osh))
        return PlaceGazetteer(entries: entries)
    }

    /// The key of Osh city, which is outside the frame.
    public static let oshCity = "osh-city"
}
