import Foundation
import SanaripStorage
import ZIPFoundation

/// Exports started from the web app, run in the background so a long one shows its progress: each writes its
/// files under `DATA/exports/JOB/` (several tables zipped into one download) and is forgotten, files and all,
/// an hour after it ends or when the server starts again.
actor ExportJobs {
    /// Where a job stands.
    enum State: Sendable, Equatable {
        case running(done: Int, total: Int)
        /// The download, and the name the browser saves it under.
        case finished(file: URL, name: String, submissions: Int, leftOut: [String])
        case failed(String)
    }

    struct Job: Sendable {
        let id: String
        /// Only the user who started a job sees it.
        let owner: String
        let formID: String
        let format: ExportFormat
        var state: State
        var ended: Date?
    }

    let stores: Stores
    let dataDirectory: URL
    let folder: URL
    private var jobs: [String: Job] = [:]
    /// How long a finished export stays downloadable.
    static let lifetime: TimeInterval = 3600

    init(stores: Stores, dataDirectory: URL) {
        self.stores = stores
        self.dataDirectory = dataDirectory
        folder = dataDirectory.appendingPathComponent("exports")
        try? FileManager.default.removeItem(at: folder)
    }

    /// Starts exporting `formID` for `owner` and returns the job's id at once; the audit log records who exported what.
    /// `decryptor` (the private key the user gave, kept in memory for this export only) decrypts encrypted submissions.
    func start(
        formID: String, format: ExportFormat, options: SubmissionExport.Options, language: String?, owner: String, decryptor: SubmissionDecryptor? = nil
    ) async throws -> String {
        forgetOld()
        let decryption = decryptor.map { SubmissionExport.Decryption(decryptor: $0, dataDirectory: dataDirectory) }
        let export = try await SubmissionExport.prepare(formID: formID, stores: stores, options: options, decryption: decryption)
        let total = try await stores.submissions.currentSubmissionCount(formID: formID)
        try await export.record(format: format, by: owner)
        let id = UUID().uuidString.lowercased()
        jobs[id] = Job(id: id, owner: owner, formID: formID, format: format, state: .running(done: 0, total: total))
        let directory = folder.appendingPathComponent(id)
        Task.detached { [weak self] in
            let state: State
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                let output = directory.appendingPathComponent("\(formID).\(format.fileExtension)")
                let result = try await format.write(export, to: output, language: language) { done in
                    Task { await self?.update(id, .running(done: done, total: total)) }
                }
                let files = result.files + result.media
                state = .finished(
                    file: try Self.package(files, formID: formID, in: directory), name: Self.downloadName(files, formID: formID),
                    submissions: total - result.leftOut.count, leftOut: result.leftOut
                )
            } catch {
                state = .failed("\(error)")
            }
            await self?.update(id, state)
        }
        return id
    }

    /// The job `id` if `owner` started it.
    func job(_ id: String, owner: String) -> Job? {
        guard let job = jobs[id], job.owner == owner else { return nil }
        return job
    }

    private func update(_ id: String, _ state: State) {
        guard var job = jobs[id] else { return }
        // A late progress report must not overwrite the end.
        if case .running = state, job.ended != nil { return }
        job.state = state
        if case .running = state {} else { job.ended = Date() }
        jobs[id] = job
    }

    private func forgetOld() {
        let now = Date()
        for (id, job) in jobs where job.ended.map({ now.timeIntervalSince($0) > Self.lifetime }) == true {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(id))
            jobs[id] = nil
        }
    }

    /// The one file to download: the export itself, or a zip of its files when it has several, each at its path
    /// from the export's folder (decrypted attachments under `media/`, as in Central's ZIP).
    static func package(_ files: [URL], formID: String, in directory: URL) throws -> URL {
        guard files.count > 1, let first = files.first else { return files.first ?? directory }
        let zip = directory.appendingPathComponent("\(formID).zip")
        let archive = try Archive(url: zip, accessMode: .create)
        let base = first.deletingLastPathComponent().standardizedFileURL.path + "/"
        for file in files {
            let path = file.standardizedFileURL.path
            let entry = path.hasPrefix(base) ? String(path.dropFirst(base.count)) : file.lastPathComponent
            try archive.addEntry(with: entry, relativeTo: first.deletingLastPathComponent(), compressionMethod: .deflate)
        }
        return zip
    }

    static func downloadName(_ files: [URL], formID: String) -> String {
        files.count > 1 ? "\(formID).zip" : files.first?.lastPathComponent ?? formID
    }
}
