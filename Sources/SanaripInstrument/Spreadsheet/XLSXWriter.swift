import Foundation
import ZIPFoundation

/// Writes a ``Workbook`` as a minimal `.xlsx` that Excel, LibreOffice and openpyxl open.
///
/// Every cell is written as text (a shared string), so what reads back is exactly what was written;
/// row 1 of each sheet is bold and frozen, and columns are sized to their text. The same workbook always
/// gives the same bytes: ZIP entries carry a fixed timestamp and nothing depends on the clock.
public struct XLSXWriter: Sendable {
    public init() {}

    /// The `.xlsx` bytes for `workbook`; throws a ``SpreadsheetError`` for what Excel cannot hold
    /// (no sheets, invalid or duplicate sheet names, rows or columns past Excel's limits, cells over 32,767 characters).
    public func data(for workbook: Workbook) throws -> Data {
        try validate(workbook)
        var strings = SharedStrings()
        var worksheets: [String] = []
        for (index, sheet) in workbook.sheets.enumerated() {
            worksheets.append(worksheetXML(sheet, selected: index == 0, strings: &strings))
        }
        var parts: [(path: String, xml: String)] = [
            ("[Content_Types].xml", Self.contentTypesXML(sheetCount: worksheets.count, sharedStrings: true)),
            ("_rels/.rels", Self.packageRelationshipsXML),
            ("docProps/app.xml", Self.appXML),
            ("docProps/core.xml", Self.coreXML),
            ("xl/workbook.xml", Self.workbookXML(sheetNames: workbook.sheets.map(\.name))),
            ("xl/_rels/workbook.xml.rels", Self.workbookRelationshipsXML(sheetCount: worksheets.count, sharedStrings: true)),
            ("xl/styles.xml", Self.stylesXML),
            ("xl/sharedStrings.xml", strings.xml),
        ]
        for (index, xml) in worksheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", xml))
        }
        return try Self.zip(parts)
    }

    /// Writes `workbook` to `url` atomically.
    public func write(_ workbook: Workbook, to url: URL) throws {
        try data(for: workbook).write(to: url, options: .atomic)
    }

    /// The most characters (UTF-16 code units) Excel keeps in a cell.
    static let maximumCellLength = 32_767
    /// The last row Excel has.
    static let maximumRow = 1_048_576

    // MARK: - Validation

    private func validate(_ workbook: Workbook) throws(SpreadsheetError) {
        func failure(_ message: String) -> SpreadsheetError {
            SpreadsheetError(file: workbook.source, message: message)
        }
        guard !workbook.sheets.isEmpty else { throw failure("a workbook needs at least one sheet to be saved as .xlsx") }
        var seen: Set<String> = []
        for sheet in workbook.sheets {
            if let problem = Self.problem(withSheetName: sheet.name) {
                throw failure("sheet name '\(sheet.name)' \(problem)")
            }
            guard seen.insert(sheet.name.lowercased()).inserted else {
                throw failure("there are two sheets named '\(sheet.name)'; Excel needs sheet names that differ beyond case")
            }
            var previous = 0
            for row in sheet.rows {
                guard row.number > previous, row.number <= Self.maximumRow else {
                    throw failure(
                        row.number <= previous
                            ? "sheet '\(sheet.name)' lists row \(row.number) after row \(previous); rows must be in ascending order"
                            : "sheet '\(sheet.name)' has row \(row.number), past Excel's last row \(Self.maximumRow)"
                    )
                }
                previous = row.number
                guard row.cells.count <= SpreadsheetColumn.maximumIndex + 1 else {
                    throw failure("sheet '\(sheet.name)' row \(row.number) has cells past Excel's last column XFD")
                }
                for (column, text) in row.cells.enumerated() where text.utf16.count > Self.maximumCellLength {
                    let reference = SpreadsheetColumn.reference(column: column, row: row.number)
                    throw failure(
                        "sheet '\(sheet.name)' cell \(reference) holds \(text.utf16.count) characters; Excel allows at most \(Self.maximumCellLength)"
                    )
                }
            }
        }
    }

    /// Why Excel would refuse `name` as a sheet name, or `nil` if it is fine.
    static func problem(withSheetName name: String) -> String? {
        if name.trimmingCharacters(in: .whitespaces).isEmpty { return "is blank" }
        if name.utf16.count > 31 { return "is longer than the 31 characters Excel allows" }
        if let character = name.first(where: { "[]:*?/\\".contains($0) }) {
            return "contains '\(character)', which Excel does not allow in sheet names"
        }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || !OOXMLText.isAllowedInXML($0) }) {
            return "contains a control character"
        }
        if name.hasPrefix("'") || name.hasSuffix("'") { return "starts or ends with an apostrophe, which Excel does not allow" }
        return nil
    }

    // MARK: - Parts

    private struct SharedStrings {
        private var indexes: [String: Int] = [:]
        private var ordered: [String] = []
        private var references = 0

        mutating func index(of text: String) -> Int {
            references += 1
            if let index = indexes[text] { return index }
            indexes[text] = ordered.count
            ordered.append(text)
            return ordered.count - 1
        }

        var xml: String {
            var xml = XLSXWriter.declaration
            xml += "<sst xmlns=\"\(XLSXWriter.mainNamespace)\" count=\"\(references)\" uniqueCount=\"\(ordered.count)\">"
            for text in ordered {
                xml += XLSXWriter.needsPreservedSpace(text) ? "<si><t xml:space=\"preserve\">" : "<si><t>"
                xml += OOXMLText.elementContent(text)
                xml += "</t></si>"
            }
            xml += "</sst>"
            return xml
        }
    }

    /// Whether `text` has whitespace an XML reader might not keep: at either end, line breaks, tabs or runs of spaces.
    static func needsPreservedSpace(_ text: String) -> Bool {
        let bytes = text.utf8
        guard let first = bytes.first, let last = bytes.last else { return false }
        if first == 0x20 || last == 0x20 { return true }
        var previous: UInt8 = 0
        for byte in bytes {
            if byte == 0x09 || byte == 0x0A || byte == 0x0D || (byte == 0x20 && previous == 0x20) { return true }
            previous = byte
        }
        return false
    }

    private func worksheetXML(_ sheet: Sheet, selected: Bool, strings: inout SharedStrings) -> String {
        let columnCount = sheet.columnCount
        let lastRow = sheet.rows.last?.number ?? 1
        let dimension = columnCount == 0 ? "A1" : "A1:\(SpreadsheetColumn.reference(column: columnCount - 1, row: lastRow))"
        let frozen = sheet.rows.first?.number == 1
        var xml = Self.declaration
        xml += "<worksheet xmlns=\"\(Self.mainNamespace)\" xmlns:r=\"\(Self.relationshipsNamespace)\">"
        xml += "<dimension ref=\"\(dimension)\"/>"
        xml += "<sheetViews><sheetView\(selected ? " tabSelected=\"1\"" : "") workbookViewId=\"0\">"
        if frozen {
            xml += "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
            xml += "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/>"
        }
        xml += "</sheetView></sheetViews>"
        xml += "<sheetFormatPr defaultRowHeight=\"15\"/>"
        if columnCount > 0 {
            xml += "<cols>"
            for (index, width) in Self.columnWidths(sheet, columnCount: columnCount).enumerated() {
                xml += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(width)\" customWidth=\"1\"/>"
            }
            xml += "</cols>"
        }
        xml += "<sheetData>"
        let letters = (0..<columnCount).map(SpreadsheetColumn.letter)
        for row in sheet.rows {
            let number = String(row.number)
            xml += "<row r=\"" + number + "\">"
            let style = row.number == 1 ? "\" s=\"1\" t=\"s\"><v>" : "\" t=\"s\"><v>"
            for (column, text) in row.cells.enumerated() where !text.isEmpty {
                xml += "<c r=\"" + letters[column] + number + style + String(strings.index(of: text)) + "</v></c>"
            }
            xml += "</row>"
        }
        xml += "</sheetData></worksheet>"
        return xml
    }

    /// Widths in characters (counted as Unicode scalars): the longest line in each column plus a margin, between 8 and 60.
    private static func columnWidths(_ sheet: Sheet, columnCount: Int) -> [Int] {
        var widths = Array(repeating: 0, count: columnCount)
        for row in sheet.rows {
            for (column, text) in row.cells.enumerated() where !text.isEmpty {
                var longest = 0, current = 0
                for byte in text.utf8 {
                    if byte == 0x0A {
                        current = 0
                    } else if byte & 0xC0 != 0x80 {
                        current += 1
                        longest = max(longest, current)
                    }
                }
                widths[column] = max(widths[column], longest)
            }
        }
        return widths.map { min(max($0 + 2, 8), 60) }
    }

    static func workbookXML(sheetNames: [String]) -> String {
        var xml = Self.declaration
        xml += "<workbook xmlns=\"\(Self.mainNamespace)\" xmlns:r=\"\(Self.relationshipsNamespace)\">"
        xml += "<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
        for (index, name) in sheetNames.enumerated() {
            xml += "<sheet name=\"\(OOXMLText.attributeValue(name))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }
        xml += "</sheets></workbook>"
        return xml
    }

    static func workbookRelationshipsXML(sheetCount: Int, sharedStrings: Bool) -> String {
        var xml = Self.declaration
        xml += "<Relationships xmlns=\"\(Self.packageRelationshipsNamespace)\">"
        for index in 1...sheetCount {
            xml += "<Relationship Id=\"rId\(index)\" Type=\"\(Self.officeRelationshipType)/worksheet\" Target=\"worksheets/sheet\(index).xml\"/>"
        }
        xml += "<Relationship Id=\"rId\(sheetCount + 1)\" Type=\"\(Self.officeRelationshipType)/styles\" Target=\"styles.xml\"/>"
        if sharedStrings {
            xml += "<Relationship Id=\"rId\(sheetCount + 2)\" Type=\"\(Self.officeRelationshipType)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        }
        xml += "</Relationships>"
        return xml
    }

    static func contentTypesXML(sheetCount: Int, sharedStrings: Bool) -> String {
        let spreadsheetML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        var xml = Self.declaration
        xml += "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        xml += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        xml += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        xml += "<Override PartName=\"/xl/workbook.xml\" ContentType=\"\(spreadsheetML).sheet.main+xml\"/>"
        for index in 1...sheetCount {
            xml += "<Override PartName=\"/xl/worksheets/sheet\(index).xml\" ContentType=\"\(spreadsheetML).worksheet+xml\"/>"
        }
        xml += "<Override PartName=\"/xl/styles.xml\" ContentType=\"\(spreadsheetML).styles+xml\"/>"
        if sharedStrings {
            xml += "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"\(spreadsheetML).sharedStrings+xml\"/>"
        }
        xml += "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
        xml += "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
        xml += "</Types>"
        return xml
    }

    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelationshipsNamespace = "http://schemas.openxmlformats.org/package/2006/relationships"
    static let officeRelationshipType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    static let packageRelationshipsXML = declaration
        + "<Relationships xmlns=\"\(packageRelationshipsNamespace)\">"
        + "<Relationship Id=\"rId1\" Type=\"\(officeRelationshipType)/officeDocument\" Target=\"xl/workbook.xml\"/>"
        + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
        + "<Relationship Id=\"rId3\" Type=\"\(officeRelationshipType)/extended-properties\" Target=\"docProps/app.xml\"/>"
        + "</Relationships>"

    static let appXML = declaration
        + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
        + "<Application>Sanarip</Application></Properties>"

    static let coreXML = declaration
        + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
        + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\""
        + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:creator>Sanarip</dc:creator></cp:coreProperties>"

    /// Two fonts (regular, bold), the two fills Excel requires, one border; cell format 1 is bold.
    static let stylesXML = declaration
        + "<styleSheet xmlns=\"\(mainNamespace)\">"
        + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
        + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>"
        + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
        + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/></cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        + "</styleSheet>"

    // MARK: - ZIP

    /// 1980-01-01T00:00:00Z, the earliest time a ZIP entry can carry.
    static let entryDate = Date(timeIntervalSince1970: 315_532_800)

    private static func zip(_ parts: [(path: String, xml: String)]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for part in parts {
            let bytes = Data(part.xml.utf8)
            try archive.addEntry(
                with: part.path,
                type: .file,
                uncompressedSize: Int64(bytes.count),
                modificationDate: entryDate,
                compressionMethod: .deflate,
                provider: { position, size in
                    bytes.subdata(in: Int(position)..<Int(position) + size)
                }
            )
        }
        guard let data = archive.data else { throw Archive.ArchiveError.unwritableArchive }
        return data
    }
}
