import ArgumentParser
import Foundation
import Logging
import SanaripServer

/// `sanarip serve`: the web workbench.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the web workbench.",
        discussion: """
            Creates or migrates the database, loads the built-in study and every instrument under --instruments \
            that is not stored yet, and serves the workbench. On first start it creates the user "admin" with the \
            password in --admin-password-file (or SANARIP_ADMIN_PASSWORD), or with a random one-time password it \
            prints once and that must be changed at the first sign-in.

            Behind a TLS reverse proxy, give its address with --trusted-proxy: its X-Forwarded-Proto makes cookies \
            Secure and its X-Forwarded-For is the client address in the audit log.
            """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8080

    @Option(help: ArgumentHelp("The folder of XLSForms to load: sub-folders of CSV sheets and .xlsx files.", valueName: "dir"))
    var instruments = "./instruments"

    @Flag(help: "Mark cookies Secure on every response, even without a trusted proxy saying the request came over TLS.")
    var secureCookies = false

    @Option(name: .customLong("trusted-proxy"), help: ArgumentHelp("The address of a reverse proxy whose X-Forwarded-For and X-Forwarded-Proto are believed (repeatable).", valueName: "ip"))
    var trustedProxies: [String] = []

    @Option(help: ArgumentHelp("A file whose first line is the first admin's password (used only when there are no users yet).", valueName: "file"))
    var adminPasswordFile: String?

    @Option(help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown log level \(logLevel)") }
        guard (0...65535).contains(port) else { throw ValidationError("the port must be between 0 and 65535") }
    }

    func run() async throws {
        var logger = Logger(label: "sanarip")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        var configuration = ServerConfiguration(
            host: host,
            port: port,
            dataDirectory: store.dataDirectory,
            instrumentsDirectory: URL(fileURLWithPath: instruments),
            secureCookies: secureCookies,
            trustedProxies: Set(trustedProxies)
        )
        if let adminPasswordFile {
            configuration.adminPassword = try Self.readPassword(file: adminPasswordFile)
        }
        try await runServer(configuration: configuration, logger: logger)
    }

    /// The first line of `file`, which must not be empty.
    static func readPassword(file: String) throws -> String {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw ValidationError("cannot read the admin password file \(file)")
        }
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        guard !line.isEmpty else { throw ValidationError("the admin password file \(file) is empty: put the password on its first line") }
        return line
    }
}
