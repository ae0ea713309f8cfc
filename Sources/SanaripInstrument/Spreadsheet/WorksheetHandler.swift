import Foundation

/// Reads one `xl/worksheets/sheetN.xml` into rows of cell text.
///
/// Cells addressed by `r` may skip columns and rows; cells and rows without `r` follow the previous one.
/// Rows whose cells are all empty are left out; the rest keep their spreadsheet row numbers.
final class WorksheetHandler: XMLPartHandler {
    /// What cell values are interpreted with.
    struct Context {
        var sharedStrings: SharedStringTable
        var formats: [NumberFormat]
        var date1904: Bool
        var dateStyle: SpreadsheetDateStyle
    }

    private let context: Context
    private let cellLimit: Int
    /// Cells stored so far, counting cells of sheets read before this one.
    private(set) var cellCount: Int
    private var rowsByNumber: [Int: [String]] = [:]

    private var inSheetData = false
    private var inRow = false
    private var rowNumber = 0
    private var rowNumberIsImplicit = false
    private var rowCells: [String] = []
    private var column = -1

    private var inCell = false
    private var cellType = ""
    private var cellFormat = NumberFormat.number
    private var explicitReference: String?
    private var value = ""
    private var inlineText = ""
    private var hasInlineString = false
    private var inValue = false
    private var inInlineString = false
    private var inInlineText = false
    private var phoneticDepth = 0

    init(context: Context, cellsUsed: Int, cellLimit: Int) {
        self.context = context
        self.cellCount = cellsUsed
        self.cellLimit = cellLimit
    }

    /// The non-empty rows in row order.
    var rows: [Row] {
        rowsByNumber.keys.sorted().map { Row(number: $0, cells: rowsByNumber[$0] ?? []) }
    }

    override func didStart(_ name: XMLName, attributes: XMLAttributes) {
        switch name {
        case "sheetData":
            inSheetData = true
        case "row" where inSheetData:
            startRow(attributes)
        case "c" where inRow:
            startCell(attributes)
        case "v" where inCell:
            inValue = true
        case "is" where inCell:
            inInlineString = true
            hasInlineString = true
        case "rPh" where inInlineString:
            phoneticDepth += 1
        case "t" where inInlineString:
            inInlineText = phoneticDepth == 0
        default:
            break
        }
    }

    override func didEnd(_ name: XMLName) {
        switch name {
        case "sheetData":
            inSheetData = false
        case "row" where inRow:
            finishRow()
        case "c" where inCell:
            finishCell()
        case "v":
            inValue = false
        case "is":
            inInlineString = false
        case "rPh" where inInlineString:
            phoneticDepth -= 1
        case "t":
            inInlineText = false
        default:
            break
        }
    }

    override func found(_ text: String) {
        if inValue {
            value += text
        } else if inInlineText {
            inlineText += text
        }
    }

    // MARK: - Rows

    private func startRow(_ attributes: XMLAttributes) {
        inRow = true
        let width = rowCells.count
        rowCells = []
        rowCells.reserveCapacity(width)
        column = -1
        if let reference = attributes["r"] {
            guard let number = Int(Self.trimmed(reference)), number >= 1 else {
                fail("has a row with an invalid number '\(reference)'")
                return
            }
            rowNumber = number
            rowNumberIsImplicit = false
        } else {
            rowNumber += 1
            rowNumberIsImplicit = true
        }
    }

    private func finishRow() {
        inRow = false
        let row = Row(number: rowNumber, cells: rowCells)
        guard !row.isEmpty else { return }
        if let existing = rowsByNumber[rowNumber] {
            var merged = existing
            for (index, text) in row.cells.enumerated() where !text.isEmpty {
                if index < merged.count { merged[index] = text } else {
                    merged += Array(repeating: "", count: index - merged.count) + [text]
                }
            }
            cellCount += merged.count - existing.count
            rowsByNumber[rowNumber] = merged
        } else {
            cellCount += row.cells.count
            rowsByNumber[rowNumber] = row.cells
        }
        if cellCount > cellLimit {
            fail("takes the workbook past \(cellLimit) cells; refusing to read it")
        }
    }

    // MARK: - Cells

    private func startCell(_ attributes: XMLAttributes) {
        inCell = true
        cellType = attributes["t"] ?? ""
        value = ""
        inlineText = ""
        hasInlineString = false
        phoneticDepth = 0
        if let style = attributes["s"].flatMap({ Int($0) }), context.formats.indices.contains(style) {
            cellFormat = context.formats[style]
        } else {
            cellFormat = context.formats.first ?? .number
        }
        explicitReference = attributes["r"]
        if let reference = explicitReference {
            guard let (columnIndex, rowIndex) = Self.parse(reference: reference) else {
                fail("has a cell with an invalid reference '\(reference)'")
                return
            }
            if rowNumberIsImplicit, rowCells.isEmpty, column < 0 {
                rowNumber = rowIndex
                rowNumberIsImplicit = false
            }
            column = columnIndex
        } else {
            column += 1
            guard column <= SpreadsheetColumn.maximumIndex else {
                fail("has a row with more than \(SpreadsheetColumn.maximumIndex + 1) cells")
                return
            }
        }
    }

    private func finishCell() {
        inCell = false
        inValue = false
        inInlineString = false
        inInlineText = false
        guard let text = cellText(), !text.isEmpty else { return }
        if column >= rowCells.count {
            rowCells.append(contentsOf: repeatElement("", count: column - rowCells.count))
            rowCells.append(text)
        } else {
            rowCells[column] = text
        }
    }

    /// The current cell's reference for messages, as the file gives it or as its position implies.
    private var cellReference: String {
        explicitReference ?? SpreadsheetColumn.reference(column: column, row: rowNumber)
    }

    /// The cell's text; `nil` after a failure.
    private func cellText() -> String? {
        switch cellType {
        case "s":
            guard let index = Int(Self.trimmed(value)) else {
                return value.isEmpty ? "" : failing("has a cell \(cellReference) with an invalid shared string index '\(value)'")
            }
            guard let string = context.sharedStrings.string(at: index) else {
                return failing(
                    "has a cell \(cellReference) that refers to shared string #\(index), but the workbook has only \(context.sharedStrings.count)"
                )
            }
            return string
        case "inlineStr":
            return OOXMLText.decodingEscapes(hasInlineString ? inlineText : value)
        case "str":
            return OOXMLText.decodingEscapes(value)
        case "b":
            switch Self.trimmed(value) {
            case "1": return "TRUE"
            case "0": return "FALSE"
            default: return value
            }
        case "e", "d":
            return value
        default:
            if hasInlineString { return OOXMLText.decodingEscapes(inlineText) }
            return numberText()
        }
    }

    private func numberText() -> String {
        let stored = Self.trimmed(value)
        guard !stored.isEmpty else { return "" }
        if cellFormat != .number, let serial = Double(stored) {
            let text = switch context.dateStyle {
            case .iso8601: ExcelDate.text(serial: serial, format: cellFormat, date1904: context.date1904)
            case .pyxform: ExcelDate.pyxformText(serial: serial, format: cellFormat, date1904: context.date1904)
            }
            if let text { return text }
        }
        return NumberText.text(forStored: stored)
    }

    private func failing(_ message: String) -> String? {
        fail(message)
        return nil
    }

    /// The 0-based column and 1-based row of a reference such as `C5` (`$C$5` is accepted too).
    static func parse(reference: String) -> (column: Int, row: Int)? {
        var column = 0, row = 0, letters = 0, digits = 0
        for byte in reference.utf8 {
            switch byte {
            case UInt8(ascii: "$"):
                continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                guard digits == 0, letters < 3 else { return nil }
                column = column * 26 + Int((byte | 0x20) - UInt8(ascii: "a") + 1)
                letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard letters > 0, digits < 10 else { return nil }
                row = row * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
            default:
                return nil
            }
        }
        guard digits > 0, row >= 1, column - 1 <= SpreadsheetColumn.maximumIndex else { return nil }
        return (column - 1, row)
    }

    /// `text` without leading and trailing XML whitespace.
    static func trimmed(_ text: String) -> String {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard let first = text.utf8.first, let last = text.utf8.last, isSpace(first) || isSpace(last) else { return text }
        let bytes = text.utf8
        guard let start = bytes.firstIndex(where: { !isSpace($0) }), let end = bytes.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(text[start...end])
    }
}
