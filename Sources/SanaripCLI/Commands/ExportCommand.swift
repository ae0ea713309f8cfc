import ArgumentParser
import Foundation
import SanaripCore
import SanaripInstrument
import SanaripServer

/// `sanarip export FORM_ID --format csv|xlsx|json|sav [--lang ky|ru|en] [--labels] [--include-sensitive] [--private-key FILE] -o OUT`:
/// the submissions of a form as tables.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a form's submissions.",
        discussion: """
            CSV as ODK Central writes it: one row per submission (an edited one once, as its latest version) with \
            group paths such as access-used_internet, each select_multiple as its space-separated value and one 0/1 \
            column per option, the instanceID, review state and submitter; each repeat in OUT-repeat.csv with \
            PARENT_KEY and KEY. 'sanarip indicators compute --form FORM' reads the export directly.

            XLSX (--format xlsx): the same tables as sheets of one workbook. JSON (--format json): the same tables, \
            OUT and OUT-repeat.json, each an array of objects keyed by the CSV headers.

            SPSS .sav (--format sav): the same tables, OUT and OUT-repeat.sav, with the CSV headers made valid \
            SPSS names (access-used_internet → access_used_internet), variable labels and value labels in the \
            --lang language (ky, ru or en; the form's default language otherwise), numbers and numeric choices as \
            numbers, dates as SPSS dates. It opens in SPSS and PSPP.

            --labels (csv, xlsx, json): choice labels in the --lang language instead of choice names; a \
            select_multiple's labels are separated by "; ". Headers stay the questions' names.

            Questions the form marks sensitive (its survey sheet's 'sensitive' column: names, phone numbers, exact \
            GPS) are left out unless --include-sensitive is given.

            Encrypted forms (a public_key in the settings sheet): ODK Collect encrypts each submission and the \
            server keeps it as received. --private-key FILE (the PEM private key whose public half is the form's \
            public_key) decrypts them for this export, as ODK Briefcase does, checking each one's signature; the key \
            is read into memory only. Their decrypted attachments (photos...) go to media/ beside OUT, as in ODK \
            Central's export ZIP. Without the key their rows carry only the submission columns.
            """
    )

    @OptionGroup var store: StoreOptions

    @Argument(help: "The form id (the settings sheet's form_id).")
    var formID: String

    @Option(help: "The file format.")
    var format: ExportFormat = .csv

    @Option(help: "The language of the .sav labels or of --labels: ky, ru or en (default: the form's default language).")
    var lang: String?

    @Flag(help: "Write choice labels instead of choice names (csv, xlsx, json).")
    var labels = false

    @Flag(help: "Keep the questions the form marks sensitive (names, phone numbers, exact GPS).")
    var includeSensitive = false

    @Option(name: .customLong("private-key"), help: "The PEM private key of an encrypted form, to decrypt its submissions.")
    var privateKey: String?

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let stores = try store.openDatabase().stores
        if labels && format == .sav {
            Terminal.error("error: --labels is for csv, xlsx and json; a .sav export carries the labels as SPSS value labels. Leave --labels out.")
            throw ExitCode(1)
        }
        if lang != nil && format != .sav && !labels {
            Terminal.error("error: --lang chooses the labels of a .sav export or of --labels; a \(format.rawValue.uppercased()) export has none without --labels. Add --labels, or leave --lang out.")
            throw ExitCode(1)
        }
        let options = SubmissionExport.Options(includeSensitive: includeSensitive, labels: labels ? (lang?.lowercased() ?? "") : nil)
        var decryption: SubmissionExport.Decryption?
        if let privateKey {
            do {
                let pem = try String(contentsOf: URL(fileURLWithPath: privateKey), encoding: .utf8)
                decryption = SubmissionExport.Decryption(decryptor: try SubmissionDecryptor(privateKeyPEM: pem), dataDirectory: store.dataDirectory)
            } catch let error as SubmissionDecryptionError {
                Terminal.error("error: \(privateKey): \(error)")
                throw ExitCode(1)
            } catch {
                Terminal.error("error: cannot read the private key \(privateKey): \(error.localizedDescription)")
                throw ExitCode(1)
            }
        }
        let export: SubmissionExport
        do {
            export = try await SubmissionExport.prepare(formID: formID, stores: stores, options: options, decryption: decryption)
        } catch let error as SubmissionExportError {
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        }
        if let lang {
            let codes = Set(export.tables.flatMap(\.columns).flatMap(\.label.values.keys).compactMap { Language(name: $0).code })
            guard codes.contains(lang.lowercased()) else {
                let known = codes.isEmpty ? "it has labels in no named language, so leave --lang out" : "it has \(codes.sorted().joined(separator: ", "))"
                Terminal.error("error: --lang \(lang): form \(formID) has no labels in that language; \(known).")
                throw ExitCode(1)
            }
        }
        if !export.sensitiveLeftOut.isEmpty {
            Terminal.error("left out \(export.sensitiveLeftOut.count) sensitive question\(export.sensitiveLeftOut.count == 1 ? "" : "s") (\(export.sensitiveLeftOut.joined(separator: ", "))); --include-sensitive keeps them")
        }
        let total = try await stores.submissions.currentSubmissionCount(formID: formID)
        var progress = Progress("exporting submissions", total: total, minimum: 5_000)
        let result: ExportResult
        do {
            result = try await format.write(export, to: output.url, language: lang?.lowercased()) { progress.update($0) }
        } catch let error as SpreadsheetError {
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        } catch let error as SubmissionDecryptionError {
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        }
        progress.finish()
        for reason in result.leftOut { Terminal.error("left out: \(reason)") }
        let destinations = result.files
        try await export.record(format: format, by: UserCommand.actor)
        let repeats = destinations.dropFirst().map(\.lastPathComponent)
        let written = total - result.leftOut.count
        Terminal.error("wrote \(output.output) (\(written) submission\(written == 1 ? "" : "s"))" + (repeats.isEmpty ? "" : " and \(repeats.joined(separator: ", "))"))
        if !result.media.isEmpty {
            let folder = output.url.deletingLastPathComponent().appendingPathComponent("media").path
            Terminal.error("wrote \(result.media.count) decrypted attachment\(result.media.count == 1 ? "" : "s") to \(folder)")
        }
    }
}

extension ExportFormat: ExpressibleByArgument {}
