import Foundation

/// Opens whatever a person points the workbench at as a ``Workbook``: an `.xlsx` (or `.xlsm`) file,
/// a folder of CSV files (each `name.csv` is sheet `name`, other files are ignored), or a single
/// `.csv` file, which becomes the sheet `survey`.
public enum WorkbookLoader {
    /// The sheet name a lone CSV file gets.
    public static let singleCSVSheetName = "survey"

    /// Loads the workbook at `url`; `.xls` and `.ods` files and missing paths give a message saying what to do.
    /// `dateStyle` says how `.xlsx` cells with a date or time format read.
    public static func load(
        contentsOf url: URL, limits: SpreadsheetLimits = .default, dateStyle: SpreadsheetDateStyle = .iso8601
    ) throws(SpreadsheetError) -> Workbook {
        let name = url.lastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw SpreadsheetError(file: name, message: "no such file or folder (looked for \(url.path))")
        }
        if isDirectory.boolValue {
            return try loadCSVFolder(url, limits: limits)
        }
        switch url.pathExtension.lowercased() {
        case "xlsx", "xlsm":
            return try XLSXReader(limits: limits, dateStyle: dateStyle).read(contentsOf: url)
        case "csv":
            let sheet = try CSVSheetReader(limits: limits).read(contentsOf: url, sheetName: singleCSVSheetName)
            return Workbook(sheets: [sheet], source: name)
        case "xls":
            throw SpreadsheetError(
                file: name,
                message: "is an old Excel 97-2003 workbook (.xls), which cannot be read. "
                    + "Open it in Excel or LibreOffice and save it as \"Excel Workbook (.xlsx)\"."
            )
        case "ods":
            throw SpreadsheetError(
                file: name,
                message: "is an OpenDocument spreadsheet (.ods), which cannot be read. "
                    + "Open it in LibreOffice and save it as \"Excel 2007-365 (.xlsx)\"."
            )
        default:
            let kind = url.pathExtension.isEmpty ? "a file without an extension" : "a .\(url.pathExtension) file"
            throw SpreadsheetError(
                file: name,
                message: "is \(kind); expected an .xlsx workbook, a .csv file, or a folder of .csv files (one per sheet)"
            )
        }
    }

    private static func loadCSVFolder(_ folder: URL, limits: SpreadsheetLimits) throws(SpreadsheetError) -> Workbook {
        let name = folder.lastPathComponent
        let files: [URL]
        do {
            files = try FileManager.default.contentsOfDirectory(
                at: folder,
                includingPropertiesForKeys: [.isRegularFileKey],
                options: [.skipsHiddenFiles]
            )
        } catch {
            throw SpreadsheetError(file: name, message: "the folder cannot be read (\(error.localizedDescription))")
        }
        let csvFiles = files
            .filter { $0.pathExtension.lowercased() == "csv" && !$0.lastPathComponent.hasPrefix("~$") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        guard !csvFiles.isEmpty else {
            throw SpreadsheetError(
                file: name,
                message: "the folder has no .csv files; put one file per sheet in it, such as survey.csv and choices.csv"
            )
        }
        var remaining = limits
        var sheets: [Sheet] = []
        var seen: [String: String] = [:]
        for file in csvFiles {
            let sheetName = file.deletingPathExtension().lastPathComponent
            let key = Workbook.normalizedSheetName(sheetName)
            if let other = seen[key] {
                throw SpreadsheetError(
                    file: name,
                    message: "\(other) and \(file.lastPathComponent) would both be sheet '\(sheetName)'; rename or remove one"
                )
            }
            seen[key] = file.lastPathComponent
            let data = try SpreadsheetFile.contents(of: file, sizeLimit: limits.maxTotalUncompressedBytes)
            let sheet = try CSVSheetReader(limits: remaining)
                .sheet(named: sheetName, data: data, file: "\(name)/\(file.lastPathComponent)")
            remaining.maxCells -= sheet.rows.reduce(0) { $0 + $1.cells.count }
            sheets.append(sheet)
        }
        return Workbook(sheets: sheets, source: name)
    }
}
