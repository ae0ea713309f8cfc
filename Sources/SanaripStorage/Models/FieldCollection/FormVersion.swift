import Foundation

/// One published edition of a form, as ODK Collect downloads it: the exact XForm bytes served and their MD5.
///
/// A form id keeps every version it was published with, so phones that still hold an older one can send to it.
public struct FormVersion: Sendable, Hashable, Codable, Identifiable {
    /// Assigned by the store on insert.
    public var id: Int64?
    /// The XForm's `id` attribute (the XLSForm `form_id`).
    public var formID: String
    /// The XForm's `version` attribute.
    public var version: String
    public var title: String
    /// The ``StoredInstrument`` the XForm was written from.
    public var instrumentID: String
    /// The XForm exactly as served; ``md5`` is its hash.
    public var xform: Data
    /// Lower-case hex MD5 of ``xform``; formList announces it as `md5:…`.
    public var md5: String
    public var publishedAt: Date
    public var publishedBy: String

    public init(
        id: Int64? = nil,
        formID: String,
        version: String,
        title: String,
        instrumentID: String,
        xform: Data,
        md5: String,
        publishedAt: Date = Date(),
        publishedBy: String
    ) {
        self.id = id
        self.formID = formID
        self.version = version
        self.title = title
        self.instrumentID = instrumentID
        self.xform = xform
        self.md5 = md5
        self.publishedAt = publishedAt
        self.publishedBy = publishedBy
    }

    enum CodingKeys: String, CodingKey {
        case id
        case formID = "form_id"
        case version, title
        case instrumentID = "instrument_id"
        case xform, md5
        case publishedAt = "published_at"
        case publishedBy = "published_by"
    }
}

/// A file served with a form version's manifest (image, audio, CSV for `select_one_from_file`).
public struct FormMedia: Sendable, Hashable, Codable {
    public var formVersionID: Int64
    public var filename: String
    public var contentType: String
    public var size: Int64
    /// Lower-case hex MD5 of the file.
    public var md5: String
    /// The file's path relative to the data folder.
    public var path: String

    public init(formVersionID: Int64, filename: String, contentType: String, size: Int64, md5: String, path: String) {
        self.formVersionID = formVersionID
        self.filename = filename
        self.contentType = contentType
        self.size = size
        self.md5 = md5
        self.path = path
    }

    enum CodingKeys: String, CodingKey {
        case formVersionID = "form_version_id"
        case filename
        case contentType = "content_type"
        case size, md5, path
    }
}
