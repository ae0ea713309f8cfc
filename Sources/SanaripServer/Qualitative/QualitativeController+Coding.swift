import Foundation
import Hummingbird
import SanaripCore
import SanaripQualitative
import SanaripStorage

extension QualitativeController {
    /// The transcript named in the path.
    func transcript(_ project: QualitativeProject, _ context: SanaripRequestContext) throws -> Transcript {
        guard let transcript = project.transcript(named: try context.parameters.require("transcript")) else { throw HTTPError(.notFound) }
        return transcript
    }

    func transcriptBase(_ place: Place, _ transcript: Transcript) -> String {
        "\(place.base)/transcripts/\(transcript.name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? transcript.name)"
    }

    /// The page's policy: the site's, with the page's own script (`/static/qual-coding.js`) allowed.
    static var codingPagePolicy: String {
        SecurityHeadersMiddleware<SanaripRequestContext>.pagePolicy.replacingOccurrences(of: "script-src 'none'", with: "script-src 'self'")
    }

    /// Text as HTML whose DOM text is exactly `text`: escaped, and carriage returns as references (the HTML parser
    /// turns a raw CR or CRLF into LF, which would shift the code-point offsets the script counts).
    static func exactHTML(_ text: String) -> String {
        text.htmlEscaped.replacingOccurrences(of: "\r", with: "&#13;")
    }

    @Sendable func transcriptPage(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        try await transcriptPage(request, context: context, error: nil)
    }

    /// The turns of a transcript with the researcher's own codings marked; checkboxes per turn and code (no script
    /// needed), and with the page's script, a selection of text coded by its code-point offsets. Another
    /// researcher's codings (`?coder=NAME`) can be viewed, read-only, once one has coded the transcript oneself,
    /// so that coding stays independent.
    func transcriptPage(_ request: Request, context: SanaripRequestContext, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let place = try place(context)
        let project = try await load(place)
        let transcript = try transcript(project, context)
        let language = context.language.rawValue
        let me = context.identity?.username ?? ""
        let coderIDs = Dictionary(project.coders.map { ($0.name, $0.id) }, uniquingKeysWith: { first, _ in first })
        let inTranscript = project.codings.filter { $0.transcriptID == transcript.id }
        let mine = inTranscript.filter { $0.coderID == coderIDs[me] }
        let others = project.coders.filter { coder in coder.name != me && inTranscript.contains { $0.coderID == coder.id } }.map(\.name)
        let requested = request.uri.queryParameters.get("coder").map { String($0) } ?? me
        let showsOther = requested != me && !mine.isEmpty && others.contains(requested)
        let shown = showsOther ? inTranscript.filter { $0.coderID == coderIDs[requested] } : mine
        let editable = !showsOther && may(.codeTranscripts, context)
        let tree = Self.tree(project.codebook)
        let codeNames = Dictionary(project.codebook.codes.map { ($0.id, $0.name(language)) }, uniquingKeysWith: { first, _ in first })
        let view = TranscriptView(transcript: transcript, codings: shown)
        let participants = Dictionary(project.participants.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let turns = view.turns.map { turn -> [String: Any] in
            let person = turn.turn.participantID.flatMap { participants[$0] }
            let whole = Set(shown.filter { $0.start == turn.turn.start && $0.end == turn.turn.end }.map(\.codeID))
            return Self.present([
                "number": turn.turn.number, "speaker": turn.turn.speaker, "timestamp": turn.turn.timestamp ?? "",
                "attributes": person.map { person in person.attributes.keys.sorted().map { "\($0)=\(person.attributes[$0] ?? "")" }.joined(separator: ", ") } ?? "",
                "pieces": turn.pieces.map { piece -> [String: Any] in
                    ["offset": piece.start, "html": Self.exactHTML(piece.text), "coded": !piece.codes.isEmpty,
                     "codes": piece.codes.compactMap { codeNames[$0] }.joined(separator: ", ")]
                },
                "applied": whole.compactMap { codeNames[$0] }.sorted().joined(separator: ", "),
                "choices": tree.map { code, depth -> [String: Any] in
                    ["field": "c_\(turn.turn.number)_\(code.id.uuidString)", "name": code.name(language), "depth": depth, "checked": whole.contains(code.id)]
                },
            ])
        }
        let codings = shown.sorted { ($0.start, $0.end) < ($1.start, $1.end) }.map { coding -> [String: Any] in
            let excerpt = transcript.excerpt(coding.start, coding.end)
            return ["id": coding.id.uuidString, "code": codeNames[coding.codeID] ?? "", "start": coding.start, "end": coding.end,
                    "turn": transcript.turn(at: coding.start)?.number ?? 0,
                    "excerpt": excerpt.count > 160 ? String(excerpt.prefix(160)) + "…" : excerpt, "memo": coding.memo]
        }
        try await audit(place, "qual.view", context, ["view": "transcript", "transcript": transcript.name, "coder": showsOther ? requested : me])
        var page = navigation(place, context)
        page.merge([
            "transcript": ["name": transcript.name, "hasLanguage": transcript.language.count == 2, "language": transcript.language],
            "action": transcriptBase(place, transcript), "turns": turns, "turnNumbers": transcript.turns.map { String($0.number) }.joined(separator: ","),
            "editable": editable, "showsOther": showsOther, "shownCoder": showsOther ? requested : me,
            "others": mine.isEmpty ? [] : others.map { ["name": $0, "href": "\(transcriptBase(place, transcript))?coder=\($0.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? $0)"] },
            "hasOthers": !others.isEmpty, "othersHidden": mine.isEmpty && !others.isEmpty,
            "codes": tree.map { code, depth in ["id": code.id.uuidString, "name": String(repeating: "— ", count: depth) + code.name(language)] },
            "codings": codings, "hasCodings": !codings.isEmpty,
            "hasError": error != nil, "errorText": error ?? "",
        ]) { $1 }
        if let preamble = view.preamble { page["preamble"] = ["offset": preamble.start, "html": Self.exactHTML(preamble.text)] }
        var response = try pages.render("qual-transcript", page, request: request, context: context, status: status)
        response.headers[.contentSecurityPolicy] = Self.codingPagePolicy
        return response
    }

    /// The checkboxes: for every turn listed in `turns`, the researcher's whole-turn codings become the ticked codes.
    @Sendable func codeTurns(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let place = try place(context)
        var project = try await load(place)
        let transcript = try transcript(project, context)
        let form = try await request.form([String: String].self, context: context)
        var chosen: [Int: Set<UUID>] = [:]
        for number in (form["turns"] ?? "").split(separator: ",").compactMap({ Int($0) }) { chosen[number] = [] }
        for key in form.keys where key.hasPrefix("c_") {
            let parts = key.dropFirst(2).split(separator: "_", maxSplits: 1)
            guard parts.count == 2, let number = Int(parts[0]), let code = UUID(uuidString: String(parts[1])), chosen[number] != nil else { continue }
            chosen[number]?.insert(code)
        }
        do {
            try project.setTurnCodes(chosen, transcript: transcript.id, coder: context.identity?.username ?? "")
        } catch {
            return try await transcriptPage(request, context: context, error: error.description, status: .badRequest)
        }
        try await stores.qualitative.save(project, study: place.study)
        try await audit(place, "qual.code", context, ["transcript": transcript.name, "unit": "turns"])
        return .redirect(to: transcriptBase(place, transcript), type: .normal)
    }

    struct SpanForm: Decodable {
        var start: Int
        var end: Int
        var code: String
        var memo: String?
    }

    /// A selection coded by the page's script: `start` and `end` are Unicode code-point offsets into the text, as the
    /// library stores them.
    @Sendable func codeSpan(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let place = try place(context)
        var project = try await load(place)
        let transcript = try transcript(project, context)
        let form: SpanForm
        do { form = try await request.form(SpanForm.self, context: context) } catch {
            return try await transcriptPage(request, context: context, error: pages.string("qual.coding.badSelection", context), status: .badRequest)
        }
        let coding: Coding
        do {
            guard let code = UUID(uuidString: form.code), project.codebook.code(code) != nil else {
                throw QualitativeError.invalid(pages.string("qual.coding.noCode", context))
            }
            coding = try project.codeSpan(min(form.start, form.end), max(form.start, form.end), transcript: transcript.id, code: code,
                                          coder: context.identity?.username ?? "", memo: form.memo ?? "")
        } catch let error as QualitativeError {
            return try await transcriptPage(request, context: context, error: error.description, status: .badRequest)
        }
        try await stores.qualitative.save(project, study: place.study)
        try await audit(place, "qual.code", context, ["transcript": transcript.name, "unit": "span", "start": "\(coding.start)", "end": "\(coding.end)"])
        return .redirect(to: "\(transcriptBase(place, transcript))#turn-\(transcript.turn(at: coding.start)?.number ?? 1)", type: .normal)
    }

    /// Saves the memo of one of the researcher's codings, or removes the coding (`remove` = 1).
    @Sendable func editCoding(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let place = try place(context)
        var project = try await load(place)
        let transcript = try transcript(project, context)
        guard let id = UUID(uuidString: try context.parameters.require("coding")) else { throw HTTPError(.notFound) }
        let form = try await request.form([String: String].self, context: context)
        do {
            try project.editCoding(id, coder: context.identity?.username ?? "", memo: form["memo"], remove: form["remove"] == "1")
        } catch {
            return try await transcriptPage(request, context: context, error: error.description, status: .badRequest)
        }
        try await stores.qualitative.save(project, study: place.study)
        try await audit(place, "qual.code", context, ["transcript": transcript.name, "coding": id.uuidString, "change": form["remove"] == "1" ? "remove" : "memo"])
        return .redirect(to: "\(transcriptBase(place, transcript))#codings", type: .normal)
    }
}
