import Hummingbird
import SanaripCore

/// Who may use one route: everyone, or signed-in users holding a ``Permission`` (in the route's study when it
/// is about one study's object).
///
/// Every route's rule is in ``RouteRule/table``; ``AccessGuardMiddleware`` refuses a route that has none.
struct RouteRule: Sendable {
    /// How the route learns who is calling.
    enum Authentication: Sendable, Equatable {
        /// The browser's session cookie; ``AccessGuardMiddleware`` checks the permission, CSRF protects posts.
        case session
        /// A collector's key in the path (`/key/{token}/…`): the route's controller refuses unknown or revoked keys.
        case collectorKey
        /// HTTP credentials sent with each request (ODK Collect at the server root): the route's own authenticator
        /// checks them and the permission with ``AccessPolicy``. No session, no CSRF token (nothing is cookie-borne).
        case httpCredentials
    }

    /// Nil for a public route.
    let permission: Permission?
    /// How to find the study the route's object belongs to; nil for routes that are not about one object.
    let study: StudyScope?
    /// How the caller is identified.
    var authentication: Authentication = .session

    /// Open to everyone, signed in or not.
    static let everyone = RouteRule(permission: nil, study: nil)

    /// For signed-in users whose role holds `permission`, and who belong to the object's study when `study` is given.
    static func signedIn(_ permission: Permission, study: StudyScope? = nil) -> RouteRule {
        RouteRule(permission: permission, study: study)
    }

    /// For ODK Collect with a collector's key in the path; the key stands for ``Permission/collectData``.
    static let collectorKey = RouteRule(permission: .collectData, study: nil, authentication: .collectorKey)

    /// For ODK Collect with HTTP credentials of a user whose role holds `permission`.
    static func httpCredentials(_ permission: Permission) -> RouteRule {
        RouteRule(permission: permission, study: nil, authentication: .httpCredentials)
    }

    /// Whether the session guard and CSRF check apply: only to routes a browser reaches with its session cookie.
    var usesSession: Bool { authentication == .session }

    /// The rule of the request's matched route, if it has one.
    static func rule(of request: Request, context: SanaripRequestContext) -> RouteRule? {
        context.endpointPath.flatMap { rule(method: request.method.rawValue, path: $0) }
    }

    /// The rule of `method path`, with the path as the router writes it (`/plans/{id}`).
    static func rule(method: String, path: String) -> RouteRule? {
        table["\(method) \(path)"]
    }

    /// Every route's rule. A new route adds its line here; the route-walk test fails until it does.
    static let table: [String: RouteRule] = [
        "GET /health": .everyone,
        "GET /login": .everyone,
        "POST /login": .everyone,
        "POST /logout": .signedIn(.ownAccount),
        "GET /account/password": .signedIn(.ownAccount),
        "POST /account/password": .signedIn(.ownAccount),
        "GET /": .signedIn(.browse),
        "GET /instruments": .signedIn(.browse),
        "GET /instruments/{id}": .signedIn(.viewInstruments, study: .instrument),
        "GET /instruments/{id}/xlsform.xlsx": .signedIn(.downloadInstruments, study: .instrument),
        "GET /instruments/{id}/xform.xml": .signedIn(.downloadInstruments, study: .instrument),
        "GET /instruments/{id}/manual/{language}": .signedIn(.downloadInstruments, study: .instrument),
        "GET /plans": .signedIn(.browse),
        "GET /plans/{id}": .signedIn(.viewPlans, study: .plan),
        "GET /plans/{id}/plan.csv": .signedIn(.downloadPlans, study: .plan),
        "GET /plans/{id}/plan.html": .signedIn(.downloadPlans, study: .plan),
        "GET /users": .signedIn(.manageUsers),
        "POST /users": .signedIn(.manageUsers),
        // workspace: the analysis workspace, its downloads, the design page and the study report.
        "GET /studies/{study}/workspace/{view}": .signedIn(.viewResults, study: .study),
        "GET /studies/{study}/workspace/{view}/chart.svg": .signedIn(.downloadResults, study: .study),
        "GET /studies/{study}/workspace/{view}/table.csv": .signedIn(.downloadResults, study: .study),
        "GET /studies/{study}/workspace/{view}/table.xlsx": .signedIn(.downloadResults, study: .study),
        "GET /studies/{study}/design": .signedIn(.viewResults, study: .study),
        "POST /studies/{study}/design": .signedIn(.editStudies, study: .study),
        "GET /studies/{study}/report.html": .signedIn(.downloadResults, study: .study),
        "GET /studies/{study}/report.pdf": .signedIn(.downloadResults, study: .study),
        "GET /studies/{study}/report.xlsx": .signedIn(.downloadResults, study: .study),
        // catalogue: the study's catalogues (lists, search, entries, import, templates, export) and their match with the survey.
        "GET /studies/{study}/catalogue": .signedIn(.viewResults, study: .study),
        "GET /studies/{study}/catalogue/{kind}/template.csv": .signedIn(.viewResults, study: .study),
        "GET /studies/{study}/catalogue/{kind}/template.xlsx": .signedIn(.viewResults, study: .study),
        "GET /studies/{study}/catalogue/{kind}/export": .signedIn(.downloadResults, study: .study),
        "POST /studies/{study}/catalogue/{kind}/import": .signedIn(.editStudies, study: .study),
        "GET /studies/{study}/catalogue/{kind}/entries/{entry}": .signedIn(.viewResults, study: .study),
        "POST /studies/{study}/catalogue/{kind}/entries/{entry}": .signedIn(.editStudies, study: .study),
        "GET /studies/{study}/supply": .signedIn(.viewResults, study: .study),
        "GET /studies/{study}/eservices": .signedIn(.viewResults, study: .study),
        "GET /studies/{study}/monitoring": .signedIn(.viewResults, study: .study),
        "GET /studies/{study}/monitoring/export": .signedIn(.downloadResults, study: .study),
        "POST /studies/{study}/monitoring/series": .signedIn(.editStudies, study: .study),
        "POST /studies/{study}/monitoring/events": .signedIn(.editStudies, study: .study),
        // catalogue (s4): deleting an entry (asked first) and restoring it from the audit log.
        "GET /studies/{study}/catalogue/{kind}/entries/{entry}/delete": .signedIn(.editStudies, study: .study),
        "POST /studies/{study}/catalogue/{kind}/entries/{entry}/delete": .signedIn(.editStudies, study: .study),
        "POST /studies/{study}/catalogue/{kind}/entries/{entry}/restore": .signedIn(.editStudies, study: .study),
        // review: submissions and fieldwork monitoring.
        "GET /submissions": .signedIn(.reviewSubmissions),
        "GET /submissions/{id}": .signedIn(.reviewSubmissions, study: .submission),
        "POST /submissions/{id}/review": .signedIn(.reviewSubmissions, study: .submission),
        "GET /submissions/{id}/edit": .signedIn(.reviewSubmissions, study: .submission),
        "POST /submissions/{id}/edit": .signedIn(.reviewSubmissions, study: .submission),
        "GET /submissions/{id}/attachments/{name}": .signedIn(.reviewSubmissions, study: .submission),
        "GET /fieldwork/{form}": .signedIn(.reviewSubmissions, study: .form),
        "GET /fieldwork/{form}/response-status.csv": .signedIn(.reviewSubmissions, study: .form),
        "POST /fieldwork/{form}/assignments": .signedIn(.reviewSubmissions, study: .form),
        "GET /entry": .signedIn(.collectData),
        "POST /entry/{form}": .signedIn(.collectData, study: .form),
        "GET /entry/drafts/{id}": .signedIn(.collectData, study: .draft),
        "POST /entry/drafts/{id}": .signedIn(.collectData, study: .draft),
        // OpenRosa for ODK Collect: with a collector's key, and at the root with HTTP credentials.
        "GET /key/{token}/formList": .collectorKey,
        "GET /key/{token}/formVersions/{id}/form.xml": .collectorKey,
        "GET /key/{token}/formVersions/{id}/manifest": .collectorKey,
        "GET /key/{token}/formVersions/{id}/media/{filename}": .collectorKey,
        "HEAD /key/{token}/submission": .collectorKey,
        "POST /key/{token}/submission": .collectorKey,
        "GET /formList": .httpCredentials(.collectData),
        "GET /formVersions/{id}/form.xml": .httpCredentials(.collectData),
        "GET /formVersions/{id}/manifest": .httpCredentials(.collectData),
        "GET /formVersions/{id}/media/{filename}": .httpCredentials(.collectData),
        "HEAD /submission": .httpCredentials(.collectData),
        "POST /submission": .httpCredentials(.collectData),
        // collect: exports from the web app (the job pages check that the user started the job).
        "GET /forms/{formID}/export": .signedIn(.exportData, study: .publishedForm),
        "POST /forms/{formID}/export": .signedIn(.exportData, study: .publishedForm),
        "GET /exports/{job}": .signedIn(.exportData),
        "GET /exports/{job}/download": .signedIn(.exportData),
        // audit: the municipal web audit (sites, rounds, ranking, evidence, checklist, downloads).
        "GET /studies/{study}/audit": .signedIn(.viewResults, study: .study),
        "POST /studies/{study}/audit/sites": .signedIn(.editStudies, study: .study),
        "POST /studies/{study}/audit/rounds": .signedIn(.editStudies, study: .study),
        "GET /studies/{study}/audit/rounds/{round}": .signedIn(.viewResults, study: .study),
        "GET /studies/{study}/audit/rounds/{round}/results.csv": .signedIn(.downloadResults, study: .study),
        "GET /studies/{study}/audit/rounds/{round}/results.xlsx": .signedIn(.downloadResults, study: .study),
        "GET /studies/{study}/audit/rounds/{round}/municipalities/{municipality}": .signedIn(.viewResults, study: .study),
        "POST /studies/{study}/audit/rounds/{round}/municipalities/{municipality}/checklist": .signedIn(.editStudies, study: .study),
        "GET /studies/{study}/audit/snapshots/{snapshot}": .signedIn(.viewResults, study: .study),
        // focus groups: projects, sessions and transcripts (confidential: researchers; participants only as P1, P2…),
        // coding (researchers), agreement and the code × group matrix (viewers read), quotes and downloads.
        "GET /studies/{study}/qual": .signedIn(.viewResults, study: .study),
        "GET /studies/{study}/qual/{project}": .signedIn(.viewTranscripts, study: .study),
        "POST /studies/{study}/qual/{project}/transcripts": .signedIn(.codeTranscripts, study: .study),
        "POST /studies/{study}/qual/{project}/participants/{participant}": .signedIn(.codeTranscripts, study: .study),
        "GET /studies/{study}/qual/{project}/codebook": .signedIn(.viewResults, study: .study),
        "POST /studies/{study}/qual/{project}/codebook": .signedIn(.codeTranscripts, study: .study),
        "GET /studies/{study}/qual/{project}/codebook.qdc": .signedIn(.downloadResults, study: .study),
        "POST /studies/{study}/qual/{project}/codes/{code}/memo": .signedIn(.codeTranscripts, study: .study),
        "GET /studies/{study}/qual/{project}/transcripts/{transcript}": .signedIn(.viewTranscripts, study: .study),
        "POST /studies/{study}/qual/{project}/transcripts/{transcript}/turns": .signedIn(.codeTranscripts, study: .study),
        "POST /studies/{study}/qual/{project}/transcripts/{transcript}/spans": .signedIn(.codeTranscripts, study: .study),
        "POST /studies/{study}/qual/{project}/transcripts/{transcript}/codings/{coding}": .signedIn(.codeTranscripts, study: .study),
        "GET /studies/{study}/qual/{project}/agreement": .signedIn(.viewResults, study: .study),
        "GET /studies/{study}/qual/{project}/matrix": .signedIn(.viewResults, study: .study),
        "GET /studies/{study}/qual/{project}/quotes": .signedIn(.viewTranscripts, study: .study),
        "GET /studies/{study}/qual/{project}/project.qdpx": .signedIn(.viewTranscripts, study: .study),
        "GET /studies/{study}/qual/{project}/codings.xlsx": .signedIn(.viewTranscripts, study: .study),
        "GET /studies/{study}/qual/{project}/matrix.xlsx": .signedIn(.downloadResults, study: .study),
        "GET /studies/{study}/qual/{project}/quotes.xlsx": .signedIn(.viewTranscripts, study: .study),
        // media: media narratives (outlets, fetch rounds, frames over time, articles with their frames).
        "GET /studies/{study}/media": .signedIn(.viewResults, study: .study),
        "POST /studies/{study}/media/sources": .signedIn(.editStudies, study: .study),
        "POST /studies/{study}/media/fetches": .signedIn(.editStudies, study: .study),
        "GET /studies/{study}/media/fetches/{fetch}": .signedIn(.viewResults, study: .study),
        "GET /studies/{study}/media/frames": .signedIn(.viewResults, study: .study),
        "GET /studies/{study}/media/frames.csv": .signedIn(.downloadResults, study: .study),
        "GET /studies/{study}/media/frames.xlsx": .signedIn(.downloadResults, study: .study),
        "GET /studies/{study}/media/articles": .signedIn(.viewResults, study: .study),
        "GET /studies/{study}/media/articles/{article}": .signedIn(.viewResults, study: .study),
        // media frames and places: place mentions, the frame dictionary's versions (upload, edit one frame).
        "GET /studies/{study}/media/places": .signedIn(.viewResults, study: .study),
        "GET /studies/{study}/media/places.csv": .signedIn(.downloadResults, study: .study),
        "GET /studies/{study}/media/places.xlsx": .signedIn(.downloadResults, study: .study),
        "GET /studies/{study}/media/places.json": .signedIn(.downloadResults, study: .study),
        "GET /studies/{study}/media/dictionary": .signedIn(.viewResults, study: .study),
        "GET /studies/{study}/media/dictionary.csv": .signedIn(.downloadResults, study: .study),
        "POST /studies/{study}/media/dictionary": .signedIn(.editStudies, study: .study),
        "POST /studies/{study}/media/dictionary/frames/{frame}": .signedIn(.editStudies, study: .study),
        // media-text: archive upload (CSV/JSON) and near-duplicate groups (syndicated copies).
        "POST /studies/{study}/media/imports": .signedIn(.editStudies, study: .study),
        "POST /studies/{study}/media/copies": .signedIn(.editStudies, study: .study),
    ]
}
