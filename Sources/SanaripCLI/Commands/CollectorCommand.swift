import ArgumentParser
import Foundation
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
            discussion: "Point ODK Collect at the server address followed by this path (Settings → Project → Server)."
        )

        @OptionGroup var store: StoreOptions

        @Argument(help: "The collector's name, for example the interviewer and district.")
        var name: String

        @Option(help: ArgumentHelp("The server's address as phones reach it, to print the full URL.", valueName: "url"))
        var baseURL: String?

        func run() async throws {
            let registry = CollectorRegistry(collectors: try store.openDatabase().stores.collectors)
            let enrolment: CollectorEnrolment
            do {
                enrolment = try await registry.add(name: name, by: UserCommand.actor)
            } catch let error as CollectorError {
                Terminal.error("error: \(error)")
                throw ExitCode(1)
            } catch StorageError.conflict {
                Terminal.error("error: a collector named \(name) exists; choose another name, or revoke it first with 'sanarip collector revoke'.")
                throw ExitCode(1)
            }
            print(baseURL.map { enrolment.serverURL(base: $0) } ?? enrolment.path)
            Terminal.error("added collector \(enrolment.collector.name); the key is shown only now")
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
