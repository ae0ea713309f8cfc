import Foundation

/// The cells of a spreadsheet file or a folder of CSV sheets, sheet by sheet in the file's order.
///
/// Two workbooks are equal when their sheets are equal; ``source`` only names the workbook in messages.
public struct Workbook: Sendable, Hashable {
    /// The sheets in the order the workbook shows them.
    public var sheets: [Sheet]
    /// The file or folder name the workbook came from, used to prefix messages.
    public var source: String

    public init(sheets: [Sheet], source: String = "workbook") {
        self.sheets = sheets
        self.source = source
    }

    /// The first sheet whose name matches `name`, ignoring case and surrounding spaces
    /// (XLSForm authors often type `Survey` or `survey `).
    public func sheet(named name: String) -> Sheet? {
        let wanted = Self.normalizedSheetName(name)
        return sheets.first { Self.normalizedSheetName($0.name) == wanted }
    }

    /// The sheet names in workbook order.
    public var sheetNames: [String] { sheets.map(\.name) }

    public static func == (lhs: Workbook, rhs: Workbook) -> Bool {
        lhs.sheets == rhs.sheets
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(sheets)
    }

    static func normalizedSheetName(_ name: String) -> String {
        name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
