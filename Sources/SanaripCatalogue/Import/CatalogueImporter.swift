import Foundation
import SanaripInstrument

/// Reads a filled-in catalogue template (CSV or XLSX) into checked entries, all or nothing: every problem is
/// collected, naming its row and column, and any problem refuses the whole file.
public struct CatalogueImporter: Sendable {
    public var kind: CatalogueKind
    public var context: CatalogueContext

    public init(kind: CatalogueKind, context: CatalogueContext = CatalogueContext()) {
        self.kind = kind
        self.context = context
    }

    /// Reads the file at `url` (`.csv` or `.xlsx`; in a workbook, the sheet named after the kind, else the first).
    public func read(contentsOf url: URL) throws(CatalogueImportError) -> [CatalogueEntry] {
        let workbook: Workbook
        do {
            workbook = try WorkbookLoader.load(contentsOf: url)
        } catch {
            throw CatalogueImportError(file: url.lastPathComponent, problems: [CatalogueProblem(row: nil, column: nil, message: error.message)])
        }
        return try entries(in: workbook, file: url.lastPathComponent)
    }

    /// Reads uploaded bytes; `fileName` decides the format (`.xlsx` or delimited text).
    public func read(data: Data, fileName: String) throws(CatalogueImportError) -> [CatalogueEntry] {
        try entries(in: Self.workbook(data: data, fileName: fileName, sheetName: kind.rawValue), file: fileName)
    }

    /// Uploaded bytes as a workbook: `.xlsx` by the project's XLSX reader, anything else as delimited text (one
    /// sheet named `sheetName`); a file that cannot be read is a problem naming it.
    static func workbook(data: Data, fileName: String, sheetName: String) throws(CatalogueImportError) -> Workbook {
        do {
            if ["xlsx", "xlsm"].contains(URL(fileURLWithPath: fileName).pathExtension.lowercased()) {
                return try XLSXReader().read(data: data, name: fileName)
            }
            return Workbook(sheets: [try CSVSheetReader().sheet(named: sheetName, data: data, file: fileName)], source: fileName)
        } catch {
            throw CatalogueImportError(file: fileName, problems: [CatalogueProblem(row: nil, column: nil, message: error.message)])
        }
    }

    /// The first sheet of uploaded bytes.
    static func firstSheet(data: Data, fileName: String) throws(CatalogueImportError) -> Sheet {
        guard let sheet = try workbook(data: data, fileName: fileName, sheetName: "data").sheets.first else {
            throw CatalogueImportError(file: fileName, problems: [CatalogueProblem(row: nil, column: nil, message: "the workbook has no sheet")])
        }
        return sheet
    }

    private func entries(in workbook: Workbook, file: String) throws(CatalogueImportError) -> [CatalogueEntry] {
        guard let sheet = workbook.sheet(named: kind.rawValue) ?? workbook.sheets.first else {
            throw CatalogueImportError(file: file, problems: [CatalogueProblem(row: nil, column: nil, message: "the file has no sheet")])
        }
        return try entries(in: sheet, file: file)
    }

    /// Checks `sheet`, whose first non-empty row names the columns.
    public func entries(in sheet: Sheet, file: String) throws(CatalogueImportError) -> [CatalogueEntry] {
        let schema = kind.schema
        guard let header = sheet.rows.first else {
            throw CatalogueImportError(file: file, problems: [CatalogueProblem(row: nil, column: nil, message: "the file is empty; start from the template (sanarip catalogue template \(kind.rawValue))")])
        }
        var problems: [CatalogueProblem] = []
        var columns: [(index: Int, name: String)] = []
        var seen: Set<String> = []
        for (index, cell) in header.cells.enumerated() {
            let name = cell.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { continue }
            guard let field = schema.field(named: name) else {
                problems.append(CatalogueProblem(row: header.number, column: name, message: "is not a column of \(kind.rawValue); the columns are \(schema.columnNames.joined(separator: ", "))"))
                continue
            }
            guard seen.insert(field.name).inserted else {
                problems.append(CatalogueProblem(row: header.number, column: name, message: "appears twice; keep one"))
                continue
            }
            columns.append((index, field.name))
        }
        for field in schema.fields where field.required && !seen.contains(field.name) {
            problems.append(CatalogueProblem(row: header.number, column: field.name, message: "is missing; it is required (\(field.help))"))
        }
        if !problems.isEmpty { throw CatalogueImportError(file: file, problems: problems) }

        var entries: [CatalogueEntry] = []
        var rows: [Int?] = []
        var firstRow: [String: Int] = [:]
        for row in sheet.rows.dropFirst() {
            var cells: [String: String] = [:]
            for column in columns { cells[column.name] = row[column.index] }
            if cells.values.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            let checked = schema.entry(cells: cells, row: row.number)
            problems += checked.problems
            if let entry = checked.entry {
                if let earlier = firstRow[entry.id] {
                    problems.append(CatalogueProblem(row: row.number, column: "id", message: "'\(entry.id)' is already used on row \(earlier); ids must be unique"))
                    continue
                }
                firstRow[entry.id] = row.number
                problems += schema.checkPlaces(entry, row: row.number, context: context)
                entries.append(entry)
                rows.append(row.number)
            }
        }
        problems += schema.checkReferences(entries, rows: rows, context: context)
        if entries.isEmpty && problems.isEmpty {
            problems.append(CatalogueProblem(row: nil, column: nil, message: "the file has a header but no entries"))
        }
        if !problems.isEmpty {
            throw CatalogueImportError(file: file, problems: problems.sorted { ($0.row ?? 0) < ($1.row ?? 0) })
        }
        return entries
    }
}
