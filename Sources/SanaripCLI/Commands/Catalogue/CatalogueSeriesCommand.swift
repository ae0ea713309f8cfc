import ArgumentParser
import Foundation
import SanaripCatalogue

/// `sanarip catalogue series FILE`: official or manual series in long format, for the monitoring page.
struct CatalogueSeriesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "series",
        abstract: "Import series in long format (the NSC's SDG file, SDMX-CSV, or a plain CSV/XLSX with indicator, period, value or target).",
        discussion: "Importing again under the same --name replaces that dataset. Example:\n  sanarip catalogue series data/official/sdg-kyrgyzstan.csv")

    @Argument(help: "The .csv or .xlsx file.") var file: String
    @Option(name: .long, help: "The dataset's name (default: the file name).") var name: String?
    @OptionGroup var options: CatalogueOptions

    func run() async throws {
        let url = URL(fileURLWithPath: file)
        let data = try options.contents(of: file)
        try await options.reportingProblems {
            let count = try await options.service().importSeries(data, fileName: url.lastPathComponent, name: name ?? url.lastPathComponent, studyID: options.study, by: "cli")
            print("\(file): \(count) values in study \(options.study)")
        }
    }
}

/// `sanarip catalogue events FILE`: the monitoring event log (replaced by the file's events).
struct CatalogueEventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events", abstract: "Replace the monitoring event log with a CSV/XLSX of \(MonitoringEvent.columns.joined(separator: ", ")).")

    @Argument(help: "The .csv or .xlsx file.") var file: String
    @OptionGroup var options: CatalogueOptions

    func run() async throws {
        let url = URL(fileURLWithPath: file)
        let data = try options.contents(of: file)
        try await options.reportingProblems {
            let count = try await options.service().importEvents(data, fileName: url.lastPathComponent, studyID: options.study, by: "cli")
            print("\(file): \(count) events in study \(options.study)")
        }
    }
}
