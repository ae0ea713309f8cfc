import Foundation
import SanaripCore
import SanaripInstrument
import SanaripStorage

/// Publishes an XLSForm as a form version ODK Collect can download: the instrument is stored, its XForm
/// frozen as the exact bytes served with their MD5, and the media files it names stored beside it.
///
/// Publishing the same form id and version again with the same XForm changes nothing; with a different
/// XForm it is refused, because phones that hold the old one must keep sending to it.
public struct FormPublisher: Sendable {
    let stores: Stores
    /// The data folder; media files go under `forms/`.
    let dataDirectory: URL

    public init(stores: Stores, dataDirectory: URL) {
        self.stores = stores
        self.dataDirectory = dataDirectory
    }

    /// What publishing did.
    public struct Publication: Sendable {
        public var version: FormVersion
        /// False when this exact version was already published.
        public var isNew: Bool
        public var media: [FormMedia]
        /// Media files the form names that were not found next to it.
        public var missingMedia: [String]
    }

    /// Publishes the XLSForm at `url` (an `.xlsx` file or a folder of CSV sheets) as `actor`.
    ///
    /// - Throws: ``FormPublishError`` naming what is wrong and what to do.
    public func publish(contentsOf url: URL, by actor: String) async throws -> Publication {
        let workbook = try XLSFormReader.workbook(contentsOf: url)
        let result = XLSFormReader().read(workbook)
        guard !result.hasErrors else { throw FormPublishError.invalidForm(url.path, result.errors.map(\.description)) }
        let instrument = result.instrument
        if try await stores.studies.study(id: BuiltInStudy.id) == nil {
            try await stores.studies.save(BuiltInStudy.study, by: AuditEntry.system)
        }
        let record = try StoredInstrument(instrument: instrument, workbook: workbook, studyID: BuiltInStudy.id)
        let xform = Data(record.xform.utf8)
        let md5 = HexDigest.md5(xform)
        if let published = try await stores.forms.formVersion(formID: record.formID, version: record.version) {
            guard published.md5 == md5 else { throw FormPublishError.versionTaken(formID: record.formID, version: record.version) }
            let media = try await stores.forms.media(formVersionID: published.id ?? 0)
            return Publication(version: published, isNew: false, media: media, missingMedia: [])
        }
        if let stored = try await stores.instruments.instrument(formID: record.formID, version: record.version) {
            guard stored.xform == record.xform else { throw FormPublishError.versionTaken(formID: record.formID, version: record.version) }
        } else {
            try await stores.instruments.insert(record, by: actor)
        }
        let folder = url.hasDirectoryPath || (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true
            ? url : url.deletingLastPathComponent()
        let (files, missing) = try storeMedia(Self.mediaNames(of: instrument), from: folder, formID: record.formID, md5: md5)
        var version = FormVersion(
            formID: record.formID, version: record.version, title: record.title, instrumentID: record.id, xform: xform, md5: md5,
            publishedBy: actor
        )
        version = try await stores.forms.publish(version, media: files, by: actor)
        return Publication(version: version, isNew: true, media: files, missingMedia: missing)
    }

    /// File names the form shows or reads: label media, and the files read as secondary instances (selects from
    /// files, `pulldata(…)`, `xml-external`, `csv-external`: ``Instrument/attachedFiles``).
    static func mediaNames(of instrument: Instrument) -> [String] {
        var names: [String] = instrument.attachedFiles
        for question in instrument.questions {
            for media in question.media.values { names += media.values.values }
        }
        for list in instrument.choiceLists {
            for choice in list.choices { for media in choice.media.values { names += media.values.values } }
        }
        var seen = Set<String>()
        return names.filter { !$0.isEmpty && seen.insert($0).inserted }.sorted()
    }

    /// Copies each named file found in `folder` or its `media` sub-folder under `forms/FORM/MD5/`.
    private func storeMedia(_ names: [String], from folder: URL, formID: String, md5: String) throws -> ([FormMedia], [String]) {
        var stored: [FormMedia] = []
        var missing: [String] = []
        for name in names {
            guard !name.contains("/"), !name.hasPrefix("."),
                let source = [folder.appendingPathComponent(name), folder.appendingPathComponent("media").appendingPathComponent(name)]
                    .first(where: { FileManager.default.fileExists(atPath: $0.path) })
            else {
                missing.append(name)
                continue
            }
            let relative = "forms/\(StoredInstrument.pathSafe(formID))/\(md5)/\(name)"
            let written = try DurableFile.write(
                try Data(contentsOf: source), to: dataDirectory.appendingPathComponent(relative),
                temporaryIn: dataDirectory.appendingPathComponent("tmp")
            )
            stored.append(
                FormMedia(formVersionID: 0, filename: name, contentType: MediaType.forFile(name), size: written.size, md5: written.md5, path: relative)
            )
        }
        return (stored, missing)
    }
}

/// Why a form could not be published.
public enum FormPublishError: Error, CustomStringConvertible {
    case invalidForm(String, [String])
    case versionTaken(formID: String, version: String)

    public var description: String {
        switch self {
        case .invalidForm(let path, let errors):
            "\(path): \(errors.count) error\(errors.count == 1 ? "" : "s") in the XLSForm; nothing published. Run 'sanarip form check' and fix:\n"
                + errors.joined(separator: "\n")
        case .versionTaken(let formID, let version):
            "form \(formID) version \(version) is already published with a different XForm; nothing published. "
                + "Raise the version in the settings sheet (for example to today's date, yyyymmddnn) and publish again."
        }
    }
}
