import Foundation
import SanaripCore

/// Reads `.xlsx` workbooks (Office Open XML spreadsheets) into a ``Workbook`` of cell texts.
///
/// Cell texts are what a person sees in Excel's formula bar, normalised:
/// - strings (shared, inline, rich text, formula results) as stored, with `_xHHHH_` escapes decoded;
/// - numbers as the shortest decimal that reads back the same (`1`, `0.1`, `0.0000001`), whatever their
///   display format, except date and time formats;
/// - dates and times as ISO 8601: `YYYY-MM-DD`, `HH:MM:SS` or `YYYY-MM-DDTHH:MM:SS` by the cell's format,
///   in the workbook's 1900 or 1904 date system;
/// - booleans as `TRUE` and `FALSE`, as Excel shows them; error values as their code, such as `#N/A`;
/// - formulas as their cached result (a formula never calculated reads as empty).
///
/// Sheets come in the order of `xl/workbook.xml`, hidden ones included; chart sheets, which hold no
/// cells, are left out.
///
/// Damaged or hostile files end in a ``SpreadsheetError`` within the reader's ``Limits``, never a crash.
public struct XLSXReader: Sendable {
    /// What a workbook may expand to before it is refused.
    public var limits: Limits
    /// How cells with a date or time format are written.
    public var dateStyle: SpreadsheetDateStyle

    public init(limits: Limits = .default, dateStyle: SpreadsheetDateStyle = .iso8601) {
        self.limits = limits
        self.dateStyle = dateStyle
    }

    /// Reads the workbook at `url`; messages name the file by its last path component.
    public func read(contentsOf url: URL) throws(SpreadsheetError) -> Workbook {
        let data = try SpreadsheetFile.contents(of: url, sizeLimit: limits.maxTotalUncompressedBytes)
        return try read(data: data, name: url.lastPathComponent)
    }

    /// Reads a workbook from its bytes; `name` (usually the uploaded file name) prefixes messages.
    public func read(data: Data, name: String) throws(SpreadsheetError) -> Workbook {
        var package = try Package(data: data, name: name, limits: limits, dateStyle: dateStyle)
        return try package.workbook()
    }
}

extension XLSXReader {
    /// The opened archive and the bytes read from it so far.
    private struct Package {
        let name: String
        let archive: ZIPArchiveReader
        var budget: ZIPArchiveReader.Budget
        let dateStyle: SpreadsheetDateStyle

        init(data: Data, name: String, limits: Limits, dateStyle: SpreadsheetDateStyle) throws(SpreadsheetError) {
            self.name = name
            self.dateStyle = dateStyle
            guard !data.isEmpty else {
                throw SpreadsheetError(file: name, message: "the file is empty (0 bytes). \(Self.saveAsXLSX)")
            }
            if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
                throw SpreadsheetError(
                    file: name,
                    message: "the file is a password-protected workbook or an old Excel 97-2003 (.xls) file. "
                        + "Remove the password, or open it and save it as \"Excel Workbook (.xlsx)\"."
                )
            }
            do {
                archive = try ZIPArchiveReader(data: data)
            } catch {
                throw Self.error(error, file: name)
            }
            budget = ZIPArchiveReader.Budget(limits: limits)
        }

        static let saveAsXLSX = "Save it from Excel or LibreOffice as \"Excel Workbook (.xlsx)\"."

        mutating func workbook() throws(SpreadsheetError) -> Workbook {
            let workbookPath = try locateWorkbookPart()
            let workbookPart = WorkbookPartHandler()
            try parse(workbookPath, with: workbookPart, part: "the workbook part \(workbookPath)")

            let relationships = try relationships(of: workbookPath)
            let formats: [NumberFormat]
            if let stylesPath = relationships.first(where: { $0.isKind("styles") })?.path ?? existing("xl/styles.xml") {
                let styles = CellStylesHandler()
                try parse(stylesPath, with: styles, part: "the styles part \(stylesPath)")
                formats = styles.formats
            } else {
                formats = []
            }
            let stringsPath = relationships.first(where: { $0.isKind("sharedStrings") })?.path ?? existing("xl/sharedStrings.xml")
            let table = stringsPath == nil ? SharedStringTable([]) : SharedStringTable()
            let context = WorksheetHandler.Context(
                sharedStrings: table, formats: formats, date1904: workbookPart.date1904, dateStyle: dateStyle)
            guard let stringsPath else {
                return Workbook(sheets: try sheets(of: workbookPart, at: workbookPath, relationships, context: context), source: name)
            }
            // The shared strings are read on a thread of their own while the sheets are read here and wait for
            // each string they use; a problem with the strings part is reported first, as if it had been read first.
            let part = "the shared strings part \(stringsPath)"
            let data = try contents(of: stringsPath, part: part)
            let file = name
            let (stringsFailure, sheets) = concurrently(
                { () -> SpreadsheetError? in
                    let handler = SharedStringsHandler(table: table)
                    defer {
                        handler.flush()
                        table.finish()
                    }
                    do throws(SpreadsheetError) {
                        try Self.parse(data, with: handler, part: part, file: file)
                        return nil
                    } catch {
                        return error
                    }
                },
                { () -> Result<[Sheet], SpreadsheetError> in
                    do throws(SpreadsheetError) {
                        return .success(try self.sheets(of: workbookPart, at: workbookPath, relationships, context: context))
                    } catch {
                        return .failure(error)
                    }
                }
            )
            if let stringsFailure { throw stringsFailure }
            return Workbook(sheets: try sheets.get(), source: name)
        }

        /// The worksheets the workbook part lists, in its order (chart sheets left out).
        private mutating func sheets(
            of workbookPart: WorkbookPartHandler, at workbookPath: String, _ relationships: [XLSXRelationship],
            context: WorksheetHandler.Context
        ) throws(SpreadsheetError) -> [Sheet] {
            var sheets: [Sheet] = []
            var cellsUsed = 0
            for (index, entry) in workbookPart.sheets.enumerated() {
                let relationship = entry.relationshipID.flatMap { id in relationships.first { $0.id == id } }
                if let relationship, !relationship.isKind("worksheet") { continue }
                let sheetPath = relationship?.path
                    ?? XLSXRelationship.resolve("worksheets/sheet\(index + 1).xml", from: workbookPath)
                guard archive.entry(sheetPath) != nil else {
                    throw SpreadsheetError(
                        file: name,
                        message: "sheet '\(entry.name)' points to \(sheetPath), which is missing from the archive. "
                            + "Save the workbook again from Excel or LibreOffice."
                    )
                }
                let handler = WorksheetHandler(context: context, cellsUsed: cellsUsed, cellLimit: budget.limits.maxCells)
                try parse(sheetPath, with: handler, part: "sheet '\(entry.name)'")
                cellsUsed = handler.cellCount
                sheets.append(Sheet(name: entry.name, rows: handler.rows))
            }
            return sheets
        }

        /// The path of the main workbook part, from the package relationships or the usual `xl/workbook.xml`.
        private mutating func locateWorkbookPart() throws(SpreadsheetError) -> String {
            if let path = try relationships(of: "").first(where: { $0.isKind("officeDocument") })?.path,
               archive.entry(path) != nil, !path.hasSuffix(".bin") {
                return path
            }
            if let path = existing("xl/workbook.xml") { return path }
            throw SpreadsheetError(file: name, message: "not an .xlsx workbook (\(whatElse())). \(Self.saveAsXLSX)")
        }

        /// What the archive holds instead of a workbook, for the message.
        private mutating func whatElse() -> String {
            if archive.entry("xl/workbook.bin") != nil { return "it is an Excel Binary Workbook (.xlsb)" }
            if let entry = archive.entry("mimetype"), entry.uncompressedSize < 200,
               let data = try? archive.contents(of: entry, budget: &budget),
               String(decoding: data, as: UTF8.self).contains("opendocument.spreadsheet") {
                return "it is an OpenDocument spreadsheet (.ods)"
            }
            if archive.entry("word/document.xml") != nil { return "it is a Word document" }
            if archive.entry("ppt/presentation.xml") != nil { return "it is a PowerPoint presentation" }
            return "the ZIP archive has no xl/workbook.xml"
        }

        private func existing(_ path: String) -> String? {
            archive.entry(path)?.path
        }

        private mutating func relationships(of path: String) throws(SpreadsheetError) -> [XLSXRelationship] {
            let relsPath = path.isEmpty ? "_rels/.rels" : XLSXRelationship.relationshipsPath(for: path)
            guard archive.entry(relsPath) != nil else { return [] }
            let handler = RelationshipsHandler(source: path)
            try parse(relsPath, with: handler, part: "the relationships part \(relsPath)")
            return handler.relationships
        }

        private mutating func parse(_ path: String, with handler: XMLPartHandler, part: String) throws(SpreadsheetError) {
            try Self.parse(try contents(of: path, part: part), with: handler, part: part, file: name)
        }

        /// The inflated bytes of the part at `path`, which `part` names in messages.
        private mutating func contents(of path: String, part: String) throws(SpreadsheetError) -> Data {
            guard let entry = archive.entry(path) else {
                throw SpreadsheetError(file: name, message: "\(part) is missing from the archive. \(Self.saveAsXLSX)")
            }
            do {
                return try archive.contents(of: entry, budget: &budget)
            } catch {
                throw Self.error(error, file: name)
            }
        }

        private static func parse(_ data: Data, with handler: XMLPartHandler, part: String, file: String) throws(SpreadsheetError) {
            do {
                try handler.parse(data)
            } catch {
                throw SpreadsheetError(file: file, message: error.message(part: part))
            }
        }

        private static func error(_ failure: ZIPArchiveReader.Failure, file: String) -> SpreadsheetError {
            let message = switch failure {
            case .notZIP:
                "not an .xlsx workbook (not a ZIP archive). \(saveAsXLSX)"
            case let .damaged(detail):
                "the archive is damaged or truncated (\(detail)). Save it again from Excel or LibreOffice, or copy it again."
            case let .encrypted(path):
                "\(path) is encrypted; remove the password and save the workbook again as .xlsx."
            case let .unsupportedMethod(path, method):
                "\(path) uses ZIP compression method \(method), which is not supported. \(saveAsXLSX)"
            case let .entryTooLarge(path, limit):
                "\(path) expands beyond \(SpreadsheetError.byteText(limit)); refusing to read it (possible zip bomb)"
            case let .compressionRatio(path, ratio):
                "\(path) expands more than \(ratio) times its compressed size; refusing to read it (possible zip bomb)"
            case let .totalTooLarge(limit):
                "the workbook expands beyond \(SpreadsheetError.byteText(limit)) in total; refusing to read it (possible zip bomb)"
            }
            return SpreadsheetError(file: file, message: message)
        }
    }
}
