import Foundation

/// A saved version of a study's frame dictionary.
public struct MediaFrameVersion: Sendable, Hashable {
    public var study: String
    /// 1, 2, … in the order saved.
    public var version: Int
    /// The dictionary as CSV (``SanaripQualitative/FrameDictionary/csv(_:file:)`` reads it).
    public var csv: String
    /// What changed, as the researcher wrote it (or how the version came in).
    public var note: String
    public var savedBy: String
    public var savedAt: Date

    public init(study: String, version: Int, csv: String, note: String, savedBy: String, savedAt: Date) {
        self.study = study
        self.version = version
        self.csv = csv
        self.note = note
        self.savedBy = savedBy
        self.savedAt = savedAt
    }
}

/// The numbered versions of each study's frame dictionary: a new version for every upload or edit, none changed
/// afterwards; each save is in the audit log with who saved it.
public protocol MediaFrameStore: Sendable {
    /// The study's versions, newest first.
    func versions(study: String) async throws -> [MediaFrameVersion]
    /// One version; nil when there is none of that number.
    func version(_ version: Int, study: String) async throws -> MediaFrameVersion?
    /// Saves `csv` as the study's next version, logged as `actor`; returns it.
    func save(csv: String, note: String, study: String, by actor: String) async throws -> MediaFrameVersion
}
