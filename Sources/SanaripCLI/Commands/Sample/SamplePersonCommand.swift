import ArgumentParser
import SanaripStatistics

/// `sanarip sample person`: which eligible household member to interview, and the probability to record.
struct SamplePersonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person",
        abstract: "Select one eligible person in a household (Kish table or seeded random) and print line and probability.",
        discussion: """
            List eligible members in a fixed order (men oldest→youngest, then women). Kish tables cycle A, A, B1, B2, C, C,
            D, D, E1, E2, F, F over household serial numbers.
            Example: sanarip sample person --eligible 5 --household-serial 17
            """
    )

    @Option(help: "Number of eligible persons in the household.") var eligible: Int
    @Option(name: .customLong("household-serial"), help: "Household serial number (0-based), which fixes its Kish table.") var serial: Int?
    @Option(name: .customLong("kish-table"), help: "The Kish table printed on the cover sheet (A, B1, B2, C, D, E1, E2, F).") var table: String?
    @Option(help: "Seed for a random (1/m) selection instead of Kish.") var seed: UInt64?

    func run() async throws {
        try reportingStatisticsFailures {
            let choice: PersonSelection.Choice
            let how: String
            if let seed {
                var generator = SeededGenerator(seed: seed)
                choice = try PersonSelection.random(eligible: eligible, using: &generator)
                how = "random, seed \(seed)"
            } else {
                let kish: PersonSelection.KishTable
                if let table {
                    guard let parsed = PersonSelection.KishTable(rawValue: table.uppercased()) else {
                        throw StatisticsCommandFailure("--kish-table '\(table)': use one of A, B1, B2, C, D, E1, E2, F")
                    }
                    kish = parsed
                } else if let serial {
                    kish = .forHousehold(serial: serial)
                } else {
                    throw StatisticsCommandFailure("give --household-serial, --kish-table or --seed")
                }
                choice = try PersonSelection.kish(eligible: eligible, table: kish)
                how = "Kish table \(kish.rawValue)"
            }
            print("line \(choice.line) of \(eligible) (\(how)); probability \(choice.probability)")
        }
    }
}
