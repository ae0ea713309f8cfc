import ArgumentParser
import Foundation
import SanaripStorage

/// `sanarip sample plan`: keeps a selected sample in the workbench as the plan the field team works from.
struct SamplePlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Save a sample written by 'sample pps' as a sampling plan in the workbench, and list the plans.",
        subcommands: [Save.self, List.self]
    )

    struct Save: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a sample file (columns pi, certainty, order, reserve and the frame's) as a named plan.",
            discussion: """
                Unit id, name, stratum and size come from the columns named by --unit-id, --unit-name, --strata and --size;
                without them the first present of id/soate_code/code, name/municipality_en/municipality_ru, stratum/oblast
                and population is used (no id column: the row number; no stratum column: one stratum).
                Each selected unit is expected to give --interviews-per-unit interviews; reserves give none until they replace one.
                Example: sanarip sample plan save sample.csv --name "Main 2026" --interviews-per-unit 12 --seed 2026
                """
        )

        @Argument(help: "The sample file (CSV or XLSX) written by 'sanarip sample pps'.") var sample: String
        @Option(help: "The plan's name, unique within the study.") var name: String
        @Option(help: "The study the plan belongs to.") var study = "digital-divide-kg"
        @Option(name: .customLong("interviews-per-unit"), help: "Interviews expected in each selected unit.") var interviewsPerUnit: Int?
        @Option(name: .customLong("unit-id"), help: "The unit id column.") var unitID: String?
        @Option(name: .customLong("unit-name"), help: "The unit name column.") var unitName: String?
        @Option(help: "The stratum column.") var strata: String?
        @Option(help: "The size-measure column.") var size: String?
        @Option(help: "The selection method used, recorded with the plan.") var method = "systematic"
        @Option(help: "The seed used, recorded with the plan.") var seed: UInt64?
        @Option(name: .customLong("sample-size"), help: "The sample size as designed, recorded with the plan (e.g. '10 per oblast').") var sampleSize: String?
        @OptionGroup var store: StoreOptions

        func validate() throws {
            if let interviewsPerUnit, interviewsPerUnit < 0 { throw ValidationError("--interviews-per-unit must be ≥ 0") }
            if name.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--name must not be empty") }
        }

        func run() async throws {
            var imported: (plan: SamplingPlan, units: [SamplingPlanUnit])?
            try reportingStatisticsFailures {
                imported = try SamplePlanFile(table: StatisticsTable.load(sample, what: "sample")).plan(for: self)
            }
            guard let imported else { throw ExitCode(1) }
            let plan: SamplingPlan
            do {
                plan = try await store.openDatabase().stores.samplingPlans.insert(imported.plan, units: imported.units, by: UserCommand.actor)
            } catch let error as StorageError {
                Terminal.error("error: \(error)")
                throw ExitCode(1)
            }
            print(
                "saved plan \(plan.id ?? 0) '\(plan.name)': \(plan.selectedCount) selected (\(plan.certaintyCount) with certainty), "
                    + "\(plan.reserveCount) reserve, \(plan.expectedInterviews) expected interviews in \(plan.strata.count) strat\(plan.strata.count == 1 ? "um" : "a")"
            )
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the sampling plans, newest first.")

        @Option(help: "Only this study's plans.") var study: String?
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let plans = try await store.openDatabase().stores.samplingPlans.plans(studyID: study)
            let rows = plans.map { plan in
                [
                    String(plan.id ?? 0), plan.name, plan.studyID, plan.method, plan.seed.isEmpty ? "-" : plan.seed,
                    String(plan.selectedCount), String(plan.certaintyCount), String(plan.reserveCount), String(plan.expectedInterviews),
                    ISO8601DateFormatter().string(from: plan.createdAt),
                ]
            }
            let header = ["id", "name", "study", "method", "seed", "selected", "certainty", "reserve", "interviews", "created"]
            let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
            for row in [header] + rows {
                let padded = zip(row.dropLast(), widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                print((padded + [row.last ?? ""]).joined(separator: "  "))
            }
        }
    }
}

/// A sample file as `sample pps` writes it, read into a plan with every problem named by row and column.
struct SamplePlanFile {
    let table: StatisticsTable

    static let added = ["pi", "certainty", "order", "reserve"]

    func plan(for options: SamplePlanCommand.Save) throws -> (plan: SamplingPlan, units: [SamplingPlanUnit]) {
        let source = "sample pps output"
        let pi = try table.numbers(table.column("pi", option: source), requirement: "a probability in (0, 1]", accept: { $0 > 0 && $0 <= 1 })
        let order = try table.numbers(table.column("order", option: source), requirement: "a whole number ≥ 1", accept: { $0 >= 1 && $0 == $0.rounded() })
        let certainty = try flags(table.column("certainty", option: source))
        let reserve = try flags(table.column("reserve", option: source))
        let idColumn = try chosen(options.unitID, option: "--unit-id", defaults: ["id", "soate_code", "code"])
        let nameColumn = try chosen(options.unitName, option: "--unit-name", defaults: ["name", "municipality_en", "municipality_ru", "municipality_ky"])
        let strataColumn = try chosen(options.strata, option: "--strata", defaults: ["stratum", "oblast"])
        let sizeColumn = try chosen(options.size, option: "--size", defaults: ["population"])
        let frameColumns = table.header.filter { !Self.added.contains($0.lowercased()) }
        var seen: [String: Int] = [:]
        var units: [SamplingPlanUnit] = []
        for (k, row) in table.rows.enumerated() {
            let line = table.rowNumbers[k]
            let unitID = idColumn.map { row[$0].trimmingCharacters(in: .whitespaces) } ?? String(line)
            if let idColumn, unitID.isEmpty { throw failure(row: line, column: idColumn, "is empty; every unit needs an id") }
            if let first = seen.updateValue(line, forKey: unitID) {
                throw failure(row: line, column: idColumn, "unit '\(unitID)' is also on row \(first)")
            }
            if certainty[k], pi[k] != 1 {
                throw StatisticsCommandFailure("\(table.file), row \(line), column pi: is \(pi[k]) but the unit is a certainty unit (π = 1)")
            }
            units.append(SamplingPlanUnit(
                position: k + 1,
                stratum: strataColumn.map { row[$0] } ?? "",
                unitID: unitID,
                unitName: nameColumn.map { row[$0] } ?? unitID,
                columns: Dictionary(zip(table.header, row).filter { frameColumns.contains($0.0) }, uniquingKeysWith: { first, _ in first }),
                size: try sizeColumn.flatMap { try size(row[$0], row: line, column: $0) },
                probability: pi[k],
                certainty: certainty[k],
                reserve: reserve[k],
                order: Int(order[k]),
                expectedInterviews: reserve[k] ? 0 : options.interviewsPerUnit ?? 0
            ))
        }
        guard !units.isEmpty else { throw StatisticsCommandFailure("\(table.file): the sample has no units") }
        let plan = SamplingPlan(
            studyID: options.study,
            name: options.name.trimmingCharacters(in: .whitespaces),
            method: options.method,
            seed: options.seed.map(String.init) ?? "",
            sizeColumn: sizeColumn.map { table.header[$0] },
            strataColumn: strataColumn.map { table.header[$0] },
            sampleSize: options.sampleSize ?? "",
            interviewsPerUnit: options.interviewsPerUnit,
            frameColumns: frameColumns,
            strata: SamplingPlanStratum.counts(of: units),
            createdBy: UserCommand.actor,
            sourceFile: URL(fileURLWithPath: table.file).lastPathComponent
        )
        return (plan, units)
    }

    /// The column named by `option`, else the first of `defaults` the file has, else nil.
    private func chosen(_ name: String?, option: String, defaults: [String]) throws -> Int? {
        if let name { return try table.column(name, option: option) }
        return defaults.lazy.compactMap { name in table.header.firstIndex { $0.lowercased() == name } }.first
    }

    private func flags(_ column: Int) throws -> [Bool] {
        try table.rows.enumerated().map { k, row in
            switch row[column].trimmingCharacters(in: .whitespaces).lowercased() {
            case "true", "1", "yes": return true
            case "false", "0", "no": return false
            case let text: throw failure(row: table.rowNumbers[k], column: column, "is '\(text)'; it must be true or false")
            }
        }
    }

    private func size(_ text: String, row: Int, column: Int) throws -> Double? {
        let text = text.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        guard let value = Double(text), value.isFinite, value >= 0 else {
            throw failure(row: row, column: column, "is '\(text)'; it must be a size ≥ 0")
        }
        return value
    }

    private func failure(row: Int, column: Int?, _ problem: String) -> StatisticsCommandFailure {
        StatisticsCommandFailure("\(table.file), row \(row)\(column.map { ", column \(table.header[$0])" } ?? ""): \(problem)")
    }
}
