import Foundation
import SanaripInstrument

/// Reads long-format series: the NSC's SDG file (`sdg-kyrgyzstan.csv`), SDMX-CSV downloads (`REF_AREA`,
/// `TIME_PERIOD`, `OBS_VALUE`…) and a plain CSV or XLSX with at least `indicator`, `period` (or `year`) and `value`
/// (or `target`). ILOSTAT's downloads (`ref_area`, `sex`, `classif1`, `classif2`, `time`, `obs_value`) read too, so
/// employment by economic sector, sex and age comes in: `SEX_F` becomes `F`, an `AGE_…` classification the age, an
/// `ECO_…` one the sector, and `…_TOTAL` codes totals. All or nothing: every bad row is named by row and column.
public enum SeriesReader {
    /// Column names as files write them → the field they fill.
    static let aliases: [String: String] = [
        "indicator": "indicator", "series": "series", "area_code": "area", "area": "area_name", "ref_area": "area", "region": "area",
        "sex": "sex", "age": "age", "urbanisation": "urbanisation", "urban_rural": "urbanisation", "urbanization": "urbanisation",
        "sector": "sector", "economic_sector": "sector", "economic_activity": "sector", "other_breakdowns": "sector",
        "period": "period", "year": "period", "time_period": "period", "time": "period", "eco": "sector", "activity": "sector",
        "classif1": "classif1", "classif2": "classif2", "value": "value", "obs_value": "value", "target": "target",
        "unit": "unit", "unit_measure": "unit", "source": "source",
    ]

    /// Reads a file's bytes (`.xlsx`, else delimited text).
    public static func read(data: Data, fileName: String) throws(CatalogueImportError) -> [SeriesObservation] {
        let sheet = try CatalogueImporter.firstSheet(data: data, fileName: fileName)
        return try read(sheet, file: fileName)
    }

    static func read(_ sheet: Sheet, file: String) throws(CatalogueImportError) -> [SeriesObservation] {
        guard let header = sheet.rows.first else { throw CatalogueImportError(file: file, problems: [CatalogueProblem(row: nil, column: nil, message: "the file is empty")]) }
        var columns: [String: Int] = [:]
        for (index, cell) in header.cells.enumerated() {
            guard let field = aliases[cell.trimmingCharacters(in: .whitespaces).lowercased()] else { continue }
            if field == "area_name", columns["area"] != nil { continue }
            columns[field == "area_name" ? "area" : field] = columns[field == "area_name" ? "area" : field] ?? index
        }
        var problems: [CatalogueProblem] = []
        for required in ["indicator", "period"] where columns[required] == nil {
            problems.append(CatalogueProblem(row: header.number, column: required, message: "is missing; a series file needs indicator, period (or year) and value"))
        }
        if columns["value"] == nil && columns["target"] == nil {
            problems.append(CatalogueProblem(row: header.number, column: "value", message: "is missing; a series file needs indicator, period (or year) and value (or target)"))
        }
        if !problems.isEmpty { throw CatalogueImportError(file: file, problems: problems) }
        var observations: [SeriesObservation] = []
        for row in sheet.rows.dropFirst() {
            func cell(_ name: String) -> String { columns[name].map { row[$0].trimmingCharacters(in: .whitespaces) } ?? "" }
            func number(_ name: String) -> Double?? {
                let text = cell(name).replacingOccurrences(of: ",", with: ".").replacingOccurrences(of: " ", with: "")
                if text.isEmpty { return .some(nil) }
                guard let value = Double(text), value.isFinite else {
                    problems.append(CatalogueProblem(row: row.number, column: name, message: "'\(cell(name))' is not a number"))
                    return nil
                }
                return .some(value)
            }
            let indicator = cell("indicator"), period = cell("period")
            if indicator.isEmpty { problems.append(CatalogueProblem(row: row.number, column: "indicator", message: "is empty")) }
            if CatalogueSchema.date(period) == nil && !isQuarter(period) {
                problems.append(CatalogueProblem(row: row.number, column: "period", message: "'\(period)' is not a period; write a year (2024), a month (2024-03), a quarter (2024-Q1) or a date"))
            }
            guard let value = number("value"), let target = number("target") else { continue }
            if value == nil && target == nil {
                problems.append(CatalogueProblem(row: row.number, column: "value", message: "is empty; give a value or a target"))
                continue
            }
            var age = cell("age"), sector = cell("sector")
            for classification in [cell("classif1"), cell("classif2")] where !classification.isEmpty {
                if classification.hasPrefix("AGE_") { age = age.isEmpty ? classification : age } else { sector = sector.isEmpty ? classification : sector + ";" + classification }
            }
            observations.append(SeriesObservation(
                indicator: indicator, series: cell("series").isEmpty ? indicator : cell("series"), area: cell("area"), sex: total(cell("sex"), prefix: "SEX_"),
                age: total(age, prefix: ""), urbanisation: cell("urbanisation"), sector: total(sector, prefix: ""), period: CatalogueSchema.date(period) ?? period.uppercased(), value: value, target: target,
                unit: cell("unit"), source: cell("source")))
        }
        if observations.isEmpty && problems.isEmpty { problems.append(CatalogueProblem(row: nil, column: nil, message: "the file has a header but no values")) }
        if !problems.isEmpty { throw CatalogueImportError(file: file, problems: problems) }
        return observations
    }

    /// ILOSTAT's codes in the SDMX form the rest uses: `SEX_F` → `F`, any `…_TOTAL` → `_T`.
    static func total(_ code: String, prefix: String) -> String {
        if code.uppercased().hasSuffix("_TOTAL") || code.uppercased() == "SEX_T" { return "_T" }
        return !prefix.isEmpty && code.hasPrefix(prefix) ? String(code.dropFirst(prefix.count)) : code
    }

    static func isQuarter(_ text: String) -> Bool {
        let parts = text.uppercased().split(separator: "-")
        return parts.count == 2 && Int(parts[0]).map { (1900...2100).contains($0) } == true && ["Q1", "Q2", "Q3", "Q4"].contains(String(parts[1]))
    }
}
