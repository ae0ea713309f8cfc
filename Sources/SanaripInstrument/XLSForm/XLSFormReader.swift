import Foundation
import SanaripCore

/// Reads an XLSForm (an `.xlsx` workbook or a folder of CSV sheets) into an ``Instrument``,
/// checking it the way ODK's tools do and reporting every problem with its sheet, row and column.
///
/// ```swift
/// let result = XLSFormReader().read(contentsOf: url)
/// for problem in result.diagnostics { print(problem) }
/// let instrument = try result.get()
/// ```
public struct XLSFormReader: Sendable {
    public init() {}

    /// Reads the form at `url`: an `.xlsx` file, a folder with `survey.csv`, `choices.csv` and `settings.csv`,
    /// or a single `survey.csv`. A file that cannot be read at all gives one diagnostic saying why.
    public func read(contentsOf url: URL) -> XLSFormResult {
        do {
            return read(try Self.workbook(contentsOf: url))
        } catch {
            return XLSFormResult(
                instrument: Instrument(),
                diagnostics: [XLSFormDiagnostic(.error, file: error.file, message: error.message)]
            )
        }
    }

    /// The workbook at `url` with its cells read as pyxform reads them (a date-formatted version such as
    /// `2021-05-03 00:35:31.488000`), for ``read(_:)``.
    public static func workbook(contentsOf url: URL) throws(SpreadsheetError) -> Workbook {
        try WorkbookLoader.load(contentsOf: url, dateStyle: .pyxform)
    }

    /// Reads a workbook already in memory.
    public func read(_ workbook: Workbook) -> XLSFormResult {
        var parser = XLSFormParser(workbook: workbook)
        let instrument = parser.parse()
        let diagnostics = parser.diagnostics.enumerated().sorted { lhs, rhs in
            if lhs.element.severity != rhs.element.severity { return lhs.element.severity < rhs.element.severity }
            return lhs.offset < rhs.offset
        }.map(\.element)
        return XLSFormResult(instrument: instrument, diagnostics: diagnostics)
    }
}

/// What reading an XLSForm gave: the instrument as far as it could be read, and every problem found.
public struct XLSFormResult: Sendable {
    public var instrument: Instrument
    /// Errors first, then warnings, each in sheet order.
    public var diagnostics: [XLSFormDiagnostic]

    public var errors: [XLSFormDiagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [XLSFormDiagnostic] { diagnostics.filter { $0.severity == .warning } }
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// The instrument, or every diagnostic when there is an error.
    public func get() throws(XLSFormFailure) -> Instrument {
        if hasErrors { throw XLSFormFailure(diagnostics: diagnostics) }
        return instrument
    }
}
