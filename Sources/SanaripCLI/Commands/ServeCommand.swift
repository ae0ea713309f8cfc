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
            password in SANARIP_ADMIN_PASSWORD, or with a random one it prints once.
            """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8080

    @Option(help: ArgumentHelp("The folder of XLSForms to load: sub-folders of CSV sheets and .xlsx files.", valueName: "dir"))
    var instruments = "./instruments"

    @Flag(help: "Send the session cookie over HTTPS only (behind a TLS proxy).")
    var secureCookies = false

    @Option(help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown log level \(logLevel)") }
        guard (0...65535).contains(port) else { throw ValidationError("the port must be between 0 and 65535") }
    }

    func run() async throws {
        var logger = Logger(label: "sanarip")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let configuration = ServerConfiguration(
            host: host,
            port: port,
            dataDirectory: store.dataDirectory,
            instrumentsDirectory: URL(fileURLWithPath: instruments),
            secureCookies: secureCookies
        )
        try await runServer(configuration: configuration, logger: logger)
    }
}
