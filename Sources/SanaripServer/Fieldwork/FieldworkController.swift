import Foundation
import Hummingbird
import SanaripCore
import SanaripInstrument
import SanaripReports
import SanaripStorage

/// The fieldwork dashboard of a form against its study's sampling plan, the response status per unit as the CSV
/// `sanarip weight --responded responded` reads, and interviewers' assignments to units (uploaded as CSV).
struct FieldworkController: Sendable {
    let stores: Stores
    let instruments: InstrumentCache
    let pages: PageRenderer
    /// Interviews shorter than this many minutes are flagged unless the page asks for another limit (`?short=`).
    static let shortMinutes = 15.0

    init(stores: Stores, pages: PageRenderer) {
        self.stores = stores
        self.instruments = InstrumentCache(instruments: stores.instruments)
        self.pages = pages
    }

    func addRoutes(to router: Router<SanaripRequestContext>) {
        router.get("/fieldwork/{form}", use: dashboard)
        router.get("/fieldwork/{form}/response-status.csv", use: responseStatus)
        router.post("/fieldwork/{form}/assignments", use: assign)
    }

    /// What the dashboard is computed from.
    struct Inputs {
        var form: FormVersion
        var instrument: Instrument
        var fields: FieldworkFields
        var plan: SamplingPlan?
        var plans: [SamplingPlan]
        var progress: FieldworkProgress
        var shortMinutes: Double
    }

    /// - Parameter planID: the plan to compare with; the request's `plan` query parameter, else the study's newest.
    func inputs(_ request: Request, context: SanaripRequestContext, planID: Int64? = nil) async throws -> Inputs {
        let formID = try context.parameters.require("form")
        guard let form = try await stores.forms.versions(formID: formID).first,
            let stored = try await stores.instruments.instrument(id: form.instrumentID)
        else { throw HTTPError(.notFound) }
        let instrument = try await instruments.instrument(id: form.instrumentID)
        let fields = FieldworkFields(instrument: instrument)
        let plans = try await stores.samplingPlans.plans(studyID: stored.studyID)
        let wanted = planID ?? request.uri.queryParameters.get("plan").flatMap(Int64.init)
        let plan = wanted.map { id in plans.first { $0.id == id } } ?? plans.first
        if wanted != nil, plan == nil { throw HTTPError(.notFound, message: "This study has no sampling plan \(wanted ?? 0).") }
        var units: [SamplingPlanUnit] = [], assignments: [InterviewerAssignment] = []
        if let id = plan?.id {
            units = try await stores.samplingPlans.units(planID: id)
            assignments = try await stores.reviews.assignments(planID: id)
        }
        let short = request.uri.queryParameters.get("short").flatMap(Double.init).flatMap { $0 > 0 ? $0 : nil } ?? Self.shortMinutes
        let progress = try await Self.progress(stores: stores, formID: formID, fields: fields, plan: plan, units: units, assignments: assignments, shortMinutes: short)
        return Inputs(form: form, instrument: instrument, fields: fields, plan: plan, plans: plans, progress: progress, shortMinutes: short)
    }

    /// The progress of `formID`'s stored submissions against `plan`: the dashboard's, and the response rates' of the workspace and report.
    static func progress(
        stores: Stores, formID: String, fields: FieldworkFields, plan: SamplingPlan?, units: [SamplingPlanUnit], assignments: [InterviewerAssignment] = [],
        shortMinutes: Double = shortMinutes
    ) async throws -> FieldworkProgress {
        let records = try await stores.reviews.fieldworkRecords(formID: formID, paths: fields.all)
        return FieldworkProgress(
            records: records, fields: fields, plan: plan, units: units, assignments: Self.assignments(assignments, or: units, planID: plan?.id),
            shortMinutes: shortMinutes
        )
    }

    /// Stored assignments, else those the plan's own `interviewer` column gives.
    static func assignments(_ stored: [InterviewerAssignment], or units: [SamplingPlanUnit], planID: Int64?) -> [InterviewerAssignment] {
        guard stored.isEmpty, let planID else { return stored }
        return units.compactMap { unit in
            guard let name = unit.columns["interviewer"]?.trimmingCharacters(in: .whitespaces), !name.isEmpty else { return nil }
            return InterviewerAssignment(planID: planID, unitID: unit.unitID, interviewer: name, assignedBy: "plan")
        }
    }

    @Sendable func dashboard(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        try await page(request, context: context)
    }

    /// The dashboard, with `error` above the assignments form when an upload was refused.
    func page(
        _ request: Request, context: SanaripRequestContext, planID: Int64? = nil, error: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let inputs = try await inputs(request, context: context, planID: planID)
        let progress = inputs.progress
        let language = context.language
        let view = SubmissionAnswersView(instrument: inputs.instrument, language: language)
        func string(_ key: String) -> String { pages.string(key, context) }
        func tally(_ tally: FieldworkProgress.Tally) -> [String: Any] {
            [
                "name": tally.name, "completed": language.format(tally.completed), "target": language.format(tally.target),
                "percent": tally.target > 0 ? "\(language.format(tally.completed * 100 / tally.target))%" : "–",
            ]
        }
        func link(_ record: FieldworkRecord) -> [String: Any] {
            ["id": record.submissionID, "instanceID": record.instanceID, "submitter": record.submitter, "receivedAt": language.format(record.receivedAt)]
        }
        let choiceList: ChoiceList? = inputs.fields.municipality.flatMap {
            if case .selectOne(let list) = $0.type { inputs.instrument.choiceList(named: list) } else { nil }
        }
        let chart = IntervalBarChart(
            title: string("review.chartTitle"),
            bars: progress.districts.filter { $0.target > 0 }.map {
                IntervalBarChart.Bar(label: $0.name, value: Double($0.completed) / Double($0.target), low: .nan, high: .nan)
            },
            percent: true
        )
        let data: [String: Any] = [
            "form": ["formID": inputs.form.formID, "title": inputs.form.title],
            "plans": inputs.plans.map { ["id": $0.id ?? 0, "name": $0.name, "selected": $0.id == inputs.plan?.id] },
            "hasPlan": inputs.plan != nil,
            "plan": inputs.plan.map { ["id": $0.id ?? 0, "name": $0.name] as [String: Any] } ?? [:],
            "total": language.format(progress.total),
            "oblasts": progress.oblasts.map(tally),
            "districts": progress.districts.map(tally),
            "units": progress.units.map { unit -> [String: Any] in
                [
                    "unitID": unit.unit.unitID,
                    "name": choiceList?.choice(named: unit.unit.unitID).flatMap { view.text($0.label) } ?? unit.unit.unitName,
                    "district": unit.district, "oblast": unit.oblast,
                    "completed": language.format(unit.completed), "target": language.format(unit.target),
                    "status": string("review.status.\(unit.status.rawValue)"), "statusCode": unit.status.rawValue,
                    "interviewers": unit.interviewers.joined(separator: ", "),
                ]
            },
            "interviewers": progress.interviewers.map(tally),
            "days": progress.days.map(tally),
            "outside": progress.outsidePlan.count,
            "shortMinutes": language.format(Int(inputs.shortMinutes)),
            "tooShort": progress.tooShort.map { interview -> [String: Any] in
                link(interview.record).merging(["minutes": interview.minutes.map { String(format: "%.1f", $0) } ?? ""]) { $1 }
            },
            "hasTooShort": !progress.tooShort.isEmpty,
            "hasDurations": inputs.fields.start != nil && inputs.fields.end != nil,
            "medianMinutes": Self.median(progress.durations.compactMap(\.minutes)).map { String(format: "%.1f", $0) } ?? "–",
            "duplicates": progress.duplicates.map { ["records": $0.map(link)] },
            "hasDuplicates": !progress.duplicates.isEmpty,
            "missingGPS": progress.missingGPS.map(link),
            "hasMissingGPS": !progress.missingGPS.isEmpty,
            "asksGPS": inputs.fields.gps != nil,
            "chart": chart.svg,
            "hasChart": !chart.bars.isEmpty,
            "hasError": error != nil,
            "errorText": error ?? "",
        ]
        return try pages.render("fieldwork", data, request: request, context: context, status: status)
    }

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    @Sendable func responseStatus(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let inputs = try await inputs(request, context: context)
        guard let plan = inputs.plan else { throw HTTPError(.notFound, message: "This study has no sampling plan yet.") }
        let text = CSVCodec().text(for: inputs.progress.responseStatus(frameColumns: plan.frameColumns))
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"response-status-\(StoredInstrument.pathSafe(inputs.form.formID))-plan-\(plan.id ?? 0).csv\"",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text))
        )
    }

    struct AssignmentForm: Decodable {
        var plan: Int64
        var csv: String
    }

    @Sendable func assign(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let formID = try context.parameters.require("form")
        let form = try await request.form(AssignmentForm.self, context: context)
        guard let plan = try await stores.samplingPlans.plan(id: form.plan), let version = try await stores.forms.versions(formID: formID).first,
            try await stores.instruments.instrument(id: version.instrumentID)?.studyID == plan.studyID
        else { throw HTTPError(.notFound, message: "This form's study has no sampling plan \(form.plan).") }
        let units = Set(try await stores.samplingPlans.units(planID: form.plan).map(\.unitID))
        let assignments: [InterviewerAssignment]
        do {
            assignments = try AssignmentSheet.read(form.csv, units: units, planID: form.plan, by: context.identity?.username ?? "")
        } catch let error as AssignmentSheet.Problem {
            return try await page(request, context: context, planID: form.plan, error: error.description, status: .badRequest)
        }
        try await stores.reviews.replaceAssignments(planID: form.plan, with: assignments, by: context.identity?.username ?? "")
        return .redirect(to: "/fieldwork/\(ReviewController.encode(formID))?plan=\(form.plan)", type: .normal)
    }
}
