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
    public static func load(contentsOf url: URL) throws(SpreadsheetError) -> Workbook { throw SpreadsheetError(file: url.path, message: "stub") }
}
public struct ExpressionError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String; public var offset: Int; public var length: Int
    public var description: String { message }
}
public struct Expression: Sendable {
    var text: String
    public var referencedNames: [String] {
        let regex = try! NSRegularExpression(pattern: #"\$\{([^}]*)\}"#)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { String(text[Range($0.range(at: 1), in: text)!]) }
    }
    public func xpath(resolving: (String, Bool) -> String) -> String {
        var out = text
        for name in referencedNames { out = out.replacingOccurrences(of: "${\(name)}", with: " " + resolving(name, false) + " ") }
        return out
    }
}
public enum ExpressionParser {
    public static func parse(_ source: String) throws(ExpressionError) -> Expression { Expression(text: source) }
}
