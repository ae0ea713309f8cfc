import ArgumentParser
import Foundation

/// `sanarip sample villages`: a frame of villages from a municipality list that names each municipality's villages.
///
/// Where nearly every municipality of an oblast is in the sample (60 of Issyk-Kul's 64), municipalities are
/// better treated as take-all strata and villages as the primary units; this command builds that frame from
/// the SOATE list shipped in `data/frames/municipalities_soate.csv` (villages separated by `;`).
struct SampleVillagesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "villages",
        abstract: "Build a village frame (one row per village) from a municipality list with a column of villages.",
        discussion: """
            Example: sanarip sample villages --frame data/frames/municipalities_soate.csv -o villages.csv
                     sanarip sample srs --frame villages.csv --strata soate_code --n 2 --seed 7 -o psus.csv
            Municipalities with no villages listed (cities and towns) become one unit each.
            """
    )

    @Option(help: "The municipality list (CSV or XLSX).")
    var frame: String

    @Option(help: "The column listing each municipality's villages.")
    var villages = "villages_soate"

    @Option(help: "The separator between villages in that column.")
    var separator = ";"

    @Option(name: .shortAndLong, help: "The village frame to write (CSV).")
    var output: String

    func run() async throws {
        try reportingStatisticsFailures {
            let table = try StatisticsTable.load(frame, what: "municipality list")
            let column = try table.column(villages, option: "--villages")
            let kept = table.header.indices.filter { $0 != column }
            var rows: [[String]] = []
            for row in table.rows {
                let names = row[column].components(separatedBy: separator).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                let units = names.isEmpty ? [""] : names
                for (index, name) in units.enumerated() {
                    rows.append(kept.map { row[$0] } + [name, String(index + 1), String(units.count)])
                }
            }
            try StatisticsCSV.write(header: kept.map { table.header[$0] } + ["village", "village_number", "villages_in_unit"], rows: rows, to: output)
            Terminal.error("wrote \(output): \(rows.count) villages in \(table.rows.count) municipalities")
        }
    }
}
