import Foundation
import ZIPFoundation

/// Writes a large `.xlsx` row by row, to several sheets at once: each sheet's XML is spooled to a temporary file
/// as its rows arrive, and ``finish(writingTo:)`` zips the package from those files piece by piece, so memory
/// stays flat however many rows there are.
///
/// Text is written inline (no shared-string table to hold in memory), numbers as numbers; a sheet's first row
/// can be a bold, frozen header. Excel's limits (1,048,576 rows, 32,767 characters a cell, sheet names) are
/// checked and reported as a ``SpreadsheetError`` naming the sheet, row and column.
public struct XLSXStreamWriter {
    /// One cell.
    public enum Cell: Sendable, Hashable {
        case text(String)
        /// The text of a finite decimal number (`34`, `-1.5`, `2e-3`), written as a number.
        case number(String)
    }

    public let sheetNames: [String]
    /// The output's name, for messages.
    public let file: String
    private let folder: URL
    private var spools: [FileHandle] = []
    private var buffers: [Data] = []
    private var rowCounts: [Int] = []
    private var letters: [String] = []
    private static let flushSize = 1 << 16

    /// Prepares sheets named `sheetNames` (checked as Excel checks them) of the workbook `file`, spooled in a new
    /// folder inside `temporaryDirectory`.
    public init(sheetNames: [String], file: String, temporaryDirectory: URL) throws {
        guard !sheetNames.isEmpty else { throw SpreadsheetError(file: file, message: "a workbook needs at least one sheet to be saved as .xlsx") }
        var seen: Set<String> = []
        for name in sheetNames {
            if let problem = XLSXWriter.problem(withSheetName: name) { throw SpreadsheetError(file: file, message: "sheet name '\(name)' \(problem)") }
            guard seen.insert(name.lowercased()).inserted else {
                throw SpreadsheetError(file: file, message: "there are two sheets named '\(name)'; Excel needs sheet names that differ beyond case")
            }
        }
        self.sheetNames = sheetNames
        self.file = file
        folder = temporaryDirectory.appendingPathComponent(".xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for index in sheetNames.indices {
            let url = folder.appendingPathComponent("sheet\(index + 1).xml")
            _ = FileManager.default.createFile(atPath: url.path, contents: nil)
            spools.append(try FileHandle(forWritingTo: url))
            buffers.append(Data())
            rowCounts.append(0)
        }
    }

    /// Appends a row to sheet `sheet` (an index into ``sheetNames``); `header` makes it bold and, as row 1, frozen.
    public mutating func append(_ cells: [Cell], sheet: Int, header: Bool = false) throws {
        let number = rowCounts[sheet] + 1
        guard number <= XLSXWriter.maximumRow else {
            throw SpreadsheetError(
                file: "", message: "sheet '\(sheetNames[sheet])' would need more than Excel's \(XLSXWriter.maximumRow) rows; export as CSV or .sav instead"
            )
        }
        if number == 1 { buffers[sheet].append(contentsOf: Self.sheetStart(frozen: header).utf8) }
        rowCounts[sheet] = number
        while letters.count < cells.count { letters.append(SpreadsheetColumn.letter(letters.count)) }
        let row = String(number)
        var xml = "<row r=\"\(row)\">"
        let style = header ? " s=\"1\"" : ""
        for (column, cell) in cells.enumerated() {
            switch cell {
            case .number(let text) where !text.isEmpty:
                xml += "<c r=\"\(letters[column])\(row)\"\(style)><v>\(text)</v></c>"
            case .text(let text) where !text.isEmpty:
                guard text.utf16.count <= XLSXWriter.maximumCellLength else {
                    let reference = SpreadsheetColumn.reference(column: column, row: number)
                    throw SpreadsheetError(
                        file: "", message: "sheet '\(sheetNames[sheet])' cell \(reference) holds \(text.utf16.count) characters; Excel allows at most \(XLSXWriter.maximumCellLength): export as CSV instead"
                    )
                }
                let open = XLSXWriter.needsPreservedSpace(text) ? "<t xml:space=\"preserve\">" : "<t>"
                xml += "<c r=\"\(letters[column])\(row)\"\(style) t=\"inlineStr\"><is>\(open)\(OOXMLText.elementContent(text))</t></is></c>"
            default:
                continue
            }
        }
        xml += "</row>"
        buffers[sheet].append(contentsOf: xml.utf8)
        if buffers[sheet].count >= Self.flushSize { try flush(sheet) }
    }

    /// Closes every sheet and writes the package to `url` (the caller renames it into place); the spool is removed.
    public mutating func finish(writingTo url: URL) throws {
        defer { discard() }
        for index in spools.indices {
            if rowCounts[index] == 0 { buffers[index].append(contentsOf: Self.sheetStart(frozen: false).utf8) }
            buffers[index].append(contentsOf: "</sheetData></worksheet>".utf8)
            try flush(index)
            try spools[index].close()
        }
        spools = []
        let archive = try Archive(url: url, accessMode: .create)
        let parts: [(String, String)] = [
            ("[Content_Types].xml", XLSXWriter.contentTypesXML(sheetCount: sheetNames.count, sharedStrings: false)),
            ("_rels/.rels", XLSXWriter.packageRelationshipsXML),
            ("docProps/app.xml", XLSXWriter.appXML),
            ("docProps/core.xml", XLSXWriter.coreXML),
            ("xl/workbook.xml", XLSXWriter.workbookXML(sheetNames: sheetNames)),
            ("xl/_rels/workbook.xml.rels", XLSXWriter.workbookRelationshipsXML(sheetCount: sheetNames.count, sharedStrings: false)),
            ("xl/styles.xml", XLSXWriter.stylesXML),
        ]
        for (path, xml) in parts {
            let bytes = Data(xml.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: XLSXWriter.entryDate, compressionMethod: .deflate,
                provider: { position, size in bytes.subdata(in: Int(position)..<Int(position) + size) }
            )
        }
        for index in sheetNames.indices {
            let url = folder.appendingPathComponent("sheet\(index + 1).xml")
            let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int64 ?? 0
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            try archive.addEntry(
                with: "xl/worksheets/sheet\(index + 1).xml", type: .file, uncompressedSize: size, modificationDate: XLSXWriter.entryDate,
                compressionMethod: .deflate,
                provider: { position, chunk in
                    try handle.seek(toOffset: UInt64(position))
                    return try handle.read(upToCount: chunk) ?? Data()
                }
            )
        }
    }

    /// Removes the spooled sheets (after ``finish(writingTo:)``, or instead of it when the export fails).
    public func discard() {
        for spool in spools { try? spool.close() }
        try? FileManager.default.removeItem(at: folder)
    }

    private mutating func flush(_ sheet: Int) throws {
        try spools[sheet].write(contentsOf: buffers[sheet])
        buffers[sheet].removeAll(keepingCapacity: true)
    }

    private static func sheetStart(frozen: Bool) -> String {
        var xml = XLSXWriter.declaration
        xml += "<worksheet xmlns=\"\(XLSXWriter.mainNamespace)\" xmlns:r=\"\(XLSXWriter.relationshipsNamespace)\">"
        xml += "<sheetViews><sheetView workbookViewId=\"0\">"
        if frozen {
            xml += "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
            xml += "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/>"
        }
        xml += "</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/><sheetData>"
        return xml
    }
}
