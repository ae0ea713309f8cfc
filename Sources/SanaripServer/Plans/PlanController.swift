import Foundation
import Hummingbird
import SanaripInstrument
import SanaripStorage

/// Sampling plans: the list, each plan's page and its downloads for the field team (CSV and a printable page).
///
/// The printable page is standalone with inline styles, like the interviewer manual, and shares its policy.
struct PlanController: Sendable {
    let plans: any SamplingPlanStore
    let pages: PageRenderer

    func addRoutes(to router: Router<SanaripRequestContext>) {
        router.get("/plans", use: list)
        router.get("/plans/{id}", use: page)
        router.get("/plans/{id}/plan.csv", use: csv)
        router.get("/plans/{id}/plan.html", use: printable)
    }

    @Sendable func list(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let all = try await plans.plans(studyID: nil).filter { context.sees(study: $0.studyID) }
        let items = all.map { $0.listItem(in: context.language) }
        return try pages.render("plans", ["plans": items, "hasPlans": !items.isEmpty], request: request, context: context)
    }

    @Sendable func page(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let (plan, units) = try await find(context)
        return try pages.render("plan", ["plan": plan.detail(units: units, pages: pages, context: context)], request: request, context: context)
    }

    @Sendable func printable(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let (plan, units) = try await find(context)
        var response = try pages.render("plan-print", ["plan": plan.detail(units: units, pages: pages, context: context)], request: request, context: context)
        response.headers[.contentDisposition] = "attachment; filename=\"\(plan.fileStem).html\""
        response.headers[.contentSecurityPolicy] = InstrumentController.manualPolicy
        return response
    }

    @Sendable func csv(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let (plan, units) = try await find(context)
        return Response(
            status: .ok,
            headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(plan.fileStem).csv\""],
            body: ResponseBody(byteBuffer: ByteBuffer(string: CSVCodec().text(for: plan.table(units: units))))
        )
    }

    private func find(_ context: SanaripRequestContext) async throws -> (SamplingPlan, [SamplingPlanUnit]) {
        guard let id = Int64(try context.parameters.require("id")), let plan = try await plans.plan(id: id) else {
            throw HTTPError(.notFound)
        }
        return (plan, try await plans.units(planID: id))
    }
}
