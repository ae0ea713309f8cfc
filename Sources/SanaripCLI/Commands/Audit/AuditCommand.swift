import ArgumentParser

/// `sanarip audit …`: the municipal web audit.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit municipalities' websites: crawl, read LOSI indicators, score.",
        subcommands: [AuditRunCommand.self]
    )
}
