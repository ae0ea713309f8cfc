import Foundation
import SanaripInstrument

/// The study's municipalities by SOATE code: name in ky/ru/en, oblast, district, type and urban/rural, joined from
/// `municipalities.csv` and `municipalities_soate.csv` (on oblast, district and Russian name) in `data/frames/`.
public struct MunicipalFrame: Sendable {
    public struct Municipality: Sendable, Hashable {
        public var code: String
        public var name: AuditLabel
        public var oblast: String
        public var district: String
        public var type: String
        public var urbanRural: String
        /// The administrative centre (a village, Russian spelling), for matching place names in the media.
        public var centre: String = ""
    }

    public var municipalities: [String: Municipality]

    public init(municipalities: [String: Municipality]) {
        self.municipalities = municipalities
    }

    /// Reads the two files from `folder`; every problem names the file and row.
    public init(folder: URL) throws(AuditError) {
        func table(_ name: String) throws(AuditError) -> [[String: String]] {
            let url = folder.appendingPathComponent(name)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw AuditError("\(name): cannot be read in \(folder.path)")
            }
            let rows: [[String]]
            do { rows = try CSVCodec().records(in: text) } catch { throw AuditError("\(name): \(error)") }
            guard let header = rows.first else { throw AuditError("\(name): empty") }
            return rows.dropFirst().map { row in
                Dictionary(uniqueKeysWithValues: header.enumerated().map { ($0.element, $0.offset < row.count ? row[$0.offset] : "") })
            }
        }
        let frame = try table("municipalities.csv")
        var codes: [String: String] = [:]
        for row in try table("municipalities_soate.csv") {
            codes["\(row["oblast"] ?? "")|\(row["district"] ?? "")|\(row["municipality_ru"] ?? "")"] = row["soate_code"]
        }
        var municipalities: [String: Municipality] = [:]
        for (index, row) in frame.enumerated() {
            let key = "\(row["oblast"] ?? "")|\(row["district"] ?? "")|\(row["municipality_ru"] ?? "")"
            guard let code = codes[key] else {
                throw AuditError("municipalities.csv, row \(index + 2): no SOATE code for \(row["municipality_ru"] ?? "") in municipalities_soate.csv")
            }
            municipalities[code] = Municipality(
                code: code, name: AuditLabel(en: row["municipality_en"] ?? "", ru: row["municipality_ru"] ?? "", ky: row["municipality_ky"] ?? ""),
                oblast: row["oblast"] ?? "", district: row["district"] ?? "", type: row["type"] ?? "", urbanRural: row["urban_rural"] ?? "",
                centre: row["centre"] ?? "")
        }
        self.init(municipalities: municipalities)
    }
}
