import Foundation
import SanaripInstrument

/// The downloadable template of a kind: its columns, and in a workbook a second sheet explaining each column.
public enum CatalogueTemplate {
    /// A workbook: the sheet named after the kind (header only) and `columns` (name, type, required, allowed values, help).
    public static func workbook(_ kind: CatalogueKind) -> Workbook {
        let schema = kind.schema
        var explained: [[String]] = [["column", "type", "required", "allowed values", "description"]]
        for field in schema.fields {
            explained.append([field.name, field.typeDescription, field.required ? "yes" : "no", field.allowedValues?.joined(separator: "; ") ?? "", field.help])
        }
        return Workbook(sheets: [Sheet(name: kind.rawValue, cells: [schema.columnNames]), Sheet(name: "columns", cells: explained)], source: "\(kind.rawValue).xlsx")
    }

    /// The template bytes for a file named `fileName`: `.xlsx` gives the workbook, anything else the CSV header line.
    public static func data(_ kind: CatalogueKind, fileName: String) throws -> Data {
        if URL(fileURLWithPath: fileName).pathExtension.lowercased() == "xlsx" {
            return try XLSXWriter().data(for: workbook(kind))
        }
        return Data(CSVCodec().text(for: [kind.schema.columnNames]).utf8)
    }
}
