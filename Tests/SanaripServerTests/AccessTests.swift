import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SanaripCore
import SanaripStorage
import Testing

@testable import SanaripServer

/// Every registered route, walked by every role (inside and outside the study) and signed out, must answer
/// as ``RouteRule/table`` and ``AccessPolicy`` say. A route added without a rule fails here.
@Suite("Roles and routes")
struct AccessTests {
    /// Values for path parameters, by the route's first segment and the parameter's name.
    static func sample(route: String, parameter: String, plan: Int64, token: String = "") throws -> String {
        let first = route.split(separator: "/").first.map(String.init) ?? ""
        let samples = [
            "instruments.id": InstrumentFixture.id, "instruments.language": "ky", "plans.id": String(plan),
            "key.token": token, "key.id": "1", "key.filename": "photo.jpg", "formVersions.id": "1", "formVersions.filename": "photo.jpg",
            // collect
            "forms.formID": "field_check", "exports.job": "00000000-0000-4000-8000-000000000000",
            // workspace
            "studies.study": BuiltInStudy.id, "studies.view": "explorer",
            // catalogue
            "studies.kind": "courses", "studies.entry": "new",
            // review: the first submission ReviewWorkbench.seed stores, and its form.
            "submissions.id": "1", "submissions.name": "photo.jpg", "fieldwork.form": ReviewWorkbench.formID,
            "entry.form": ReviewWorkbench.formID, "entry.id": "1",
            // audit
            "studies.round": "1", "studies.municipality": "41702410000010", "studies.snapshot": "1",
            // focus groups: the project QualitativeFixture.seed stores, its Kyrgyz transcript, a code, a coding.
            "studies.project": "focus-groups", "studies.transcript": "fg-karakol-ky", "studies.code": "barrier.cost", "studies.participant": "P1",
            "studies.coding": "00000000-0000-4000-8000-000000000000",
            // media
            "studies.fetch": "1", "studies.article": "1",
            // media frames
            "studies.frame": "access",
        ]
        return try #require(samples["\(first).\(parameter)"], "no sample value for {\(parameter)} in \(route): add one here")
    }

    /// The route's path with every `{parameter}` filled in.
    static func concrete(_ route: String, plan: Int64, token: String = "") throws -> String {
        try route.split(separator: "/", omittingEmptySubsequences: false).map { segment -> String in
            guard segment.hasPrefix("{"), segment.hasSuffix("}") else { return String(segment) }
            return try sample(route: route, parameter: String(segment.dropFirst().dropLast()), plan: plan, token: token)
        }.joined(separator: "/")
    }

    /// The routes the application registers, as the router lists them.
    static func registeredRoutes(_ app: TestApp) async throws -> [(method: String, path: String)] {
        let accounts = Accounts(users: app.stores.users, sessions: app.stores.sessions, hasher: PasswordHasher(cost: 4))
        let router = try await buildRouter(
            stores: app.stores, accounts: accounts, sessions: SessionStorePersistDriver(store: app.stores.sessions), configuration: app.configuration()
        )
        return router.routes.map { (method: $0.method.rawValue, path: $0.path.description) }
    }

    struct Actor: CustomStringConvertible {
        var role: Role?
        var member: Bool
        var username: String { "\(role?.rawValue ?? "anon")-\(member ? "in" : "out")" }
        var description: String { role == nil ? "signed out" : "\(role!.rawValue)\(member ? "" : " outside the study")" }
    }

    static let actors: [Actor] = [Actor(role: nil, member: false)]
        + Role.known.flatMap { [Actor(role: $0, member: true), Actor(role: $0, member: false)] }

    @Test("every route × every role and signed out answers as the permission table says")
    func everyRouteEveryRole() async throws {
        let app = try TestApp()
        let plan = try await PlanPageTests.savePlan(in: app)
        try await ReviewWorkbench.seed(app)
        try await QualitativeFixture.seed(app)
        let routes = try await Self.registeredRoutes(app)
        try #require(routes.count >= 18, "the router lists \(routes.count) routes")
        let token = try await CollectorRegistry(collectors: app.stores.collectors).add(name: "walker", by: "admin").token
        // collect: a published form of the built-in study, for the export routes.
        let formData = FileManager.default.temporaryDirectory.appendingPathComponent("sanarip-access-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: formData) }
        _ = try await FormPublisher(stores: app.stores, dataDirectory: formData).publish(contentsOf: Fieldwork.formFolder, by: "admin")
        let checked = try await app.test { client in
            var checked = 0
            for actor in Self.actors {
                if let role = actor.role {
                    try await app.addUser(actor.username, role: role, studies: actor.member ? [BuiltInStudy.id] : [])
                }
            }
            for route in routes {
                let rule = try #require(RouteRule.rule(method: route.method, path: route.path), "\(route.method) \(route.path) has no access rule")
                let uri = try Self.concrete(route.path, plan: plan, token: token)
                let method = HTTPRequest.Method(rawValue: route.method) ?? .get
                switch rule.authentication {
                case .session:
                    break
                case .collectorKey:
                    // The key is the credential: a valid one passes, an unknown one gets 403, whoever is signed in.
                    let valid = try await client.execute(uri: uri, method: method, headers: Self.openRosaHeaders(), body: nil)
                    #expect(valid.status != .forbidden && valid.status != .unauthorized && valid.status.code < 500, "\(route.method) \(uri): \(valid.status.code)")
                    let forged = try Self.concrete(route.path, plan: plan, token: String(repeating: "0", count: token.count))
                    let refused = try await client.execute(uri: forged, method: method, headers: Self.openRosaHeaders(), body: nil)
                    #expect(refused.status == .forbidden, "\(route.method) \(forged): \(refused.status.code)")
                    checked += Self.actors.count
                    continue
                case .httpCredentials:
                    for actor in Self.actors {
                        let credentials = actor.role.map { _ in (actor.username, TestApp.userPassword) }
                        let response = try await client.execute(uri: uri, method: method, headers: Self.openRosaHeaders(basic: credentials), body: nil)
                        let label = "\(route.method) \(uri) as \(actor) with HTTP credentials: \(response.status.code)"
                        if let role = actor.role, let permission = rule.permission {
                            if AccessPolicy.standard.grants(role, permission) {
                                #expect(response.status != .forbidden && response.status != .unauthorized && response.status.code < 500, "\(label)")
                            } else {
                                #expect(response.status == .forbidden, "\(label)")
                            }
                        } else {
                            #expect(response.status == .unauthorized && response.headers[.wwwAuthenticate] != nil, "\(label)")
                        }
                        checked += 1
                    }
                    continue
                }
                for actor in Self.actors {
                    let browser = Browser(client)
                    if actor.role != nil {
                        #expect(try await browser.logIn(username: actor.username, password: TestApp.userPassword).status == .seeOther)
                    }
                    let response: TestResponse
                    if route.method == "POST" {
                        response = try await browser.post(uri, form: [("_csrf", try await browser.formToken())])
                    } else {
                        response = try await browser.get(uri)
                    }
                    let label = "\(route.method) \(uri) as \(actor): \(response.status.code)"
                    let toSignIn = response.status == .seeOther && response.headers[.location]?.hasPrefix("/login?next=") == true
                    guard let permission = rule.permission else {
                        #expect(response.status != .forbidden && !toSignIn, "\(label)")
                        checked += 1
                        continue
                    }
                    guard let role = actor.role else {
                        #expect(toSignIn, "\(label)")
                        checked += 1
                        continue
                    }
                    let memberships: Set<String> = actor.member ? [BuiltInStudy.id] : []
                    let study = rule.study == nil ? nil : BuiltInStudy.id
                    if AccessPolicy.standard.allows(role, permission, inStudy: study, memberOf: memberships) {
                        #expect(response.status != .forbidden && !toSignIn && response.status.code < 500, "\(label)")
                    } else {
                        #expect(response.status == .forbidden, "\(label)")
                    }
                    checked += 1
                }
            }
            return checked
        }
        #expect(checked == routes.count * Self.actors.count)
    }

    /// The headers ODK Collect sends, with HTTP Basic credentials when given.
    static func openRosaHeaders(basic credentials: (String, String)? = nil) -> HTTPFields {
        var headers: HTTPFields = [.init("X-OpenRosa-Version")!: "1.0"]
        if let (username, password) = credentials {
            headers[.authorization] = "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
        }
        return headers
    }

    @Test("every rule in the table names a registered route")
    func noStaleRules() async throws {
        let registered = Set(try await Self.registeredRoutes(TestApp()).map { "\($0.method) \($0.path)" })
        try #require(!registered.isEmpty)
        for key in RouteRule.table.keys {
            #expect(registered.contains(key), "\(key) has a rule but no route")
        }
    }

    @Test("lists show only the studies a user belongs to")
    func listsFollowMembership() async throws {
        let app = try TestApp()
        _ = try await PlanPageTests.savePlan(in: app)
        try await app.addUser("inside", role: .researcher)
        try await app.addUser("outside", role: .researcher, studies: [])
        try await app.test { client in
            let inside = Browser(client, cookies: ["lang": "en"])
            try await inside.logIn(username: "inside", password: TestApp.userPassword)
            #expect(try await inside.get("/instruments").text.contains("Household survey"))
            #expect(try await inside.get("/plans").text.contains("Main &lt;2026&gt;"))

            let outside = Browser(client, cookies: ["lang": "en"])
            try await outside.logIn(username: "outside", password: TestApp.userPassword)
            let home = try await outside.get("/")
            #expect(home.status == .ok)
            #expect(!home.text.contains("Digital divide"))
            #expect(!(try await outside.get("/instruments").text.contains("Household survey")))
            #expect(!(try await outside.get("/plans").text.contains("Main &lt;2026&gt;")))
        }
    }
}
