import Foundation

/// The file formats an export is written in, and the one place that picks the writer for each.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// CSV as ODK Central writes it, one file per table.
    case csv
    /// One workbook, one sheet per table.
    case xlsx
    /// One array of objects per table.
    case json
    /// SPSS system files with variable and value labels, one per table.
    case sav

    /// The files' extension.
    public var fileExtension: String { rawValue }

    /// The media type of one file.
    var contentType: String {
        switch self {
        case .csv: "text/csv; charset=utf-8"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .json: "application/json"
        case .sav: "application/x-spss-sav"
        }
    }

    /// Writes `export` to `output` (repeats beside it); `language` is the ISO code of a `.sav` export's labels.
    /// An export that decrypts writes the submissions' decrypted attachments to `media/` beside `output`.
    public func write(
        _ export: SubmissionExport, to output: URL, language: String? = nil, progress: (Int) -> Void = { _ in }
    ) async throws -> ExportResult {
        let media = export.decryption == nil ? nil : output.deletingLastPathComponent().appendingPathComponent("media")
        func result(_ outcome: SubmissionExport.Outcome, _ files: [URL]) -> ExportResult {
            ExportResult(files: files, media: outcome.media, leftOut: outcome.leftOut)
        }
        switch self {
        case .csv:
            var writer = CSVExportWriter(output: output)
            return result(try await export.write(to: &writer, media: media, progress: progress), writer.destinations)
        case .xlsx:
            var writer = XLSXExportWriter(output: output)
            return result(try await export.write(to: &writer, media: media, progress: progress), writer.destinations)
        case .json:
            var writer = JSONExportWriter(output: output)
            return result(try await export.write(to: &writer, media: media, progress: progress), writer.destinations)
        case .sav:
            var writer = SPSSExportWriter(output: output, language: language)
            return result(try await export.write(to: &writer, media: media, progress: progress), writer.destinations)
        }
    }
}

/// What an export wrote: its files, the submissions' first, the decrypted attachments (`media/NAME` beside
/// them), and why encrypted submissions were left out.
public struct ExportResult: Sendable {
    public var files: [URL]
    public var media: [URL]
    public var leftOut: [String]
}
