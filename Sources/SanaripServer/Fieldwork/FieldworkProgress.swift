import Foundation
import SanaripCore
import SanaripStorage

/// Fieldwork of one form measured against a sampling plan: interviews per unit, district and oblast against the
/// plan's targets (reserves counted once they are used), per interviewer and per day; interview durations with
/// too-short ones flagged; possible duplicate respondents; interviews without GPS.
///
/// A submission belongs to the plan unit whose ``SamplingPlanUnit/unitID`` equals its `municipality` answer.
struct FieldworkProgress: Sendable {
    /// One plan unit's progress.
    struct Unit: Sendable, Hashable {
        var unit: SamplingPlanUnit
        var oblast: String
        var district: String
        var completed: Int
        /// The interviews the unit must deliver now: its plan target; a reserve's once it is in use; 0 when replaced.
        var target: Int
        var status: Status
        var interviewers: [String]

        /// Whether the unit counts as responding, for the nonresponse adjustment of `sanarip weight --responded`.
        var responded: Bool { completed > 0 }
    }

    enum Status: String, Sendable, Hashable {
        case complete, inProgress = "in_progress", notStarted = "not_started", replaced, reserveInUse = "reserve_in_use", reserve
    }

    /// Completed interviews against targets for one oblast, district or interviewer.
    struct Tally: Sendable, Hashable {
        var name: String
        var completed = 0
        var target = 0
    }

    struct Interview: Sendable, Hashable {
        var record: FieldworkRecord
        var minutes: Double?
    }

    var units: [Unit]
    /// Submissions of a form with a consent question whose consent was not given: refusals, not interviews.
    var refusals: [FieldworkRecord]
    var oblasts: [Tally]
    var districts: [Tally]
    var interviewers: [Tally]
    /// Interviews per day (`yyyy-MM-dd` of the interview's start, else of its receipt), oldest first.
    var days: [Tally]
    /// Submissions whose municipality is not a unit of the plan (or is not answered).
    var outsidePlan: [FieldworkRecord]
    var durations: [Interview]
    var tooShort: [Interview]
    /// Groups of submissions with the same respondent-identifying answers.
    var duplicates: [[FieldworkRecord]]
    /// Submissions without a GPS answer, when the form asks for one.
    var missingGPS: [FieldworkRecord]
    var total: Int

    /// - Parameter shortMinutes: interviews shorter than this are flagged.
    init(
        records: [FieldworkRecord], fields: FieldworkFields, plan: SamplingPlan?, units planUnits: [SamplingPlanUnit],
        assignments: [InterviewerAssignment], shortMinutes: Double
    ) {
        total = records.count
        let refused: (FieldworkRecord) -> Bool = { record in fields.consent.map { record.values[$0] != "OK" } ?? false }
        refusals = records.filter(refused)
        let records = records.filter { !refused($0) }
        let municipalityPath = fields.path(of: fields.municipality?.name)
        var byUnit: [String: [FieldworkRecord]] = [:]
        var outside: [FieldworkRecord] = []
        let unitIDs = Set(planUnits.map(\.unitID))
        for record in records {
            if let id = municipalityPath.flatMap({ record.values[$0] }), unitIDs.contains(id) {
                byUnit[id, default: []].append(record)
            } else {
                outside.append(record)
            }
        }
        outsidePlan = outside
        var assigned: [String: [String]] = [:]
        for assignment in assignments { assigned[assignment.unitID, default: []].append(assignment.interviewer) }
        let perUnit = plan?.interviewsPerUnit
        // Reserves in use take over, in selection order, the targets of their stratum's selected units that have none.
        var units: [Unit] = planUnits.map { unit in
            let completed = byUnit[unit.unitID]?.count ?? 0
            let status: Status
            if unit.reserve {
                status = completed > 0 ? .reserveInUse : .reserve
            } else {
                status = completed == 0 ? .notStarted : completed >= unit.expectedInterviews ? .complete : .inProgress
            }
            return Unit(
                unit: unit, oblast: unit.columns["oblast"] ?? unit.stratum, district: unit.columns["district"] ?? "",
                completed: completed, target: unit.reserve ? 0 : unit.expectedInterviews, status: status,
                interviewers: assigned[unit.unitID] ?? []
            )
        }
        for index in units.indices where units[index].status == .reserveInUse {
            let stratum = units[index].unit.stratum
            if let replaced = units.indices.first(where: { units[$0].unit.stratum == stratum && units[$0].status == .notStarted }) {
                units[index].target = units[replaced].target
                units[replaced].target = 0
                units[replaced].status = .replaced
            } else {
                units[index].target = perUnit ?? 0
            }
        }
        self.units = units
        func tally(_ key: (Unit) -> String) -> [Tally] {
            var order: [String] = []
            var tallies: [String: Tally] = [:]
            for unit in units {
                let name = key(unit)
                if tallies[name] == nil {
                    order.append(name)
                    tallies[name] = Tally(name: name)
                }
                tallies[name]?.completed += unit.completed
                tallies[name]?.target += unit.target
            }
            return order.compactMap { tallies[$0] }
        }
        oblasts = tally(\.oblast)
        districts = tally { "\($0.oblast) · \($0.district)" }

        var interviewerTallies: [String: Tally] = [:]
        for record in records { interviewerTallies[record.submitter, default: Tally(name: record.submitter)].completed += 1 }
        for unit in units {
            for name in unit.interviewers {
                interviewerTallies[name, default: Tally(name: name)].target += unit.target / max(unit.interviewers.count, 1)
            }
        }
        interviewers = interviewerTallies.values.sorted { $0.name < $1.name }

        func time(_ path: String?, _ record: FieldworkRecord) -> CivilDateTime? {
            path.flatMap { record.values[$0] }.flatMap(CivilDateTime.init(iso:))
        }
        var dayTallies: [String: Int] = [:]
        var durations: [Interview] = []
        for record in records {
            let start = time(fields.start, record), end = time(fields.end, record)
            // Without a start time, the day (UTC) it was received.
            let day = start?.dateString ?? CivilDateTime(secondsSinceEpoch: record.receivedAt.timeIntervalSince1970, utcOffsetSeconds: 0)?.dateString ?? ""
            dayTallies[day, default: 0] += 1
            var minutes: Double?
            if let start, let end {
                minutes = ((end.secondsSinceEpoch ?? end.wallSecondsSinceEpoch) - (start.secondsSinceEpoch ?? start.wallSecondsSinceEpoch)) / 60
            }
            durations.append(Interview(record: record, minutes: minutes))
        }
        days = dayTallies.keys.sorted().map { Tally(name: $0, completed: dayTallies[$0] ?? 0) }
        self.durations = durations
        tooShort = durations.filter { ($0.minutes ?? .infinity) < shortMinutes }

        var groups: [[String]: [FieldworkRecord]] = [:]
        if fields.respondentKey.count >= 3 {
            for record in records {
                let key = fields.respondentKey.map { record.values[$0] ?? "" }
                guard key.filter({ !$0.isEmpty }).count >= 3 else { continue }
                groups[key, default: []].append(record)
            }
        }
        duplicates = groups.values.filter { $0.count > 1 }.sorted { $0[0].submissionID < $1[0].submissionID }
        missingGPS = fields.gps.map { path in records.filter { ($0.values[path] ?? "").isEmpty } } ?? []
    }

    /// Response status per unit as `sanarip weight --responded responded` reads it: the plan's frame columns,
    /// then the unit id, stratum, inclusion probability, reserve flag, target, completed interviews and `responded` (1/0).
    /// Reserves not (yet) used are left out: they are not in the sample; a replaced unit is a nonrespondent.
    func responseStatus(frameColumns: [String]) -> [[String]] {
        let status = ["unit_id", "stratum", "pi", "reserve", "target", "completed", "responded"]
        let frameColumns = frameColumns.filter { !status.contains($0) }
        return [frameColumns + status] + units.filter { $0.status != .reserve }.map { unit in
            frameColumns.map { unit.unit.columns[$0] ?? "" } + [
                unit.unit.unitID, unit.unit.stratum, String(unit.unit.probability), unit.unit.reserve ? "1" : "0",
                String(unit.target), String(unit.completed), unit.responded ? "1" : "0",
            ]
        }
    }
}
