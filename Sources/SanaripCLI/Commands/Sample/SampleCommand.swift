import ArgumentParser

/// `sanarip sample …`: sample size, allocation and reproducible selection.
struct SampleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Design and select a sample: size, allocation, PPS, SRS, systematic and within-household selection.",
        subcommands: [
            SampleSizeCommand.self, SampleAllocateCommand.self, SamplePPSCommand.self,
            SampleSRSCommand.self, SampleSystematicCommand.self, SamplePersonCommand.self, SampleVillagesCommand.self, SamplePlanCommand.self,
        ]
    )
}
