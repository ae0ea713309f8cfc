import Foundation
import SanaripInstrument

/// The sites list: `municipality,url[,kind]`, from CSV (any delimiter) or the first sheet of an XLSX workbook.
public enum AuditSiteList {
    /// The sites in the file at `url`; each problem names the file, row and column.
    public static func read(_ url: URL) throws(AuditError) -> [AuditSite] {
        let name = url.lastPathComponent
        let rows: [[String]]
        do {
            if url.pathExtension.lowercased() == "xlsx" {
                let workbook = try XLSXReader().read(contentsOf: url)
                guard let sheet = workbook.sheets.first else { throw AuditError("\(name): the workbook has no sheet") }
                rows = sheet.rows.map(\.cells)
            } else {
                let text = try String(contentsOf: url, encoding: .utf8)
                rows = try CSVCodec(delimiter: CSVCodec.detectDelimiter(in: text)).records(in: text)
            }
        } catch let error as AuditError {
            throw error
        } catch {
            throw AuditError("\(name): cannot be read (\(error))")
        }
        return try sites(rows: rows, file: name)
    }

    /// The sites in `rows` (header first), read as ``read(_:)`` reads a file called `file`.
    public static func sites(rows: [[String]], file: String) throws(AuditError) -> [AuditSite] {
        guard let header = rows.first?.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) else {
            throw AuditError("\(file): empty; it needs a header municipality,url[,kind]")
        }
        guard let municipalityColumn = header.firstIndex(of: "municipality"), let urlColumn = header.firstIndex(of: "url") else {
            throw AuditError("\(file), row 1: the header needs the columns municipality and url (and optionally kind); it has \(header.joined(separator: ","))")
        }
        let kindColumn = header.firstIndex(of: "kind")
        var sites: [AuditSite] = []
        for (index, row) in rows.enumerated().dropFirst() {
            func cell(_ column: Int) -> String { column < row.count ? row[column].trimmingCharacters(in: .whitespaces) : "" }
            let municipality = cell(municipalityColumn)
            if municipality.isEmpty && cell(urlColumn).isEmpty { continue }
            guard !municipality.isEmpty else {
                throw AuditError("\(file), row \(index + 1), column municipality: empty; give the SOATE code from the frame")
            }
            var url = cell(urlColumn)
            if !url.isEmpty, !url.contains("://") { url = "http://" + url }
            if !url.isEmpty, URL(string: url)?.host == nil {
                throw AuditError("\(file), row \(index + 1), column url: \"\(cell(urlColumn))\" is not a web address")
            }
            var kind = AuditSite.Kind.website
            if let kindColumn, !cell(kindColumn).isEmpty {
                guard let given = AuditSite.Kind(rawValue: cell(kindColumn).lowercased()) else {
                    throw AuditError("\(file), row \(index + 1), column kind: \"\(cell(kindColumn))\" is not one of \(AuditSite.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                kind = given
            }
            sites.append(AuditSite(municipality: municipality, url: url, kind: kind))
        }
        return sites
    }
}
