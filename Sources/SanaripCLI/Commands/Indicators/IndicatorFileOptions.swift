import ArgumentParser
import Foundation
import SanaripCore
import SanaripInstrument

/// The indicator file and the instrument its expressions read, shared by the `indicators` subcommands.
struct IndicatorFileOptions: ParsableArguments {
    @Option(name: .long, help: "The indicator file, e.g. instruments/digital-divide-kg/indicators.csv.")
    var indicators: String

    @Option(name: .long, help: "The instrument (.xlsx or folder of CSV sheets). Default: the indicator file's folder when it holds survey.csv.")
    var form: String?

    /// The instrument: `--form`, else the indicator file's folder when it is a form folder, else none.
    func instrument() throws -> Instrument? {
        let folder = URL(fileURLWithPath: indicators).deletingLastPathComponent()
        let path = form ?? (FileManager.default.fileExists(atPath: folder.appendingPathComponent("survey.csv").path) ? folder.path : nil)
        guard let path else { return nil }
        let result = XLSFormReader().read(contentsOf: URL(fileURLWithPath: path))
        guard !result.hasErrors else {
            for diagnostic in result.errors { Terminal.error(diagnostic.description) }
            throw IndicatorsCommandError("the instrument \(path) has errors; run 'sanarip form check \(path)'")
        }
        return result.instrument
    }

    /// The indicators, checked against the instrument; problems are printed and end the command.
    func load() throws -> (IndicatorSet, Instrument?) {
        let instrument = try instrument()
        guard FileManager.default.fileExists(atPath: indicators) else {
            throw IndicatorsCommandError("\(indicators): no such file; give the path of an indicators.csv")
        }
        do {
            return (try IndicatorFileReader(instrument: instrument).read(contentsOf: URL(fileURLWithPath: indicators)), instrument)
        } catch {
            for diagnostic in error.diagnostics { Terminal.error(diagnostic.description) }
            throw IndicatorsCommandError("\(indicators): \(error.diagnostics.count) error\(error.diagnostics.count == 1 ? "" : "s"); nothing computed")
        }
    }

    /// Runs `body`, turning user errors into one line on standard error and exit code 1.
    static func reportingErrors(_ body: () throws -> Void) throws {
        do {
            try EstimationDesignOptions.reportingErrors(body)
        } catch let error as IndicatorsCommandError {
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        } catch let error as IndicatorDataError {
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        }
    }
}

/// A user-facing one-line error of the `indicators` commands.
struct IndicatorsCommandError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
