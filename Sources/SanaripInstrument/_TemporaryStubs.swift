// TEMPORARY: stand-ins until the spreadsheet and expression modules land. Delete when they do.
import Foundation
import SanaripCore

public struct Workbook: Sendable, Hashable {
    public var sheets: [Sheet]
    public var source: String = ""
    public init(sheets: [Sheet]) { self.sheets = sheets }
    public func sheet(named name: String) -> Sheet? { sheets.first { $0.name.lowercased() == name.lowercased() } }
}
public struct Sheet: Sendable, Hashable { public var name: String; public var rows: [Row] }
public struct Row: Sendable, Hashable {
    public var number: Int
    public var cells: [String]
    public subscript(column: Int) -> String { column < cells.count ? cells[column] : "" }
}
public enum SpreadsheetColumn { public static func letter(_ index: Int) -> String { String(UnicodeScalar(65 + index)!) } }
public struct SpreadsheetError: Error, Sendable, Hashable { public var file: String; public var message: String }
public enum WorkbookLoader {
    public static func load(contentsOf url: URL) throws(SpreadsheetError) -> Workbook {
        var sheets: [Sheet] = []
        for name in ["survey", "choices", "settings"] {
            guard let text = try? String(contentsOf: url.appendingPathComponent(name + ".csv"), encoding: .utf8) else { continue }
            var rows: [Row] = []; var row: [String] = []; var field = ""; var quoted = false; var number = 1
            var chars = Array(text); var i = 0
            while i < chars.count {
                let c = chars[i]
                if quoted { if c == "\"" { if i + 1 < chars.count && chars[i+1] == "\"" { field.append("\""); i += 1 } else { quoted = false } } else { field.append(c) } }
                else if c == "\"" { quoted = true }
                else if c == "," { row.append(field); field = "" }
                else if c == "\n" { row.append(field); field = ""; if row.contains(where: { !$0.isEmpty }) { rows.append(Row(number: number, cells: row)) }; row = []; number += 1 }
                else if c != "\r" { field.append(c) }
                i += 1
            }
            if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(Row(number: number, cells: row)) }
            _ = chars; chars = []
            sheets.append(Sheet(name: name, rows: rows))
        }
        var workbook = Workbook(sheets: sheets); workbook.source = url.lastPathComponent
        return workbook
    }
}
public struct XLSXWriter { public init() {}; public func data(for workbook: Workbook) throws -> Data { Data() } }
public enum WorkbookWriter { public static func writeCSVFolder(_ workbook: Workbook, to url: URL) throws {} }
