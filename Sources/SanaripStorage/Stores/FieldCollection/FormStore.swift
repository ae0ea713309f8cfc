/// Published form versions and their media, for ODK Collect's form list, downloads and submissions.
public protocol FormStore: Sendable {
    /// Adds a form version with its media and logs it as `actor`.
    ///
    /// - Throws: ``StorageError/conflict(_:)`` when the form id and version are already published.
    @discardableResult
    func publish(_ version: FormVersion, media: [FormMedia], by actor: String) async throws -> FormVersion
    func formVersion(id: Int64) async throws -> FormVersion?
    func formVersion(formID: String, version: String) async throws -> FormVersion?
    /// Every version of `formID`, newest first.
    func versions(formID: String) async throws -> [FormVersion]
    /// The newest version of every form, by form id: what Collect is offered.
    func latestVersions() async throws -> [FormVersion]
    /// The version's media files, by file name.
    func media(formVersionID: Int64) async throws -> [FormMedia]
}
