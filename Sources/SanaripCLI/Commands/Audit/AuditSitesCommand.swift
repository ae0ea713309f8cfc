import ArgumentParser
import Foundation
import SanaripAudit

/// `sanarip audit sites import FILE`: the study's sites list, as the sites page keeps it.
struct AuditSitesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sites",
        abstract: "Keep the municipalities' sites list in the store (what the web audit page crawls).",
        subcommands: [AuditSitesImportCommand.self]
    )
}

/// `sanarip audit sites import FILE.csv|xlsx [--data DIR]`.
struct AuditSitesImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Replace the stored sites list with a CSV or XLSX file (municipality,url[,kind]).",
        discussion: """
            The same import as the sites page: the columns municipality (the SOATE code), url and optionally kind \
            (website, portal, facebook, instagram, telegram, youtube, ok, other); a municipality with no website has \
            an empty url. A bad row stops the import with its row and column, and nothing is changed.

            Example:
              sanarip audit sites import sites.xlsx --data ./sanarip-data
            """
    )

    @Argument(help: ArgumentHelp("The sites list (CSV or XLSX).", valueName: "file"))
    var file: String

    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await AuditCommand.reportingErrors {
            let sites = try AuditSiteList.read(URL(fileURLWithPath: file))
            let database = try store.openDatabase()
            try await AuditSiteList.save(sites, to: database.stores.webAudits, by: NSUserName())
            let municipalities = Set(sites.map(\.municipality)).count
            print("\(sites.count) sites of \(municipalities) municipalities imported into \(store.data)")
        }
    }
}
