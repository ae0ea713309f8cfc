import Foundation
import SanaripCore
import SanaripStorage

/// The current submissions of a form as tables: one wide table of submissions and one per repeat with
/// `PARENT_KEY` and `KEY`, columns named as ODK Central names them, read page by page so memory stays flat.
///
/// ```swift
/// let export = try await SubmissionExport.prepare(formID: "hh", stores: stores)
/// var writer = try CSVExportWriter(output: url)
/// try await export.write(to: &writer)
/// ```
public struct SubmissionExport: Sendable {
    public let formID: String
    public let tables: [ExportTable]
    let stores: Stores
    /// For each table, the layout of its question columns.
    let layouts: [TableLayout]
    /// The questions left out as sensitive (their paths), for telling the user.
    public let sensitiveLeftOut: [String]
    public let options: Options
    static let pageSize = 500

    /// What goes into an export besides the answers' names.
    public struct Options: Sendable, Hashable {
        /// Keep the questions the instrument marks sensitive (names, phone numbers, exact GPS): only for users
        /// with ``Permission/viewSensitive``, or the CLI's explicit `--include-sensitive`.
        public var includeSensitive: Bool
        /// Write choice labels in this language (an ISO code; `""` for the form's default language) instead of choice names.
        public var labels: String?

        public init(includeSensitive: Bool = false, labels: String? = nil) {
            self.includeSensitive = includeSensitive
            self.labels = labels
        }
    }

    /// Prepares the export of `formID` from the questions of every published version, newest first.
    ///
    /// - Throws: ``SubmissionExportError/unknownForm(_:)`` when the form was never published.
    public static func prepare(formID: String, stores: Stores, options: Options = Options()) async throws -> SubmissionExport {
        let versions = try await stores.forms.versions(formID: formID)
        guard !versions.isEmpty else { throw SubmissionExportError.unknownForm(formID) }
        let cache = InstrumentCache(instruments: stores.instruments)
        var instruments: [Instrument] = []
        var seen = Set<String>()
        for version in versions where seen.insert(version.instrumentID).inserted {
            instruments.append(try await cache.instrument(id: version.instrumentID))
        }
        let layouts = TableLayout.layouts(of: instruments, includeSensitive: options.includeSensitive, labels: options.labels)
        let leftOut = options.includeSensitive ? [] : TableLayout.sensitivePaths(of: instruments).sorted()
        let tables = layouts.map { layout in
            ExportTable(
                name: layout.repeatPath.isEmpty ? formID : "\(formID)-\(layout.repeatPath.split(separator: "/").last ?? "")",
                repeatPath: layout.repeatPath,
                columns: layout.repeatPath.isEmpty
                    ? [ExportColumn(name: "SubmissionDate", kind: .dateTime)] + layout.columns + TableLayout.submissionColumns
                    : layout.columns + [ExportColumn(name: "PARENT_KEY"), ExportColumn(name: "KEY")]
            )
        }
        return SubmissionExport(formID: formID, tables: tables, stores: stores, layouts: layouts, sensitiveLeftOut: leftOut, options: options)
    }

    /// Records in the audit log that `actor` exported the form as `format`, with or without its sensitive questions.
    public func record(format: ExportFormat, by actor: String) async throws {
        var detail = ["format": format.rawValue, "sensitive": String(options.includeSensitive)]
        if let labels = options.labels { detail["labels"] = labels.isEmpty ? "default" : labels }
        try await stores.auditLog.record(AuditEntry(user: actor, action: .export, objectType: "form", objectID: formID, detail: detail))
    }

    /// Writes every current submission (an edited one once, as its latest version); `progress` gets the count so far.
    public func write(to writer: inout some ExportTableWriter, progress: (Int) -> Void = { _ in }) async throws {
        try writer.begin(tables)
        let tableOfRepeat = Dictionary(uniqueKeysWithValues: layouts.enumerated().map { ($1.repeatPath, $0) })
        var after: Int64?
        var count = 0
        while true {
            let page = try await stores.submissions.currentSubmissions(formID: formID, after: after, limit: Self.pageSize)
            guard let last = page.last else { break }
            for detail in page {
                try write(detail, tableOfRepeat: tableOfRepeat, to: &writer)
            }
            count += page.count
            progress(count)
            after = last.submission.id
        }
        try writer.finish()
    }

    private func write(_ detail: SubmissionDetail, tableOfRepeat: [String: Int], to writer: inout some ExportTableWriter) throws {
        let submission = detail.submission
        var keys: [String] = []
        keys.reserveCapacity(detail.rows.count)
        for row in detail.rows {
            let key: String
            if let parent = row.parent, keys.indices.contains(parent) {
                let parentPath = detail.rows[parent].repeatPath
                let relative = parentPath.isEmpty ? row.repeatPath : String(row.repeatPath.dropFirst(parentPath.count + 1))
                key = "\(keys[parent])/\(relative)[\(row.position)]"
            } else {
                key = submission.instanceID
            }
            keys.append(key)
            guard let table = tableOfRepeat[row.repeatPath] else { continue }
            var cells = layouts[table].cells(for: row)
            if row.repeatPath.isEmpty {
                let present = detail.attachments.filter(\.isPresent).count
                cells.insert(TableLayout.timestamp(submission.receivedAt), at: 0)
                cells += [
                    submission.instanceID, key, submission.collectorID.map(String.init) ?? "", submission.submitter,
                    String(present), String(detail.attachments.count), submission.reviewState.rawValue, submission.deviceID ?? "",
                    String(detail.editCount), submission.version,
                ]
            } else {
                cells += [row.parent.map { keys[$0] } ?? submission.instanceID, key]
            }
            try writer.write(cells, table: table)
        }
    }
}

/// Why an export could not start.
public enum SubmissionExportError: Error, CustomStringConvertible {
    case unknownForm(String)

    public var description: String {
        switch self {
        case .unknownForm(let formID):
            "no form '\(formID)' is published here. 'sanarip form publish' publishes one; the form id is in its settings sheet."
        }
    }
}
