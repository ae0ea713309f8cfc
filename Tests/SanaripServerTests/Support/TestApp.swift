import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SanaripCore
import SanaripStorage
import Testing

@testable import SanaripServer

/// An application on an in-memory database with one small CSV instrument, and the stores behind it.
struct TestApp {
    static let adminPassword = "correct-horse-battery"

    let database: SanaripDatabase
    let stores: Stores
    let console = ConsoleLines()
    let clock = TestClock()
    let instrumentsDirectory: URL

    init() throws {
        database = try SanaripDatabase.inMemory()
        stores = database.stores
        instrumentsDirectory = try InstrumentFixture.makeFolder()
    }

    func configuration(adminPassword: String? = TestApp.adminPassword) -> ServerConfiguration {
        let console = console
        let clock = clock
        return ServerConfiguration(
            port: 0,
            instrumentsDirectory: instrumentsDirectory,
            adminPassword: adminPassword,
            bcryptCost: 4,
            now: { clock.now },
            console: { console.append($0) }
        )
    }

    /// Runs `test` against the router without a network (`.router`), or over loopback TCP (`.live`), with the
    /// configuration `configure` leaves.
    func test<Value>(
        _ setup: TestingSetup = .router,
        adminPassword: String? = TestApp.adminPassword,
        configure: (inout ServerConfiguration) -> Void = { _ in },
        _ test: @escaping @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        var logger = Logger(label: "sanarip-test")
        logger.logLevel = .critical
        var configuration = configuration(adminPassword: adminPassword)
        configure(&configuration)
        let app = try await buildApplication(stores: stores, configuration: configuration, logger: logger)
        return try await app.test(setup, test)
    }

    /// The password of every user ``addUser(_:role:studies:)`` makes.
    static let userPassword = "user-password-123"

    /// Adds a user with ``userPassword``, a member of `studies`.
    @discardableResult
    func addUser(_ username: String, role: Role, studies: [String] = [BuiltInStudy.id]) async throws -> User {
        let accounts = Accounts(users: stores.users, sessions: stores.sessions, hasher: PasswordHasher(cost: 4))
        return try await accounts.create(username: username, password: Self.userPassword, role: role, studies: studies, by: "test")
    }

    /// How many rows SQLite has changed since the database opened: equal before and after means nothing was written.
    func databaseChanges() async throws -> Int {
        try await database.totalChanges()
    }
}

/// A clock the tests move by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_800_000_000)

    var now: Date { lock.withLock { current } }
    func advance(by seconds: TimeInterval) { lock.withLock { current += seconds } }
}

/// Lines the application wrote to its console.
final class ConsoleLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var text: String { lock.withLock { lines.joined(separator: "\n") } }
}

/// A tiny trilingual XLSForm as CSV sheets, plus a broken one that start-up must skip.
enum InstrumentFixture {
    static let id = "hh_survey-2025011501"

    static func makeFolder() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sanarip-instruments-\(UUID().uuidString)")
        try write(root.appendingPathComponent("household"), [
            "survey.csv": """
                type,name,label::Kyrgyz (ky),label::Russian (ru),label::English (en)
                start,start,,,
                begin_group,intro,Киришүү,Вступление,Introduction
                acknowledge,consent,Макулсузбу?,Вы согласны?,Do you agree?
                end_group,,,,
                begin_group,interview,,,
                note,welcome,Саламатсызбы!,Здравствуйте!,Hello!
                begin_group,household,Үй чарба,Домохозяйство,Household
                integer,members,Канча адам жашайт?,Сколько человек живёт?,How many people live here?
                select_one yn,internet,Үйдө интернет барбы?,Есть ли дома интернет?,Is there internet at home?
                end_group,,,,
                begin_group,skills,Санариптик көндүмдөр,Цифровые навыки,Digital skills
                text,device,Кайсы түзмөктү колдоносуз?,Каким устройством пользуетесь?,Which device do you use?
                note,thanks,Рахмат!,Спасибо!,Thank you!
                end_group,,,,
                end_group,,,,
                """,
            "choices.csv": """
                list_name,name,label::Kyrgyz (ky),label::Russian (ru),label::English (en)
                yn,1,Ооба,Да,Yes
                yn,0,Жок,Нет,No
                """,
            "settings.csv": """
                form_title,form_title::Russian (ru),form_id,version,default_language
                Household survey,Обследование домохозяйств,hh_survey,2025011501,Kyrgyz (ky)
                """,
        ])
        try write(root.appendingPathComponent("broken"), [
            "survey.csv": "type,name,label\nselect_one missing_list,q1,Question\n"
        ])
        return root
    }

    private static func write(_ folder: URL, _ files: [String: String]) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files {
            try Data((text + "\n").utf8).write(to: folder.appendingPathComponent(name))
        }
    }
}
