import Foundation
import Hummingbird
import SanaripCore
import SanaripInstrument
import SanaripQualitative
import SanaripReports
import SanaripStorage

extension QualitativeController {
    /// The `unit` query: character (default) or turn.
    static func unit(_ request: Request) -> AgreementUnit {
        request.uri.queryParameters.get("unit").flatMap { AgreementUnit(rawValue: String($0)) } ?? .character
    }

    /// κ and α per code and overall, by character or by turn, from the library's ``QualitativeProject/agreement(unit:)``
    /// (what `sanarip qual agreement` prints); the disagreements side by side for those who may read transcripts.
    @Sendable func agreementPage(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let place = try place(context)
        let project = try await load(place)
        let unit = Self.unit(request)
        let report = project.agreement(unit: unit)
        let language = context.language.rawValue
        let names = Dictionary(project.codebook.codes.map { ($0.key, $0.name(language)) }, uniquingKeysWith: { first, _ in first })
        let entries = report.entries.map { entry -> [String: Any] in
            ["code": entry.code, "name": entry.code == "*" ? pages.string("qual.agreement.overall", context) : names[entry.code] ?? entry.code,
             "overall": entry.code == "*",
             "kappa": Self.number(entry.kappa, context), "alpha": Self.number(entry.alpha, context),
             "kappaValue": entry.kappa.map { "\($0)" } ?? "", "alphaValue": entry.alpha.map { "\($0)" } ?? "",
             "units": entry.units, "disagreements": entry.disagreements]
        }
        let showDisagreements = may(.viewTranscripts, context)
        let shown = showDisagreements ? Array(report.disagreements.prefix(300)) : []
        let disagreements = shown.map { item -> [String: Any] in
            ["code": names[item.code] ?? item.code, "transcript": item.transcript, "speaker": item.speaker ?? "",
             "place": item.turn.map { "#\($0)" } ?? "\(item.start)–\(item.end)",
             "href": "\(place.base)/transcripts/\(item.transcript.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? item.transcript)#turn-\(item.turn ?? 1)",
             "codedBy": item.codedBy.joined(separator: ", "), "notCodedBy": item.notCodedBy.joined(separator: ", "), "excerpt": item.excerpt]
        }
        if showDisagreements { try await audit(place, "qual.view", context, ["view": "agreement", "unit": unit.rawValue]) }
        var page = navigation(place, context)
        page.merge([
            "unit": unit.rawValue, "byCharacter": unit == .character, "byTurn": unit == .turn,
            "coders": report.entries.last?.coders.joined(separator: ", ") ?? "", "twoCoders": report.entries.last?.coders.count == 2,
            "entries": entries, "hasEntries": entries.count > 1,
            "showDisagreements": showDisagreements, "disagreements": disagreements, "hasDisagreements": !disagreements.isEmpty,
            "moreDisagreements": report.disagreements.count > shown.count && showDisagreements, "disagreementCount": report.disagreements.count,
        ]) { $1 }
        return try pages.render("qual-agreement", page, request: request, context: context)
    }

    /// The attributes participants and sessions carry, for the group choice (the usual ones first).
    static func attributes(_ project: QualitativeProject) -> [String] {
        let present = Set(project.participants.flatMap(\.attributes.keys)).union(project.sessions.flatMap(\.attributes.keys))
        let usual = ["eservice_use", "sex", "age_group", "urban_rural", "target", "oblast", "education"]
        return usual.filter(present.contains) + present.subtracting(usual).sorted()
    }

    /// The `by` query, else e-service use, else the first attribute there is.
    static func groupAttribute(_ request: Request, _ project: QualitativeProject) -> String {
        let available = attributes(project)
        if let by = request.uri.queryParameters.get("by").map { String($0) }, !by.isEmpty { return by }
        return available.first ?? "eservice_use"
    }

    /// The heat map of a matrix: codes in the request's language, shares of participants who raised each code.
    func heatMap(_ matrix: CodeMatrix, _ project: QualitativeProject, _ context: SanaripRequestContext) -> HeatMapChart {
        let language = context.language.rawValue
        let rows = matrix.codes.map { project.codebook.code(named: $0)?.name(language) ?? $0 }
        let title = pages.string("qual.matrix.chartTitle", context).replacingOccurrences(of: "{attribute}", with: matrix.attribute)
        return HeatMapChart(
            title: title, rows: rows, columns: matrix.groups,
            shares: matrix.cells.map { $0.map(\.share) },
            labels: matrix.cells.map { $0.map { "\($0.participants)/\($0.ofParticipants)" } },
            tooltips: matrix.cells.enumerated().map { row, cells in
                cells.enumerated().map { column, cell in
                    "\(rows[row]) · \(matrix.groups[column]): \(cell.participants)/\(cell.ofParticipants) (\(Self.number(cell.share.map { $0 * 100 }, context, digits: 0)) %), \(cell.codings)"
                }
            }
        )
    }

    /// The code × group heat map by a participant or session attribute, and the co-occurrence of codes in turns.
    @Sendable func matrixPage(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let place = try place(context)
        let project = try await load(place)
        let attribute = Self.groupAttribute(request, project)
        let matrix = project.matrix(by: attribute)
        let language = context.language.rawValue
        let co = project.coOccurrence()
        let names = co.codes.map { project.codebook.code(named: $0)?.name(language) ?? $0 }
        var page = navigation(place, context)
        page.merge([
            "by": attribute,
            "attributes": Self.attributes(project).map { name -> [String: Any] in ["name": name, "selected": name == attribute] },
            "heatMap": matrix.codes.isEmpty ? "" : heatMap(matrix, project, context).svg, "hasMatrix": !matrix.codes.isEmpty,
            "coCodes": names.map { ["name": $0] },
            "coRows": co.turns.enumerated().map { row, counts -> [String: Any] in
                ["name": names[row], "counts": counts.enumerated().map { column, count -> [String: Any] in ["count": count, "diagonal": row == column] }]
            },
        ]) { $1 }
        return try pages.render("qual-matrix", page, request: request, context: context)
    }

    /// The `code`, `attribute` and `value` queries of the quotes page and its download.
    func quoteQuery(_ request: Request, _ project: QualitativeProject) -> (code: Code?, filter: (attribute: String, value: String)?) {
        let code = request.uri.queryParameters.get("code").flatMap { project.codebook.code(named: String($0)) }
            ?? project.codebook.codes.first { code in project.codings.contains { $0.codeID == code.id } }
        let attribute = request.uri.queryParameters.get("attribute").map { String($0) } ?? ""
        let value = request.uri.queryParameters.get("value").map { String($0) } ?? ""
        return (code, attribute.isEmpty || value.isEmpty ? nil : (attribute, value))
    }

    /// Every passage coded with a code (and its sub-codes), with the speaker's pseudonym and group, in the original
    /// language, filterable by a group.
    @Sendable func quotesPage(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let place = try place(context)
        let project = try await load(place)
        let (code, filter) = quoteQuery(request, project)
        let language = context.language.rawValue
        let quotes = try code.map { try project.quotes(code: $0.key, where: filter) } ?? []
        let languages = Dictionary(project.transcripts.map { ($0.name, $0.language) }, uniquingKeysWith: { first, _ in first })
        try await audit(place, "qual.view", context, ["view": "quotes", "code": code?.key ?? ""])
        let used = Set(project.codings.map(\.codeID))
        var page = navigation(place, context)
        page.merge([
            "code": code?.key ?? "", "hasCode": code != nil, "codeName": code?.name(language) ?? "",
            "codes": Self.tree(project.codebook).filter { used.contains($0.code.id) || project.codebook.children(of: $0.code.id).contains { used.contains($0.id) } }
                .map { item, depth -> [String: Any] in ["key": item.key, "name": String(repeating: "— ", count: depth) + item.name(language), "selected": item.id == code?.id] },
            "attributes": Self.attributes(project).map { name -> [String: Any] in ["name": name, "selected": name == filter?.attribute] },
            "value": filter?.value ?? "",
            "query": request.uri.query ?? "",
            "quotes": quotes.map { quote -> [String: Any] in
                ["text": quote.text, "speaker": quote.speaker ?? "?", "transcript": quote.transcript,
                 "hasLanguage": (languages[quote.transcript] ?? "").count == 2, "textLanguage": languages[quote.transcript] ?? "",
                 "group": quote.attributes.keys.sorted().map { "\($0)=\(quote.attributes[$0] ?? "")" }.joined(separator: ", "),
                 "coders": quote.coders.joined(separator: ", "),
                 "href": "\(place.base)/transcripts/\(quote.transcript.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? quote.transcript)#turn-\(project.transcript(named: quote.transcript)?.turn(at: quote.start)?.number ?? 1)"]
            },
            "hasQuotes": !quotes.isEmpty, "quoteCount": quotes.count,
        ]) { $1 }
        return try pages.render("qual-quotes", page, request: request, context: context)
    }

    // MARK: downloads

    /// The whole project as REFI-QDA `.qdpx` (pseudonymised; code names in `lang`).
    @Sendable func exportProject(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let place = try place(context)
        let project = try await load(place)
        let language = request.uri.queryParameters.get("lang").flatMap { InterfaceLanguage(rawValue: String($0)) } ?? context.language
        let data = try REFIQDA.qdpx(project, language: language.rawValue)
        try await audit(place, .export, context, ["format": "qdpx"])
        return Self.download([UInt8](data), type: "application/zip", name: "\(place.project).qdpx")
    }

    /// Every coding: transcript, turn, speaker, code, coder, offsets, memo and the coded text.
    @Sendable func exportCodings(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let place = try place(context)
        let project = try await load(place)
        let transcripts = Dictionary(project.transcripts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let coders = Dictionary(project.coders.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        var rows = [["transcript", "turn", "speaker", "code", "coder", "start", "end", "memo", "text"]]
        for coding in project.codings {
            guard let transcript = transcripts[coding.transcriptID] else { continue }
            let turn = transcript.turn(at: coding.start)
            rows.append([transcript.name, turn.map { "\($0.number)" } ?? "", turn?.speaker ?? "", project.codebook.code(coding.codeID)?.key ?? "",
                         coders[coding.coderID] ?? "", "\(coding.start)", "\(coding.end)", coding.memo, transcript.excerpt(coding.start, coding.end)])
        }
        let data = try XLSXWriter().data(for: Workbook(sheets: [Sheet(name: "codings", cells: rows)]))
        try await audit(place, .export, context, ["format": "xlsx", "table": "codings"])
        return Self.download([UInt8](data), type: Self.xlsxType, name: "\(place.project)-codings.xlsx")
    }

    /// The code × group matrix (participants, of, share, codings per group) and the co-occurrence table.
    @Sendable func exportMatrix(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let place = try place(context)
        let project = try await load(place)
        let matrix = project.matrix(by: Self.groupAttribute(request, project))
        var rows = [["code"] + matrix.groups.flatMap { ["\($0) participants", "\($0) of", "\($0) share", "\($0) codings"] }]
        for (row, code) in matrix.codes.enumerated() {
            rows.append([code] + matrix.cells[row].flatMap { cell in
                ["\(cell.participants)", "\(cell.ofParticipants)", cell.share.map { "\($0)" } ?? "", "\(cell.codings)"]
            })
        }
        let co = project.coOccurrence()
        let coRows = [["code"] + co.codes] + co.turns.enumerated().map { [co.codes[$0]] + $1.map { "\($0)" } }
        let data = try XLSXWriter().data(for: Workbook(sheets: [Sheet(name: "matrix by \(matrix.attribute)".prefix(31).description, cells: rows),
                                                                 Sheet(name: "co-occurrence", cells: coRows)]))
        try await audit(place, .export, context, ["format": "xlsx", "table": "matrix", "by": matrix.attribute])
        return Self.download([UInt8](data), type: Self.xlsxType, name: "\(place.project)-matrix-\(matrix.attribute).xlsx")
    }

    /// The quotes of the page's code and group, with the speaker's attributes, in the original language.
    @Sendable func exportQuotes(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let place = try place(context)
        let project = try await load(place)
        let (code, filter) = quoteQuery(request, project)
        guard let code else { throw HTTPError(.notFound, message: "the project has no coded code to quote") }
        let quotes = try project.quotes(code: code.key, where: filter)
        let data = try XLSXWriter().data(for: Workbook(sheets: [Sheet(name: "quotes", cells: Quote.rows(quotes))]))
        try await audit(place, .export, context, ["format": "xlsx", "table": "quotes", "code": code.key])
        return Self.download([UInt8](data), type: Self.xlsxType, name: "\(place.project)-quotes-\(code.key).xlsx")
    }
}
