import SanaripStatistics
import SanaripStorage

/// An ``ExportTableWriter`` that keeps the submissions' table as a columnar ``DataTable`` for analysis: the same
/// columns and cells as the CSV export, headers shortened to the question's name (`interview-location-oblast` →
/// `oblast`) where that is unambiguous, only the chosen review states, and each submission's weights appended.
/// Submissions of a form with a `consent` question that lack its `OK` are refusals (counted in the response
/// rates), not respondents: they are left out.
struct DataTableExportWriter: ExportTableWriter {
    /// The weight columns appended from the study's stored weights.
    static let baseWeightColumn = "base_weight", weightColumn = "weight"

    let source: String
    let approvedOnly: Bool
    let weights: [String: AnalysisWeight]
    private var builder: DataTableBuilder?
    private var keyColumn = 0
    private var reviewColumn = 0
    private var consentColumn: Int?
    private var row = 1
    private(set) var result: DataTable?

    init(source: String, approvedOnly: Bool, weights: [String: AnalysisWeight]) {
        self.source = source
        self.approvedOnly = approvedOnly
        self.weights = weights
    }

    /// `interview-location-oblast` → `oblast`, `access-devices_used/smartphone` → `devices_used/smartphone`,
    /// unless two columns would get the same name (then both keep their paths).
    static func shortNames(_ names: [String]) -> [String] {
        let short = names.map { name in name.split(separator: "-").last.map(String.init) ?? name }
        var counts: [String: Int] = [:]
        for name in short { counts[name, default: 0] += 1 }
        return zip(names, short).map { name, short in counts[short] == 1 || short == name ? short : name }
    }

    mutating func begin(_ tables: [ExportTable]) throws {
        guard let main = tables.first else { return }
        let names = main.columns.map(\.name)
        keyColumn = names.firstIndex(of: "KEY") ?? 0
        reviewColumn = names.firstIndex(of: "ReviewState") ?? 0
        var header = Self.shortNames(names)
        consentColumn = header.firstIndex(of: "consent")
        if !weights.isEmpty { header += [Self.baseWeightColumn, Self.weightColumn] }
        builder = try DataTableBuilder(header: header, file: source, missing: [])
    }

    mutating func write(_ row: ExportRow, table: Int) throws {
        guard table == 0, builder != nil else { return }
        var cells = row.strings
        if approvedOnly, cells.indices.contains(reviewColumn), cells[reviewColumn] != SubmissionReviewState.approved.rawValue { return }
        if let consentColumn, cells.indices.contains(consentColumn), cells[consentColumn] != "OK" { return }
        self.row += 1
        if !weights.isEmpty {
            let weight = cells.indices.contains(keyColumn) ? weights[cells[keyColumn]] : nil
            cells += [weight.map { DataColumn.label($0.baseWeight) } ?? "", weight.map { DataColumn.label($0.weight) } ?? ""]
        }
        builder?.append(cells, row: self.row)
    }

    mutating func finish() throws {
        result = try builder?.table()
    }
}
