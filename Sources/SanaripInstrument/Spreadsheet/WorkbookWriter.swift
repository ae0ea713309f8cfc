import Foundation

/// Saves a ``Workbook`` as an `.xlsx` file or as a folder of CSV files, one `name.csv` per sheet.
public enum WorkbookWriter {
    /// Writes an `.xlsx` workbook when `url` ends in `.xlsx`, otherwise a folder of CSV files.
    public static func write(_ workbook: Workbook, to url: URL) throws {
        if url.pathExtension.lowercased() == "xlsx" {
            try XLSXWriter().write(workbook, to: url)
        } else {
            try writeCSVFolder(workbook, to: url)
        }
    }

    /// Writes each sheet as `folder/name.csv` (UTF-8, LF line ends), creating the folder if needed and
    /// replacing files of the same names; other files in the folder are left alone.
    public static func writeCSVFolder(_ workbook: Workbook, to folder: URL, codec: CSVCodec = CSVCodec()) throws {
        var seen: Set<String> = []
        for sheet in workbook.sheets {
            if let problem = problem(withFileName: sheet.name) {
                throw SpreadsheetError(file: workbook.source, message: "sheet name '\(sheet.name)' \(problem)")
            }
            guard seen.insert(sheet.name.lowercased()).inserted else {
                throw SpreadsheetError(
                    file: workbook.source,
                    message: "there are two sheets named '\(sheet.name)'; their CSV files would overwrite each other"
                )
            }
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for sheet in workbook.sheets {
            let file = folder.appendingPathComponent("\(sheet.name).csv")
            try Data(csvText(for: sheet, codec: codec).utf8).write(to: file, options: .atomic)
        }
    }

    /// The CSV text of `sheet`, with an empty line for each row the sheet skips so row numbers survive.
    public static func csvText(for sheet: Sheet, codec: CSVCodec = CSVCodec()) -> String {
        var records: [[String]] = []
        for row in sheet.rows {
            while records.count < row.number - 1 { records.append([]) }
            records.append(row.cells)
        }
        return codec.text(for: records)
    }

    private static func problem(withFileName name: String) -> String? {
        if name.trimmingCharacters(in: .whitespaces).isEmpty { return "is blank" }
        if name.contains("/") || name.contains("\\") || name.unicodeScalars.contains(where: { $0.value < 0x20 }) {
            return "cannot be a file name (it contains a slash or a control character)"
        }
        if name.hasPrefix(".") { return "starts with a dot, which would hide its CSV file" }
        return nil
    }
}
