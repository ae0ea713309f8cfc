import ArgumentParser
import Foundation
import SanaripCore
import SanaripServer

/// `sanarip export FORM_ID --format csv|sav [--lang ky|ru|en] -o OUT`: the submissions of a form as tables.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a form's submissions.",
        discussion: """
            CSV as ODK Central writes it: one row per submission (an edited one once, as its latest version) with \
            group paths such as access-used_internet, each select_multiple as its space-separated value and one 0/1 \
            column per option, the instanceID, review state and submitter; each repeat in OUT-repeat.csv with \
            PARENT_KEY and KEY. 'sanarip indicators compute --form FORM' reads the export directly.

            SPSS .sav (--format sav): the same tables, OUT and OUT-repeat.sav, with the CSV headers made valid \
            SPSS names (access-used_internet → access_used_internet), variable labels and value labels in the \
            --lang language (ky, ru or en; the form's default language otherwise), numbers and numeric choices as \
            numbers, dates as SPSS dates. It opens in SPSS and PSPP.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv
        case sav
    }

    @OptionGroup var store: StoreOptions

    @Argument(help: "The form id (the settings sheet's form_id).")
    var formID: String

    @Option(help: "The file format.")
    var format: Format = .csv

    @Option(help: "The language of the .sav labels: ky, ru or en (default: the form's default language).")
    var lang: String?

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
        if let lang {
            let codes = Set(export.tables.flatMap(\.columns).flatMap(\.label.values.keys).compactMap { Language(name: $0).code })
            guard format == .sav else {
                Terminal.error("error: --lang chooses the labels of a .sav export; a CSV export has none. Leave it out, or add --format sav.")
                throw ExitCode(1)
            }
            guard codes.contains(lang.lowercased()) else {
                let known = codes.isEmpty ? "it has labels in no named language, so leave --lang out" : "it has \(codes.sorted().joined(separator: ", "))"
                Terminal.error("error: --lang \(lang): form \(formID) has no labels in that language; \(known).")
                throw ExitCode(1)
            }
        }
        let total = try await stores.submissions.currentSubmissionCount(formID: formID)
        var progress = Progress("exporting submissions", total: total, minimum: 5_000)
        let destinations: [URL]
        switch format {
        case .csv:
            var writer = CSVExportWriter(output: output.url)
            try await export.write(to: &writer) { progress.update($0) }
            destinations = writer.destinations
        case .sav:
            var writer = SPSSExportWriter(output: output.url, language: lang?.lowercased())
            try await export.write(to: &writer) { progress.update($0) }
            destinations = writer.destinations
        }
        progress.finish()
        let repeats = destinations.dropFirst().map(\.lastPathComponent)
        Terminal.error("wrote \(output.output) (\(total) submission\(total == 1 ? "" : "s"))" + (repeats.isEmpty ? "" : " and \(repeats.joined(separator: ", "))"))
    }
}
