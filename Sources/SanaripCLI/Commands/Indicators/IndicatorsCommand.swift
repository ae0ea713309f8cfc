import ArgumentParser

/// `sanarip indicators`: the study's derived indicators, defined in `indicators.csv` beside the instrument.
struct IndicatorsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicators",
        abstract: "Check, compute and tabulate the indicators defined in an indicators.csv file.",
        subcommands: [IndicatorsCheckCommand.self, IndicatorsComputeCommand.self, IndicatorsTableCommand.self]
    )
}
