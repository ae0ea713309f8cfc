import SanaripStorage

extension SamplingPlan {
    /// The columns the CSV export adds after the frame's, as `sample pps` names them plus the field target.
    static let exportColumns = ["pi", "certainty", "order", "reserve", "expected_interviews"]

    /// Every unit with its frame columns, π, certainty, order, reserve and expected interviews, header first.
    func table(units: [SamplingPlanUnit]) -> [[String]] {
        let rows = units.map { unit in
            frameColumns.map { unit.columns[$0] ?? "" }
                + ["\(unit.probability)", "\(unit.certainty)", "\(unit.order)", "\(unit.reserve)", "\(unit.expectedInterviews)"]
        }
        return [frameColumns + Self.exportColumns] + rows
    }

    /// A file name for downloads: `plan-3`.
    var fileStem: String { "plan-\(id ?? 0)" }
}
