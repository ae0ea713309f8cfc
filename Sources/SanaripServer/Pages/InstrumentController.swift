import Foundation
import Hummingbird
import SanaripInstrument
import SanaripStorage

/// The instrument list, each instrument's page and its downloads: XLSForm, XForm and interviewer manuals.
struct InstrumentController: Sendable {
    let studies: any StudyStore
    let instruments: any InstrumentStore
    let pages: PageRenderer

    /// The manual is a standalone page with its own inline styles: allow those, and still no scripts.
    static let manualPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'"

    func addRoutes(to router: Router<SanaripRequestContext>) {
        router.get("/instruments", use: list)
        router.get("/instruments/{id}", use: page)
        router.get("/instruments/{id}/xlsform.xlsx", use: xlsform)
        router.get("/instruments/{id}/xform.xml", use: xform)
        router.get("/instruments/{id}/manual/{language}", use: manual)
    }

    @Sendable func list(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        var all: [StoredInstrument] = []
        for study in try await studies.studies() where context.sees(study: study.id) {
            all += try await instruments.instruments(studyID: study.id)
        }
        return try pages.render("instruments", StoredInstrument.table(all, in: context.language), request: request, context: context)
    }

    @Sendable func page(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let instrument = try await find(context)
        return try pages.render("instrument", ["instrument": instrument.detail(in: context.language)], request: request, context: context)
    }

    @Sendable func xlsform(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let instrument = try await find(context)
        let data = try XLSXWriter().data(for: instrument.workbook)
        return Self.download(
            ByteBuffer(bytes: data),
            type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            fileName: "\(instrument.id).xlsx"
        )
    }

    @Sendable func xform(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let instrument = try await find(context)
        return Self.download(ByteBuffer(string: instrument.xform), type: "application/xml; charset=utf-8", fileName: "\(instrument.id).xml")
    }

    @Sendable func manual(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let instrument = try await find(context)
        let code = try context.parameters.require("language")
        guard instrument.manualLanguages.contains(where: { $0.code == code }) else { throw HTTPError(.notFound) }
        let html = ManualWriter().html(for: try instrument.instrument(), languageCode: code)
        var response = Self.download(ByteBuffer(string: html), type: "text/html; charset=utf-8", fileName: "\(instrument.id)-manual-\(code).html")
        response.headers[.contentSecurityPolicy] = Self.manualPolicy
        return response
    }

    private func find(_ context: SanaripRequestContext) async throws -> StoredInstrument {
        let id = try context.parameters.require("id")
        guard let instrument = try await instruments.instrument(id: id) else { throw HTTPError(.notFound) }
        return instrument
    }

    /// A file the browser saves under `fileName` rather than shows.
    private static func download(_ body: ByteBuffer, type: String, fileName: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(fileName)\""],
            body: ResponseBody(byteBuffer: body)
        )
    }
}
