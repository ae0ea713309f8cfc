import SanaripCore

/// Who may use one route: everyone, or signed-in users holding a ``Permission`` (in the route's study when it
/// is about one study's object).
///
/// Every route's rule is in ``RouteRule/table``; ``AccessGuardMiddleware`` refuses a route that has none.
struct RouteRule: Sendable {
    /// Nil for a public route.
    let permission: Permission?
    /// How to find the study the route's object belongs to; nil for routes that are not about one object.
    let study: StudyScope?

    /// Open to everyone, signed in or not.
    static let everyone = RouteRule(permission: nil, study: nil)

    /// For signed-in users whose role holds `permission`, and who belong to the object's study when `study` is given.
    static func signedIn(_ permission: Permission, study: StudyScope? = nil) -> RouteRule {
        RouteRule(permission: permission, study: study)
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
    ]
}
