import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SanaripStorage
import Testing

@testable import SanaripServer

/// An application on an in-memory database with one small CSV instrument, and the stores behind it.
struct TestApp {
    static let adminPassword = "correct-horse-battery"

    let stores: Stores
    let console = ConsoleLines()
    let instrumentsDirectory: URL

    init() throws {
        stores = try SanaripDatabase.inMemory().stores
        instrumentsDirectory = try InstrumentFixture.makeFolder()
    }

    func configuration(adminPassword: String? = TestApp.adminPassword) -> ServerConfiguration {
        let console = console
        return ServerConfiguration(
            port: 0,
            instrumentsDirectory: instrumentsDirectory,
            adminPassword: adminPassword,
            bcryptCost: 4,
            console: { console.append($0) }
        )
    }

    /// Runs `test` against the router, without a network.
    func test<Value>(
        adminPassword: String? = TestApp.adminPassword,
        _ test: @escaping @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        var logger = Logger(label: "sanarip-test")
        logger.logLevel = .critical
        let app = try await buildApplication(stores: stores, configuration: configuration(adminPassword: adminPassword), logger: logger)
        return try await app.test(.router, test)
    }
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
                form_title,form_id,version,default_language
                Household survey,hh_survey,2025011501,Kyrgyz (ky)
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
