import SanaripCore

/// A problem found in an XLSForm, located by sheet, row and column, with what to do about it.
public struct XLSFormDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// Errors stop a conversion; warnings are reported and the form is still written.
    public enum Severity: String, Sendable, Hashable, Comparable {
        case error, warning

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .error && rhs == .warning }
    }

    public var severity: Severity
    /// The file or folder the form came from.
    public var file: String?
    public var sheet: String?
    /// The row as the spreadsheet numbers it (header is row 1).
    public var row: Int?
    /// The column header as written, e.g. `relevant` or `label::Kyrgyz (ky)`.
    public var column: String?
    /// The column's letter (`E`), where known.
    public var columnLetter: String?
    public var message: String
    /// What the author can do to fix it.
    public var fix: String?

    public init(
        _ severity: Severity, file: String? = nil, sheet: String? = nil, row: Int? = nil,
        column: String? = nil, columnLetter: String? = nil, message: String, fix: String? = nil
    ) {
        self.severity = severity
        self.file = file
        self.sheet = sheet
        self.row = row
        self.column = column
        self.columnLetter = columnLetter
        self.message = message
        self.fix = fix
    }

    /// Where the problem is, e.g. `form.xlsx, sheet survey, row 12, column relevant (E)`.
    public var location: String {
        var parts: [String] = []
        if let file { parts.append(file) }
        if let sheet { parts.append("sheet \(sheet)") }
        if let row { parts.append("row \(row)") }
        if let column {
            parts.append(columnLetter.map { "column \(column) (\($0))" } ?? "column \(column)")
        }
        return parts.joined(separator: ", ")
    }

    public var description: String {
        var text = "\(severity.rawValue): "
        let location = location
        if !location.isEmpty { text += location + ": " }
        text += message
        if let fix { text += ". " + fix }
        return text
    }
}

/// The problems that kept an XLSForm from being read, all of them, errors first.
public struct XLSFormFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public var diagnostics: [XLSFormDiagnostic]

    public init(diagnostics: [XLSFormDiagnostic]) {
        self.diagnostics = diagnostics
    }

    public var errors: [XLSFormDiagnostic] { diagnostics.filter { $0.severity == .error } }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
