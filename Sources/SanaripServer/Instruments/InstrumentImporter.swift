import Foundation
import Logging
import SanaripInstrument
import SanaripStorage

/// Loads XLSForms from a folder into the store at start-up: each sub-folder of CSV sheets and each `.xlsx` file.
///
/// A form whose form id and version are already stored is left alone; a form with errors is skipped
/// with a log line naming the first problems, so one broken form never keeps the workbench from starting.
struct InstrumentImporter: Sendable {
    let instruments: any InstrumentStore
    let studyID: String
    let logger: Logger

    /// What happened to one candidate.
    enum Outcome: Equatable {
        case imported(id: String)
        case alreadyStored(id: String)
        case skipped(reason: String)
    }

    @discardableResult
    func importAll(from directory: URL) async throws -> [String: Outcome] {
        let entries: [URL]
        do {
            entries = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: [.isDirectoryKey])
        } catch {
            logger.warning("no instruments loaded: cannot read \(directory.path)")
            return [:]
        }
        var outcomes: [String: Outcome] = [:]
        for url in entries.sorted(by: { $0.lastPathComponent < $1.lastPathComponent }) where Self.isCandidate(url) {
            outcomes[url.lastPathComponent] = try await importForm(at: url)
        }
        return outcomes
    }

    private static func isCandidate(_ url: URL) -> Bool {
        guard !url.lastPathComponent.hasPrefix("."), !url.lastPathComponent.hasPrefix("~$") else { return false }
        let isDirectory = (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) ?? false
        return isDirectory || url.pathExtension.lowercased() == "xlsx"
    }

    func importForm(at url: URL) async throws -> Outcome {
        let name = url.lastPathComponent
        let workbook: Workbook
        do {
            workbook = try XLSFormReader.workbook(contentsOf: url)
        } catch {
            logger.error("instrument \(name) skipped: \(error.message)")
            return .skipped(reason: error.message)
        }
        let result = XLSFormReader().read(workbook)
        guard !result.hasErrors else {
            let firstErrors = result.errors.prefix(3).map { "\($0)" }.joined(separator: "; ")
            logger.error("instrument \(name) skipped: \(result.errors.count) error(s) in the XLSForm: \(firstErrors)")
            return .skipped(reason: firstErrors)
        }
        let record = try StoredInstrument(instrument: result.instrument, workbook: workbook, studyID: studyID)
        if let existing = try await instruments.instrument(formID: record.formID, version: record.version) {
            logger.debug("instrument \(name) already stored as \(existing.id)")
            return .alreadyStored(id: existing.id)
        }
        try await instruments.insert(record, by: AuditEntry.system)
        logger.info("instrument \(name) loaded as \(record.id): \(record.questionCount) questions in \(record.sectionCount) sections")
        return .imported(id: record.id)
    }
}
