import ArgumentParser
import SanaripCore

/// `sanarip indicators check`: reads an indicator file and checks every expression against the instrument.
struct IndicatorsCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check an indicator file: names, kinds, expressions and the questions they read."
    )

    @OptionGroup var file: IndicatorFileOptions

    func run() async throws {
        try IndicatorFileOptions.reportingErrors {
            let (set, instrument) = try file.load()
            var groups: [String: Int] = [:]
            for indicator in set.estimated where !indicator.group.isEmpty { groups[indicator.group, default: 0] += 1 }
            let kinds = Indicator.Kind.allCases.map { kind in "\(set.indicators.filter { $0.kind == kind }.count) \(kind.rawValue)" }
            print("\(file.indicators): ok, \(set.indicators.count) indicators (\(kinds.joined(separator: ", ")))"
                + (instrument == nil ? "; not checked against an instrument (give --form)" : "; every question found in the instrument"))
            print("groups: " + groups.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            print("label languages: " + set.languages.map(\.name).joined(separator: ", "))
        }
    }
}
