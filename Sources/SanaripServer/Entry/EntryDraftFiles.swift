import Foundation
import SanaripStorage

/// The files (photos, recordings, documents) attached to a browser-entry draft, kept under
/// `DATA/entry-drafts/DRAFT_ID/` until the form is finished. A file question's answer is the file's name, made as
/// ODK Collect names what it captures (`1701700000000.jpg`: the time in milliseconds and the uploaded file's
/// extension); at the end the files go to the intake as the parts of a Collect submission do.
struct EntryDraftFiles: Sendable {
    let dataDirectory: URL

    /// The largest file a question accepts (the whole page's form may be up to ``UploadForm/maximumSize``).
    static let maximumFileSize = 10 * 1024 * 1024

    func folder(draftID: Int64) -> URL {
        dataDirectory.appendingPathComponent("entry-drafts").appendingPathComponent(String(draftID))
    }

    /// Keeps `bytes` uploaded as `filename` for draft `draftID` and returns the answer's name; a name already used
    /// in the draft gets the next millisecond.
    func store(_ bytes: [UInt8], filename: String, draftID: Int64, at date: Date) throws -> String {
        let folder = folder(draftID: draftID)
        let ext = StoredInstrument.pathSafe(URL(fileURLWithPath: filename).pathExtension.lowercased())
        var millis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        func candidate() -> String { ext.isEmpty ? "\(millis)" : "\(millis).\(ext)" }
        while FileManager.default.fileExists(atPath: folder.appendingPathComponent(candidate()).path) { millis += 1 }
        let name = candidate()
        _ = try DurableFile.write(Data(bytes), to: folder.appendingPathComponent(name), temporaryIn: folder)
        return name
    }

    /// The draft's file `name` as an upload for the intake (copied to a temporary file it can rename into place),
    /// nil when the draft has no such file.
    func upload(named name: String, draftID: Int64, temporaryDirectory: URL) throws -> SubmissionIntake.Upload? {
        let stored = folder(draftID: draftID).appendingPathComponent(StoredInstrument.pathSafe(name))
        guard let data = FileManager.default.contents(atPath: stored.path) else { return nil }
        let file = try DurableFile(temporaryIn: temporaryDirectory)
        try data.withUnsafeBytes { try file.write($0) }
        return SubmissionIntake.Upload(name: name, contentType: MediaType.forFile(name), file: file)
    }

    /// Deletes the draft's files (the draft was submitted or deleted).
    func remove(draftID: Int64) {
        try? FileManager.default.removeItem(at: folder(draftID: draftID))
    }
}
