import Foundation
import Hummingbird
import SanaripAudit
import SanaripInstrument
import SanaripStorage

/// The municipal web audit's pages: the sites list (pasted CSV), rounds started from the browser (run in the
/// background, progress shown), the ranking with group scores and the oblast comparison, each municipality's
/// evidence, snapshots and reviewers' checklist with Cohen's κ, and CSV/XLSX downloads.
/// The store holds one audit; its pages live under the study that ordered it.
struct WebAuditController: Sendable {
    let stores: Stores
    let pages: PageRenderer
    let files: WebAuditFiles
    let runs = BackgroundRuns()

    func addRoutes(to router: Router<SanaripRequestContext>) {
        router.get("/studies/{study}/audit", use: overview)
        router.post("/studies/{study}/audit/sites", use: importSites)
        router.post("/studies/{study}/audit/rounds", use: startRound)
        router.get("/studies/{study}/audit/rounds/{round}", use: ranking)
        router.get("/studies/{study}/audit/rounds/{round}/results.csv", use: csv)
        router.get("/studies/{study}/audit/rounds/{round}/results.xlsx", use: xlsx)
        router.get("/studies/{study}/audit/rounds/{round}/municipalities/{municipality}", use: municipality)
        router.post("/studies/{study}/audit/rounds/{round}/municipalities/{municipality}/checklist", use: checklist)
        router.get("/studies/{study}/audit/snapshots/{snapshot}", use: snapshot)
    }

    private func base(_ context: SanaripRequestContext) throws -> String {
        "/studies/\(try context.parameters.require("study"))/audit"
    }

    // MARK: sites and rounds

    @Sendable func overview(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        try await overviewPage(request, context: context)
    }

    func overviewPage(_ request: Request, context: SanaripRequestContext, error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let language = context.language.rawValue
        let frame = files.frame()
        let sites = try await stores.webAudits.sites().map { site -> [String: Any] in
            ["municipality": site.municipality, "name": frame?.municipalities[site.municipality]?.name.text(language) ?? "",
             "url": site.url, "kind": site.kind]
        }
        let rounds = try await stores.webAudits.rounds().map { round -> [String: Any] in
            ["id": round.id, "name": round.name, "done": round.done, "total": round.total,
             "startedAt": context.language.format(round.startedAt), "finished": round.finishedAt != nil]
        }
        return try pages.render("audit", [
            "base": try base(context), "sites": sites, "hasSites": !sites.isEmpty, "rounds": rounds, "hasRounds": !rounds.isEmpty,
            "hasError": error != nil, "errorText": error ?? "",
        ], request: request, context: context, status: status)
    }

    struct SitesForm: Decodable { var csv: String }

    @Sendable func importSites(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let form = try await request.form(SitesForm.self, context: context)
        do {
            let sites = try AuditSiteList.sites(csv: form.csv, file: "sites")
            try await AuditSiteList.save(sites, to: stores.webAudits, by: context.identity?.username ?? "")
        } catch let error as AuditError {
            return try await overviewPage(request, context: context, error: error.description, status: .badRequest)
        } catch let error as StorageError {
            return try await overviewPage(request, context: context, error: error.description, status: .badRequest)
        }
        return .redirect(to: try base(context), type: .normal)
    }

    struct RoundForm: Decodable { var name: String }

    @Sendable func startRound(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let form = try await request.form(RoundForm.self, context: context)
        let name = form.name.trimmingCharacters(in: .whitespaces)
        do {
            guard !name.isEmpty else { throw AuditError(pages.string("audit.roundNameMissing", context)) }
            let sites = try await stores.webAudits.sites().map {
                AuditSite(municipality: $0.municipality, url: $0.url, kind: AuditSite.Kind(rawValue: $0.kind) ?? .other)
            }
            guard !sites.isEmpty else { throw AuditError(pages.string("audit.noSites", context)) }
            let recorder = AuditRoundRecorder(store: stores.webAudits, runner: try files.runner())
            let user = context.identity?.username ?? ""
            let started = await runs.start(key: name) { _ = try await recorder.run(name: name, sites: sites, by: user) }
            guard started else { throw AuditError(pages.string("audit.roundRunning", context)) }
        } catch let error as AuditError {
            return try await overviewPage(request, context: context, error: error.description, status: .badRequest)
        }
        // The round's row appears when the store has it; its page shows the progress.
        for _ in 0..<20 {
            if let round = try await stores.webAudits.round(named: name) {
                return .redirect(to: "\(try base(context))/rounds/\(round.id)", type: .normal)
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return .redirect(to: try base(context), type: .normal)
    }

    // MARK: results

    /// The round, its audits (reviewers' answers applied to the scores) and the answers.
    func load(_ context: SanaripRequestContext) async throws -> (WebAuditRound, [SiteAudit], [WebAuditAnswer], AuditIndex) {
        guard let id = Int64(try context.parameters.require("round")), let round = try await stores.webAudits.round(id: id) else {
            throw HTTPError(.notFound)
        }
        let scored = try await files.scoredAudits(roundID: id, store: stores.webAudits)
        return (round, scored.audits, scored.answers, scored.index)
    }

    @Sendable func ranking(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let (round, audits, answers, index) = try await load(context)
        let language = context.language.rawValue
        let frame = files.frame()
        var previous: [String: Double] = [:]
        if let earlier = try await stores.webAudits.rounds().first(where: { $0.startedAt < round.startedAt && $0.finishedAt != nil }) {
            for result in try await stores.webAudits.results(roundID: earlier.id) { previous[result.municipality] = result.score }
        }
        let sorted = audits.sorted { ($0.score, $1.municipality) > ($1.score, $0.municipality) }
        let rows = sorted.enumerated().map { position, audit -> [String: Any] in
            let place = frame?.municipalities[audit.municipality]
            return [
                "rank": position + 1, "municipality": audit.municipality, "name": place?.name.text(language) ?? audit.municipality,
                "oblast": place?.oblast ?? "", "district": place?.district ?? "", "url": audit.url,
                "score": Self.decimal(audit.score, language), "level": pages.string("audit.levels.\(audit.level.replacingOccurrences(of: " ", with: ""))", context),
                "groups": LOSIGroup.allCases.map { ["value": audit.groupScores[$0.rawValue].map { Self.decimal($0, language) } ?? "–"] },
                "problem": audit.problem ?? "",
                "change": previous[audit.municipality].map { Self.signed(audit.score - $0, language) } ?? "",
            ]
        }
        let comparison = AuditComparison.rows(audits, frame: frame).map { row -> [String: Any] in
            ["label": row.label, "count": row.count, "mean": Self.decimal(row.mean, language), "median": Self.decimal(row.median, language),
             "levels": LOSILevel.allCases.map { ["count": row.levels[$0] ?? 0] },
             "bar": Self.levelBar(row.levels, total: row.count)]
        }
        let agreement = AuditAgreement(answers, index: index)
        var oblastScores: [String: Double] = [:]
        var oblastTitles: [String: String] = [:]
        for row in AuditComparison.rows(audits, frame: frame) where frame.map({ frame in frame.municipalities.values.contains { $0.oblast == row.label } }) ?? false {
            oblastScores[row.label] = row.mean
            oblastTitles[row.label] = "\(row.label): \(Self.decimal(row.mean, language)), n = \(row.count)"
        }
        let map = files.oblasts().flatMap { try? AuditMap.svg(geojson: $0, scores: oblastScores, titles: oblastTitles) } ?? ""
        let districtSVG = districtMap(audits, context: context)
        let response = try pages.render("audit-round", [
            "base": try base(context), "round": ["id": round.id, "name": round.name, "done": round.done, "total": round.total,
                                                  "finished": round.finishedAt != nil],
            "groupNames": LOSIGroup.allCases.map { ["name": index.groupLabels[$0]?.text(language) ?? $0.rawValue] },
            "levelNames": LOSILevel.allCases.map { ["name": pages.string("audit.levels.\($0.rawValue.replacingOccurrences(of: " ", with: ""))", context),
                                                    "swatch": "<svg width=\"12\" height=\"12\" aria-hidden=\"true\"><rect width=\"12\" height=\"12\" fill=\"\(AuditMap.colours[$0]!)\"/></svg>"] },
            "rows": rows, "comparison": comparison, "map": map, "hasMap": !map.isEmpty, "districtMap": districtSVG, "hasDistrictMap": !districtSVG.isEmpty,
            "agreement": agreement.groups.map { group -> [String: Any] in
                ["group": index.groupLabels[group.group]?.text(language) ?? group.group.rawValue, "items": group.kappa.items,
                 "kappa": group.kappa.kappa.map { Self.decimal($0, language) } ?? "–"]
            },
            "hasAgreement": !agreement.groups.isEmpty,
            "disagreements": agreement.disagreements.map { item -> [String: Any] in
                ["municipality": item.municipality, "indicator": index.indicators.first { $0.id == item.indicator }?.label.text(language) ?? item.indicator,
                 "answers": item.answers.map { "\($0.reviewer): \($0.answer)" }.joined(separator: " · ")]
            },
            "hasDisagreements": !agreement.disagreements.isEmpty,
        ], request: request, context: context)
        guard round.finishedAt == nil else { return response }
        var refreshing = response
        refreshing.headers[HTTPFields.Element.Name("Refresh")!] = "5"
        return refreshing
    }

    @Sendable func csv(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let (round, audits, _, index) = try await load(context)
        let text = CSVCodec().text(for: AuditCSV.records(audits, index: index, frame: files.frame()))
        return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .cacheControl: "no-store",
                                               .contentDisposition: "attachment; filename=\"audit-\(round.id).csv\""],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    @Sendable func xlsx(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let (round, audits, _, index) = try await load(context)
        let data = try XLSXWriter().data(for: Workbook(sheets: [Sheet(name: "audit", cells: AuditCSV.records(audits, index: index, frame: files.frame()))]))
        return Response(status: .ok, headers: [.contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", .cacheControl: "no-store",
                                               .contentDisposition: "attachment; filename=\"audit-\(round.id).xlsx\""],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    // MARK: one municipality

    @Sendable func municipality(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let (round, audits, answers, index) = try await load(context)
        let code = try context.parameters.require("municipality")
        guard let audit = audits.first(where: { $0.municipality == code }) else { throw HTTPError(.notFound) }
        let language = context.language.rawValue
        let reviewer = context.identity?.username ?? ""
        let mine = Dictionary(answers.filter { $0.municipality == code && $0.reviewer == reviewer }.map { ($0.indicator, $0) }, uniquingKeysWith: { $1 })
        let snapshots = try await stores.webAudits.snapshots(roundID: round.id, municipality: code)
        let indicators = index.indicators.filter { $0.method == .auto }.map { indicator -> [String: Any] in
            let result = audit.indicator(indicator.id)
            return ["label": indicator.label.text(language), "group": index.groupLabels[indicator.group]?.text(language) ?? "",
                    "found": result?.value == 1, "value": result?.value.map { Self.decimal($0, language) } ?? "–",
                    "evidence": (result?.evidence ?? []).map { ["url": $0.url, "found": $0.found] }]
        }
        let checklist = index.indicators.filter { $0.method == .review }.map { indicator -> [String: Any] in
            let answer = mine[indicator.id]?.answer ?? ""
            let hint = indicator.evidenceFrom.flatMap { audit.indicator($0) }?.evidence.map(\.found).prefix(3).joined(separator: " · ") ?? ""
            return ["id": indicator.id, "label": indicator.label.text(language), "hint": hint,
                    "yes": answer == "yes", "partly": answer == "partly", "no": answer == "no", "note": mine[indicator.id]?.note ?? ""]
        }
        let place = files.frame()?.municipalities[code]
        return try pages.render("audit-municipality", [
            "base": try base(context), "round": ["id": round.id, "name": round.name], "code": code,
            "name": place?.name.text(language) ?? code, "url": audit.url, "status": audit.status, "problem": audit.problem ?? "",
            "score": Self.decimal(audit.score, language), "level": pages.string("audit.levels.\(audit.level.replacingOccurrences(of: " ", with: ""))", context),
            "languages": audit.languages.joined(separator: ", "), "lastUpdate": audit.lastUpdate ?? "–", "cms": audit.cms ?? "–",
            "groups": LOSIGroup.allCases.map { ["name": index.groupLabels[$0]?.text(language) ?? $0.rawValue,
                                                "value": audit.groupScores[$0.rawValue].map { Self.decimal($0, language) } ?? "–"] },
            "indicators": indicators, "checklist": checklist,
            "pages": audit.pages.map { page -> [String: Any] in
                ["url": page.url, "finalURL": page.finalURL, "status": page.status, "seconds": Self.decimal(page.seconds, language),
                 "bytes": page.bytes, "failure": page.failure ?? "", "redirects": page.redirects.map { "\($0.status) → \($0.to)" }.joined(separator: "; "),
                 "snapshot": snapshots.first { $0.url == page.url }?.id ?? 0, "hasSnapshot": snapshots.contains { $0.url == page.url }]
            },
        ], request: request, context: context)
    }

    @Sendable func checklist(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let (round, audits, _, index) = try await load(context)
        let code = try context.parameters.require("municipality")
        guard audits.contains(where: { $0.municipality == code }) else { throw HTTPError(.notFound) }
        let form = try await request.form([String: String].self, context: context)
        let reviewer = context.identity?.username ?? ""
        for indicator in index.indicators where indicator.method == .review {
            guard let answer = form["answer_\(indicator.id)"], ["yes", "partly", "no"].contains(answer) else { continue }
            try await stores.webAudits.saveAnswer(WebAuditAnswer(roundID: round.id, municipality: code, indicator: indicator.id, reviewer: reviewer,
                                                                 answer: answer, note: form["note_\(indicator.id)"] ?? "", answeredAt: Date()))
        }
        return .redirect(to: "\(try base(context))/rounds/\(round.id)/municipalities/\(code)", type: .normal)
    }

    /// A fetched page as text (never rendered as HTML here: it is someone else's page).
    @Sendable func snapshot(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        guard let id = Int64(try context.parameters.require("snapshot")), let snapshot = try await stores.webAudits.snapshot(id: id),
              let body = SnapshotCompression.decompress(snapshot.body, size: snapshot.bodyBytes) else { throw HTTPError(.notFound) }
        let headers = (try? JSONDecoder().decode([[String]].self, from: snapshot.headers)) ?? []
        let bytes = [UInt8](body)
        let choice = TextDecoding.choose(bytes: bytes, contentType: headers.first { $0.first == "content-type" }?.last)
        var text = "\(snapshot.url)\nHTTP \(snapshot.status) · \(snapshot.finalURL) · \(snapshot.fetchedAt)\n"
        text += headers.map { $0.joined(separator: ": ") }.joined(separator: "\n") + "\n\n"
        text += TextDecoding.decode(bytes, charset: choice.charset)
        return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// The distribution of levels as one stacked bar (SVG, no script), very high first.
    static func levelBar(_ levels: [LOSILevel: Int], total: Int) -> String {
        guard total > 0 else { return "" }
        let colours = AuditMap.colours
        var x = 0.0
        var parts = ""
        for level in LOSILevel.allCases {
            let width = 200 * Double(levels[level] ?? 0) / Double(total)
            guard width > 0 else { continue }
            parts += "<rect x=\"\(String(format: "%.1f", x))\" y=\"0\" width=\"\(String(format: "%.1f", width))\" height=\"14\" fill=\"\(colours[level]!)\"><title>\(level.rawValue): \(levels[level] ?? 0)</title></rect>"
            x += width
        }
        return "<svg class=\"chart\" width=\"200\" height=\"14\" viewBox=\"0 0 200 14\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">\(parts)</svg>"
    }

    static func decimal(_ value: Double, _ language: String) -> String {
        let text = String(format: "%.2f", value)
        return language == "en" ? text : text.replacingOccurrences(of: ".", with: ",")
    }

    static func signed(_ value: Double, _ language: String) -> String {
        (value > 0 ? "+" : "") + decimal(value, language)
    }
}
