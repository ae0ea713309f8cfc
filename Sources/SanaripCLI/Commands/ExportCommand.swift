import ArgumentParser
import Foundation
import SanaripServer

/// `sanarip export FORM_ID --format csv -o OUT`: the submissions of a form as tables.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a form's submissions.",
        discussion: """
            CSV as ODK Central writes it: one row per submission (an edited one once, as its latest version) with \
            group paths such as access-used_internet, each select_multiple as its space-separated value and one 0/1 \
            column per option, the instanceID, review state and submitter; each repeat in OUT-repeat.csv with \
            PARENT_KEY and KEY. 'sanarip indicators compute --form FORM' reads the export directly.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv
    }

    @OptionGroup var store: StoreOptions

    @Argument(help: "The form id (the settings sheet's form_id).")
    var formID: String

    @Option(help: "The file format.")
    var format: Format = .csv

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let stores = try store.openDatabase().stores
        let export: SubmissionExport
        do {
            export = try await SubmissionExport.prepare(formID: formID, stores: stores)
        } catch let error as SubmissionExportError {
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        }
        var writer = CSVExportWriter(output: output.url)
        let total = try await stores.submissions.currentSubmissionCount(formID: formID)
        var progress = Progress("exporting submissions", total: total, minimum: 5_000)
        try await export.write(to: &writer) { progress.update($0) }
        progress.finish()
        let repeats = writer.destinations.dropFirst().map(\.lastPathComponent)
        Terminal.error("wrote \(output.output) (\(total) submission\(total == 1 ? "" : "s"))" + (repeats.isEmpty ? "" : " and \(repeats.joined(separator: ", "))"))
    }
}
