import ArgumentParser
import Foundation
import Logging
import SanaripAnalysis
import SanaripServer

/// `sanarip demo`: fills a store with a synthetic fielded study of the built-in instrument.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Fill a store with a SYNTHETIC fielded study of the built-in instrument, to see the whole analysis workspace.",
        discussion: """
        Over the real municipality frame (data/frames): a PPS sampling plan of municipalities in both oblasts, \
        interviews stored as submissions through the same intake as ODK Collect's, answers following plausible \
        rural/urban, sex and age patterns with some item nonresponse, some refusals (closed without consent), weights from the plan raked to the frame's \
        oblast and urban/rural margins. Every page and report made from it says it is synthetic. Run from the \
        repository root; creates the store if needed (admin password from SANARIP_ADMIN_PASSWORD, otherwise printed). Then:
          scripts/serve.sh
        """
    )

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: "Number of interviews.")
    var respondents = 2400

    @Option(name: .long, help: "Random seed (the same seed gives the same study).")
    var seed: UInt64 = 2026

    @Option(name: .long, help: "Survey rounds, one a year ending in 2026 (the interviews split evenly), for monitoring by round.")
    var rounds = 1

    @Option(name: .long, help: ArgumentHelp("The folder of the sampling frame.", valueName: "dir"))
    var frames = "data/frames"

    @Option(name: .long, help: ArgumentHelp("The instruments folder (holding digital-divide-kg/).", valueName: "dir"))
    var instruments = "instruments"

    func validate() throws {
        guard respondents >= 100, respondents <= 1_000_000 else { throw ValidationError("--respondents must lie between 100 and 1,000,000") }
        guard (1...10).contains(rounds) else { throw ValidationError("--rounds must lie between 1 and 10") }
    }

    func run() async throws {
        var logger = Logger(label: "sanarip")
        logger.logLevel = .warning
        let database = try store.openDatabase()
        let configuration = ServerConfiguration(
            dataDirectory: store.dataDirectory, instrumentsDirectory: URL(fileURLWithPath: instruments),
            console: { Terminal.error($0) })
        let demo = DemoStudy(stores: database.stores, configuration: configuration, framesDirectory: URL(fileURLWithPath: frames), logger: logger)
        do {
            let summary = try await demo.run(respondents: respondents, seed: seed, rounds: rounds) { Terminal.error($0) }
            print("\(store.data): SYNTHETIC demo study — \(summary.respondents) interviews of form \(summary.formID) in \(summary.municipalities) municipalities (plan \"\(summary.planName)\")")
            print("next: scripts/serve.sh --data \(store.data), sign in, open the study's workspace")
        } catch let error as AnalysisError {
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        }
    }
}
