import ArgumentParser
import Foundation
import SanaripInterchange
import SanaripServer
import SanaripStorage

/// `sanarip collector`: the devices (ODK Collect) that send interviews, each with its own key.
struct CollectorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collector",
        abstract: "Add, list and revoke the keys ODK Collect uses to reach the server.",
        subcommands: [Add.self, List.self, Revoke.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a collector and print its server path /key/TOKEN (shown only once).",
            discussion: """
                Point ODK Collect at the server address followed by this path (Settings → Project → Server), or \
                give --base-url and --qr FILE.png and scan the PNG in Collect (Add project → Configure with QR code): \
                it holds the server URL and the project name, and locks the server settings on the phone.
                """
        )

        @OptionGroup var store: StoreOptions

        @Argument(help: "The collector's name, for example the interviewer and district.")
        var name: String

        @Option(help: ArgumentHelp("The server's address as phones reach it, to print the full URL.", valueName: "url"))
        var baseURL: String?

        @Option(help: ArgumentHelp("Write ODK Collect's settings QR code (PNG) here; needs --base-url.", valueName: "file.png"))
        var qr: String?

        @Option(help: ArgumentHelp("The project name Collect shows (default: the title of the one published form, else Sanarip).", valueName: "name"))
        var project: String?

        @Option(help: ArgumentHelp("The study whose forms the key sees (default: every study's).", valueName: "id"))
        var study: String?

        func run() async throws {
            let stores = try store.openDatabase().stores
            var projectName = project ?? "Sanarip"
            if let qr {
                guard let baseURL else {
                    Terminal.error("error: --qr needs --base-url: the QR code holds the full server URL, for example --base-url http://192.168.1.10:8080. No collector was added.")
                    throw ExitCode(1)
                }
                if project == nil, let forms = try? await stores.forms.latestVersions(), forms.count == 1 { projectName = forms[0].title }
                let folder = URL(fileURLWithPath: qr).deletingLastPathComponent()
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                    Terminal.error("error: \(qr): the folder \(folder.path) does not exist; create it or choose another --qr file. No collector was added.")
                    throw ExitCode(1)
                }
                do {
                    _ = try CollectSettings(serverURL: baseURL + "/key/check", projectName: projectName).json()
                } catch {
                    Terminal.error("error: --base-url \(baseURL) is not an http(s) address with a host; give e.g. http://192.168.1.10:8080. No collector was added.")
                    throw ExitCode(1)
                }
            }
            if let study, try await stores.studies.study(id: study) == nil {
                let known = (try? await stores.studies.studies().map(\.id).sorted().joined(separator: ", ")) ?? ""
                Terminal.error("error: --study \(study): there is no such study (studies: \(known.isEmpty ? "none" : known)). No collector was added.")
                throw ExitCode(1)
            }
            let registry = CollectorRegistry(collectors: stores.collectors)
            let enrolment: CollectorEnrolment
            do {
                enrolment = try await registry.add(name: name, studyID: study, by: UserCommand.actor)
            } catch let error as CollectorError {
                Terminal.error("error: \(error)")
                throw ExitCode(1)
            } catch StorageError.conflict {
                Terminal.error("error: a collector named \(name) exists; choose another name, or revoke it first with 'sanarip collector revoke'.")
                throw ExitCode(1)
            }
            print(baseURL.map { enrolment.serverURL(base: $0) } ?? enrolment.path)
            Terminal.error("added collector \(enrolment.collector.name); the key is shown only now")
            if let qr, let baseURL {
                do {
                    let png = try enrolment.collectSettings(base: baseURL, projectName: projectName).qrCodePNG()
                    try Data(png).write(to: URL(fileURLWithPath: qr), options: .atomic)
                    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: qr)
                } catch {
                    Terminal.error("error: the QR code could not be written to \(qr): \(error). The collector was added; use the URL above, or revoke it and add it again.")
                    throw ExitCode(1)
                }
                Terminal.error("wrote \(qr): scan it in ODK Collect (Add project → Configure with QR code); it holds the key, so keep it like a password")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the collectors.")

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let collectors = try await store.openDatabase().stores.collectors.collectors()
            let width = max(4, collectors.map(\.name.count).max() ?? 0)
            let formatter = ISO8601DateFormatter()
            print("name".padding(toLength: width, withPad: " ", startingAt: 0) + "  created               status")
            for collector in collectors {
                let status = collector.revokedAt.map { "revoked \(formatter.string(from: $0))" } ?? "active"
                print("\(collector.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(formatter.string(from: collector.createdAt))  \(status)")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a collector's key: its device can no longer download or send.")

        @OptionGroup var store: StoreOptions

        @Argument(help: "The collector's name.")
        var name: String

        func run() async throws {
            do {
                try await store.openDatabase().stores.collectors.revoke(name: name, at: Date(), by: UserCommand.actor)
            } catch StorageError.notFound {
                Terminal.error("error: there is no collector named \(name); 'sanarip collector list' shows them.")
                throw ExitCode(1)
            }
            print("Revoked \(name).")
        }
    }
}
