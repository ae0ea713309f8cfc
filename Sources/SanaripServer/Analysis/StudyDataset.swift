import Foundation
import SanaripAnalysis
import SanaripStatistics
import SanaripStorage

/// A study's analysis dataset as a columnar table: its form's current submissions (through the export's tables,
/// so the columns are the CSV export's) with their stored weights, or the CSV/XLSX file imported for it.
enum StudyDataset {
    /// - Throws: ``AnalysisError`` saying what to set up when the study has no dataset yet.
    static func load(_ analysis: StudyAnalysis, stores: Stores, temporaryDirectory: URL) async throws -> DataTable {
        switch analysis.source {
        case .submissions:
            guard let formID = analysis.formID else {
                throw AnalysisError("study \(analysis.studyID): no form chosen for its analysis dataset; choose one on the design page")
            }
            let export = try await SubmissionExport.prepare(formID: formID, stores: stores)
            let weights = try await stores.analysis.weights(studyID: analysis.studyID)
            var writer = DataTableExportWriter(source: "submissions of \(formID)", approvedOnly: analysis.reviewFilter == .approved, weights: weights)
            try await export.write(to: &writer)
            guard let table = writer.result, table.rowCount > 0 else {
                throw AnalysisError("study \(analysis.studyID): the form \(formID) has no \(analysis.reviewFilter == .approved ? "approved " : "")submissions yet")
            }
            return table
        case .import:
            guard let data = analysis.importData, let name = analysis.importName else {
                throw AnalysisError("study \(analysis.studyID): no file imported; import a CSV or XLSX export on the design page")
            }
            return try read(data, name: name, temporaryDirectory: temporaryDirectory)
        }
    }

    /// An imported file's bytes as a table (CSV, or XLSX when `name` ends in `.xlsx`); problems name `name`, the row and the column.
    static func read(_ data: Data, name: String, temporaryDirectory: URL) throws -> DataTable {
        try FileManager.default.createDirectory(at: temporaryDirectory, withIntermediateDirectories: true)
        let ext = URL(fileURLWithPath: name).pathExtension.lowercased() == "xlsx" ? "xlsx" : "csv"
        let file = temporaryDirectory.appendingPathComponent("analysis-\(contentDigest(data)).\(ext)")
        if !FileManager.default.fileExists(atPath: file.path) { try data.write(to: file, options: .atomic) }
        do {
            var table = try DataFile.read(file.path)
            table.origin.file = name
            return table
        } catch {
            throw AnalysisError(error.description.replacingOccurrences(of: file.path, with: name))
        }
    }
}
