import ArgumentParser

/// `sanarip form`: check, convert and document XLSForm instruments.
struct FormCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "form",
        abstract: "Check and convert XLSForms (.xlsx or a folder of CSV sheets).",
        subcommands: [FormCheckCommand.self, FormConvertCommand.self, FormXLSXCommand.self, FormCSVCommand.self, FormManualCommand.self, FormPublishCommand.self]
    )
}
