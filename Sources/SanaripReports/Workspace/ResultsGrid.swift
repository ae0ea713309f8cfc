import SanaripCore

/// A table of numbers as a workspace page, a CSV download and a report appendix show it: headings and rows of
/// cells, numbers kept as numbers so that each output writes them its own way (the page and report in the
/// reader's locale, CSV with a point and full precision).
public struct ResultsGrid: Sendable {
    public enum Cell: Sendable {
        case text(String)
        /// A number shown with `digits` decimals.
        case number(Double, digits: Int)
        case count(Int)
    }

    public var title: String
    public var columns: [String]
    public var rows: [[Cell]]
    /// Rows to mark (small cells, significant gaps), by index, with the mark's meaning in ``note``.
    public var marked: Set<Int>
    public var note: String

    public init(title: String, columns: [String], rows: [[Cell]], marked: Set<Int> = [], note: String = "") {
        self.title = title
        self.columns = columns
        self.rows = rows
        self.marked = marked
        self.note = note
    }

    /// The headings, then each row's cells as data files write them: numbers with a point, unrounded, missing empty.
    public var records: [[String]] {
        [columns] + rows.map { row in
            row.map { cell in
                switch cell {
                case .text(let text): text
                case .number(let value, _): value.isFinite ? "\(value)" : ""
                case .count(let count): String(count)
                }
            }
        }
    }

    /// The grid as CSV (UTF-8, comma-separated, numbers with a point, unrounded).
    public var csv: String {
        func field(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        return records.map { $0.map(field).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// The grid as an HTML table in `language`'s number format; marked rows get class `marked`.
    public func html(language: String) -> String {
        var html = "<div class=\"table-wrap\"><table class=\"results\">\n<caption>\(title.htmlEscaped)</caption>\n<thead><tr>"
        html += columns.enumerated().map { index, name in "<th\(index == 0 ? "" : " class=\"number\"")>\(name.htmlEscaped)</th>" }.joined()
        html += "</tr></thead>\n<tbody>\n"
        for (index, row) in rows.enumerated() {
            html += marked.contains(index) ? "<tr class=\"marked\">" : "<tr>"
            for cell in row {
                switch cell {
                case .text(let text): html += "<td>\(text.htmlEscaped)</td>"
                case .number(let value, let digits): html += "<td class=\"number\">\(LocalizedNumber.text(value, digits: digits, language: language))</td>"
                case .count(let count): html += "<td class=\"number\">\(LocalizedNumber.text(count, language: language))</td>"
                }
            }
            html += "</tr>\n"
        }
        html += "</tbody></table></div>\n"
        if !note.isEmpty { html += "<p class=\"note\">\(note.htmlEscaped)</p>\n" }
        return html
    }
}
