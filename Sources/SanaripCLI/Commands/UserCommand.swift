import ArgumentParser
import Foundation
import SanaripCore
import SanaripServer
import SanaripStorage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `sanarip user`: who may sign in to the workbench.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Add, list and change the users who may sign in.",
        subcommands: [Add.self, List.self, Password.self]
    )

    /// The name recorded in the audit log for changes made here.
    static var actor: String {
        "cli:\(ProcessInfo.processInfo.environment["USER"] ?? "unknown")"
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user. The password is asked for, or read from standard input."
        )

        @OptionGroup var store: StoreOptions

        @Argument(help: "The username: letters, digits, '.', '_' or '-'.")
        var name: String

        @Option(help: "What the user may do: admin, researcher, coordinator, supervisor, interviewer or viewer.")
        var role: Role = .researcher

        @Option(name: .customLong("study"), help: ArgumentHelp("A study the user belongs to (repeat for several; admins see every study).", valueName: "id"))
        var studies: [String] = []

        @Flag(help: "Read the password from the first line of standard input.")
        var passwordStdin = false

        func run() async throws {
            let password = try PasswordInput.read(fromStandardInput: passwordStdin)
            let stores = try store.openDatabase().stores
            for study in studies where try await stores.studies.study(id: study) == nil {
                throw ValidationError("there is no study '\(study)'")
            }
            let accounts = Accounts(users: stores.users, sessions: stores.sessions)
            let user = try await accounts.create(username: name, password: password, role: role, studies: studies, by: UserCommand.actor)
            print("Added \(user.username) (\(user.role.rawValue)).")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the users.")

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let users = try await store.openDatabase().stores.users.users()
            let width = max(8, users.map(\.username.count).max() ?? 0)
            print("username".padding(toLength: width, withPad: " ", startingAt: 0) + "  role        created               status")
            let formatter = ISO8601DateFormatter()
            for user in users {
                let columns = [
                    user.username.padding(toLength: width, withPad: " ", startingAt: 0),
                    user.role.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0),
                    formatter.string(from: user.createdAt),
                    user.disabled ? "disabled" : "active",
                ]
                print(columns.joined(separator: "  "))
            }
        }
    }

    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a user's password; their sessions end.")

        @OptionGroup var store: StoreOptions

        @Argument(help: "The username.")
        var name: String

        @Flag(help: "Read the password from the first line of standard input.")
        var passwordStdin = false

        func run() async throws {
            let password = try PasswordInput.read(fromStandardInput: passwordStdin)
            let stores = try store.openDatabase().stores
            let accounts = Accounts(users: stores.users, sessions: stores.sessions)
            try await accounts.setPassword(password, for: name, by: UserCommand.actor)
            print("Changed the password of \(name).")
        }
    }
}

extension Role: ExpressibleByArgument {
    public init?(argument: String) {
        guard Role.known.contains(Role(rawValue: argument)) else { return nil }
        self.init(rawValue: argument)
    }

    public static var allValueStrings: [String] { known.map(\.rawValue) }
}

/// Reads a password without echoing it at a terminal, or as the first line of piped input.
enum PasswordInput {
    static func read(fromStandardInput: Bool) throws -> String {
        if fromStandardInput || isatty(STDIN_FILENO) == 0 {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw ValidationError("no password on standard input")
            }
            return line
        }
        let first = prompt("Password: ")
        guard prompt("Repeat password: ") == first else { throw ValidationError("the passwords differ") }
        return first
    }

    private static func prompt(_ text: String) -> String {
        getpass(text).map { String(cString: $0) } ?? ""
    }
}
