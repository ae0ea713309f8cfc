import SanaripInstrument
import SanaripStorage

/// Interviewers' assignments as a CSV with the columns `unit_id` and `interviewer` (one row per pair; other
/// columns are ignored), checked against the plan's units.
enum AssignmentSheet {
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    static func read(_ text: String, units: Set<String>, planID: Int64, by actor: String) throws -> [InterviewerAssignment] {
        let records: [[String]]
        do {
            records = try CSVCodec().records(in: text)
        } catch {
            throw Problem(description: "assignments CSV: \(error)")
        }
        guard let header = records.first else { throw Problem(description: "assignments CSV: empty; give a header line unit_id,interviewer and one row per assignment") }
        let names = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let unitColumn = names.firstIndex(of: "unit_id"), let interviewerColumn = names.firstIndex(of: "interviewer") else {
            throw Problem(description: "assignments CSV, row 1: needs the columns unit_id and interviewer")
        }
        var seen = Set<[String]>()
        var result: [InterviewerAssignment] = []
        for (index, record) in records.enumerated().dropFirst() where !record.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            let row = index + 1
            let unit = record.indices.contains(unitColumn) ? record[unitColumn].trimmingCharacters(in: .whitespaces) : ""
            let interviewer = record.indices.contains(interviewerColumn) ? record[interviewerColumn].trimmingCharacters(in: .whitespaces) : ""
            guard units.contains(unit) else {
                throw Problem(description: "assignments CSV, row \(row), column unit_id: '\(unit)' is not a unit of the plan; use the unit ids of the plan's CSV")
            }
            guard !interviewer.isEmpty else { throw Problem(description: "assignments CSV, row \(row), column interviewer: is empty; name the interviewer as their submissions do") }
            guard seen.insert([unit, interviewer]).inserted else { continue }
            result.append(InterviewerAssignment(planID: planID, unitID: unit, interviewer: interviewer, assignedBy: actor))
        }
        return result
    }
}
