import Foundation
import SanaripCore
import SanaripInstrument
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
    /// Each version's instrument, for reading decrypted submissions.
    let instrumentOfVersion: [String: Instrument]
    /// The private key and where the encrypted files are, when encrypted submissions are to be decrypted.
    let decryption: Decryption?
    static let pageSize = 500

    /// What decrypting an encrypted form's submissions needs: the private key (in memory only) and the data folder
    /// holding the `.enc` attachments.
    public struct Decryption: Sendable {
        public var decryptor: SubmissionDecryptor
        public var dataDirectory: URL

        public init(decryptor: SubmissionDecryptor, dataDirectory: URL) {
            self.decryptor = decryptor
            self.dataDirectory = dataDirectory
        }
    }

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
    /// Without `decryption`, an encrypted form's submissions are rows of their own columns with empty answers.
    public static func prepare(formID: String, stores: Stores, options: Options = Options(), decryption: Decryption? = nil) async throws -> SubmissionExport {
        let versions = try await stores.forms.versions(formID: formID)
        guard !versions.isEmpty else { throw SubmissionExportError.unknownForm(formID) }
        let cache = InstrumentCache(instruments: stores.instruments)
        var instruments: [Instrument] = []
        var instrumentOfVersion: [String: Instrument] = [:]
        var seen = Set<String>()
        for version in versions {
            let instrument = try await cache.instrument(id: version.instrumentID)
            instrumentOfVersion[version.version] = instrument
            if seen.insert(version.instrumentID).inserted { instruments.append(instrument) }
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
        return SubmissionExport(
            formID: formID, tables: tables, stores: stores, layouts: layouts, sensitiveLeftOut: leftOut, options: options,
            instrumentOfVersion: instrumentOfVersion, decryption: decryption
        )
    }

    /// Records in the audit log that `actor` exported the form as `format`, with or without its sensitive questions.
    public func record(format: ExportFormat, by actor: String) async throws {
        var detail = ["format": format.rawValue, "sensitive": String(options.includeSensitive)]
        if let labels = options.labels { detail["labels"] = labels.isEmpty ? "default" : labels }
        try await stores.auditLog.record(AuditEntry(user: actor, action: .export, objectType: "form", objectID: formID, detail: detail))
    }

    /// What writing an export did besides its tables.
    public struct Outcome: Sendable {
        /// Why encrypted submissions were left out (files not yet received, a signature that fails).
        public var leftOut: [String] = []
        /// The decrypted attachments written to the media folder.
        public var media: [URL] = []
    }

    /// Writes every current submission (an edited one once, as its latest version); `progress` gets the count so far.
    /// With a private key, decrypted attachments go to `media` (the export's `media` folder, as in Central's ZIP).
    /// The next page is read from the store while the current one is written (two pages at most in memory).
    ///
    /// - Throws: ``SubmissionDecryptionError/wrongKey(instanceID:)`` when the private key is not the form's; the
    ///   attachments written by then are deleted.
    @discardableResult
    public func write(to writer: inout some ExportTableWriter, media: URL? = nil, progress: (Int) -> Void = { _ in }) async throws -> Outcome {
        var outcome = Outcome()
        var files = media.map(ExportMedia.init(folder:))
        var complete = false
        defer { if !complete { files?.discard() } }
        try writer.begin(tables)
        let tableOfRepeat = Dictionary(uniqueKeysWithValues: layouts.enumerated().map { ($1.repeatPath, $0) })
        var count = 0
        var row = ExportRow()
        var next = readPage(after: nil)
        defer { next.cancel() }
        while true {
            let page = try await next.value
            guard let last = page.last else { break }
            next = readPage(after: last.id)
            for var record in page {
                if record.encrypted, let decryption {
                    do {
                        record.rows = try await decrypted(record, with: decryption, media: &files)
                    } catch let error as SubmissionDecryptionError where error != .wrongKey(instanceID: record.instanceID) {
                        outcome.leftOut.append(error.description)
                        continue
                    }
                }
                try write(record, tableOfRepeat: tableOfRepeat, row: &row, to: &writer)
            }
            count += page.count
            progress(count)
        }
        try await writer.finish()
        complete = true
        outcome.media = files?.files ?? []
        return outcome
    }

    /// Starts reading the page of submissions after the one with id `after`.
    private func readPage(after: Int64?) -> Task<[SubmissionExportRecord], any Error> {
        Task { [stores, formID] in try await stores.submissions.currentSubmissions(formID: formID, after: after, limit: Self.pageSize) }
    }

    /// The answer rows of an encrypted submission, read from its decrypted XML against its version's instrument;
    /// its decrypted attachments go to `media` when given.
    private func decrypted(_ record: SubmissionExportRecord, with decryption: Decryption, media: inout ExportMedia?) async throws -> [SubmissionExportRecord.Row] {
        guard let stored = try await stores.submissions.submission(instanceID: record.instanceID) else { return record.rows }
        let attachments = try await stores.submissions.attachments(submissionID: record.id)
        let cleartext = try decryption.decryptor.decrypt(manifest: stored.xml) { name in
            guard let path = attachments.first(where: { $0.name == name && $0.isPresent })?.path else { return nil }
            return try Data(contentsOf: decryption.dataDirectory.appendingPathComponent(path))
        }
        let document = try SubmissionDocument(xml: cleartext.xml)
        for file in cleartext.media { try media?.write(file.data, name: file.name, instanceID: record.instanceID) }
        guard let instrument = instrumentOfVersion[record.version] ?? instrumentOfVersion.values.first else { return record.rows }
        return document.content(for: instrument).rows.map(SubmissionExportRecord.Row.init)
    }

    private func write(
        _ record: SubmissionExportRecord, tableOfRepeat: [String: Int], row cells: inout ExportRow, to writer: inout some ExportTableWriter
    ) throws {
        var keys: [String] = []
        keys.reserveCapacity(record.rows.count)
        for row in record.rows {
            let key: String
            if let parent = row.parent, keys.indices.contains(parent) {
                let parentPath = record.rows[parent].repeatPath
                let relative = parentPath.isEmpty ? row.repeatPath : String(row.repeatPath.dropFirst(parentPath.count + 1))
                key = "\(keys[parent])/\(relative)[\(row.position)]"
            } else {
                key = record.instanceID
            }
            keys.append(key)
            guard let table = tableOfRepeat[row.repeatPath] else { continue }
            cells.removeAll()
            if row.repeatPath.isEmpty {
                cells.append(record.submissionDate)
                layouts[table].appendCells(for: row.answers, to: &cells)
                for cell in [
                    record.instanceID, key, record.collectorID.map(String.init) ?? "", record.submitter,
                    String(record.attachmentsPresent), String(record.attachmentsExpected), record.reviewState.rawValue, record.deviceID ?? "",
                    String(record.editCount), record.version,
                ] {
                    cells.append(cell)
                }
            } else {
                layouts[table].appendCells(for: row.answers, to: &cells)
                cells.append(row.parent.map { keys[$0] } ?? record.instanceID)
                cells.append(key)
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
