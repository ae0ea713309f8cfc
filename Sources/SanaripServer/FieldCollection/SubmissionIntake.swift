import Foundation
import SanaripCore
import SanaripInstrument
import SanaripStorage

/// Takes one submission request to the store: reads the XML against its form version, moves the files the XML
/// names from their temporary names to `attachments/`, then commits everything in one transaction.
///
/// Nothing is stored half-way: when the request is refused the files it brought are deleted.
struct SubmissionIntake: Sendable {
    let stores: Stores
    let dataDirectory: URL
    let instruments: InstrumentCache

    init(stores: Stores, dataDirectory: URL) {
        self.stores = stores
        self.dataDirectory = dataDirectory
        self.instruments = InstrumentCache(instruments: stores.instruments)
    }

    /// A file of the request, still under its temporary name.
    struct Upload {
        /// The file name the multipart part gave.
        var name: String
        var contentType: String
        var file: DurableFile
    }

    /// Who sent the request.
    struct Sender: Sendable {
        var name: String
        var collectorID: Int64?
        var deviceID: String?
        /// The studies whose forms the sender may use; nil for every study (admins, keys not bound to a study).
        var studies: Set<String>? = nil

        /// Whether the sender may use forms of `instrumentID`'s study.
        func mayUse(instrumentID: String, cache: InstrumentCache) async throws -> Bool {
            guard let studies else { return true }
            return studies.contains(try await cache.studyID(instrumentID: instrumentID))
        }
    }

    var temporaryDirectory: URL { dataDirectory.appendingPathComponent("tmp") }

    /// Deletes the temporary files of uploads a previous run was receiving when it stopped (`kill -9`, power
    /// loss): files written before `date`. Those uploads were never acknowledged, so Collect sends them again.
    func removeLeftoverUploads(before date: Date = Date()) {
        let files = (try? FileManager.default.contentsOfDirectory(
            at: temporaryDirectory, includingPropertiesForKeys: [.contentModificationDateKey]
        )) ?? []
        for file in files where file.lastPathComponent.hasPrefix("upload-") && file.pathExtension == "part" {
            let modified = (try? file.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate) ?? date
            if modified < date { try? FileManager.default.removeItem(at: file) }
        }
    }

    /// Deletes attachment files no submission refers to: a process killed between renaming an attachment into
    /// place and committing its submission leaves one behind (that submission was never acknowledged, so Collect
    /// sends it again). Run at start, before any request; returns how many files were removed.
    @discardableResult
    func removeOrphanedAttachments() async throws -> Int {
        let root = dataDirectory.appendingPathComponent("attachments")
        guard let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return 0 }
        let referenced = try await stores.submissions.attachmentPaths()
        let prefix = dataDirectory.standardizedFileURL.path + "/"
        var removed = 0
        for case let file as URL in files where (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            let path = file.standardizedFileURL.path
            guard path.hasPrefix(prefix), !referenced.contains(String(path.dropFirst(prefix.count))) else { continue }
            try? FileManager.default.removeItem(at: file)
            removed += 1
        }
        return removed
    }

    /// Stores the submission `xml` with `uploads`.
    ///
    /// - Throws: ``SubmissionXMLError``, ``SubmissionIntakeError`` or ``StorageError`` (conflicts, unknown edits).
    func receive(xml: Data, uploads: [Upload], from sender: Sender) async throws -> SubmissionReceipt {
        let document = try SubmissionDocument(xml: xml)
        guard let formVersion = try await stores.forms.formVersion(formID: document.formID, version: document.version) else {
            if try await stores.forms.versions(formID: document.formID).isEmpty {
                throw SubmissionIntakeError.unknownForm(document.formID)
            }
            throw SubmissionIntakeError.unknownVersion(formID: document.formID, version: document.version)
        }
        guard try await sender.mayUse(instrumentID: formVersion.instrumentID, cache: instruments) else {
            throw SubmissionIntakeError.outsideStudies(document.formID)
        }
        let instrument = try await instruments.instrument(id: formVersion.instrumentID)
        let content = document.content(for: instrument)
        let expected = Set(content.attachments)
        let folder = "attachments/\(StoredInstrument.pathSafe(document.formID))/\(StoredInstrument.pathSafe(document.instanceID))"
        var files: [ReceivedFile] = []
        do {
            for upload in uploads where expected.contains(upload.name) && !files.contains(where: { $0.name == upload.name }) {
                let relative = "\(folder)/\(UUID().uuidString.prefix(8).lowercased())-\(StoredInstrument.pathSafe(upload.name))"
                let written = try upload.file.finish(as: dataDirectory.appendingPathComponent(relative))
                files.append(ReceivedFile(name: upload.name, contentType: upload.contentType, size: written.size, md5: written.md5, path: relative))
            }
            let submission = StoredSubmission(
                instanceID: document.instanceID, deprecatedID: document.deprecatedID, formVersionID: formVersion.id ?? 0,
                formID: document.formID, version: document.version, xml: xml, xmlMD5: HexDigest.md5(xml), submitter: sender.name,
                collectorID: sender.collectorID, deviceID: sender.deviceID, problems: content.problems, encrypted: document.isEncrypted
            )
            let receipt = try await stores.submissions.receive(
                IncomingSubmission(submission: submission, rows: content.rows, expectedAttachments: content.attachments, files: files),
                by: sender.name
            )
            remove(receipt.unusedFiles)
            return receipt
        } catch {
            remove(files)
            throw error
        }
    }

    private func remove(_ files: [ReceivedFile]) {
        for file in files { try? FileManager.default.removeItem(at: dataDirectory.appendingPathComponent(file.path)) }
    }
}

/// A submission for a form this server does not have.
enum SubmissionIntakeError: Error, CustomStringConvertible {
    case unknownForm(String)
    case unknownVersion(formID: String, version: String)
    /// The form belongs to a study the sender is not a member of.
    case outsideStudies(String)

    var description: String {
        switch self {
        case .unknownForm(let formID):
            "The form '\(formID)' this submission is for is not published on this server. Publish it with 'sanarip form publish', or send to the server the form came from."
        case .unknownVersion(let formID, let version):
            "The form version specified in this submission '\(version)' does not exist for the form '\(formID)'. Publish that version again, or send to the server the form came from."
        case .outsideStudies(let formID):
            "The form '\(formID)' belongs to a study this account or key is not part of. Ask a coordinator to add you to the study."
        }
    }
}
