import ArgumentParser

/// The `sanarip` command: the research workbench from the command line.
@main
struct Sanarip: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sanarip",
        abstract: "Sanarip: a research workbench for digital-divide studies.",
        discussion: "Instruments (XLSForm → XForm), the web workbench, and more. Run 'sanarip help SUBCOMMAND' for details.",
        version: "0.1.0",
        subcommands: [
            FormCommand.self, SampleCommand.self, WeightCommand.self, EstimateCommand.self, StatisticalTestCommand.self,
            ModelCommand.self, IndicatorsCommand.self, ServeCommand.self, UserCommand.self, CollectorCommand.self, ExportCommand.self,
            DemoCommand.self, ReportCommand.self, DatasetImportCommand.self,
            AuditCommand.self,
            CatalogueCommand.self,
            QualCommand.self,
            MediaCommand.self,
        ]
    )
}
