import ArgumentParser
import Foundation
import SanaripAudit
import SanaripStorage

/// `sanarip audit run --sites sites.csv [--round NAME] [-o results.csv] [--format csv|json]`.
struct AuditRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Crawl every municipality's website politely and score it.",
        discussion: """
            The sites list is CSV or XLSX with the columns municipality (the SOATE code), url and optionally kind \
            (website, portal, facebook, instagram, telegram, youtube, ok, other). A municipality's first website or \
            portal row is crawled: robots.txt obeyed, one request per host every --delay seconds, the home page then \
            the pages linked from it that matter (contacts, budget, services, council, documents, news), at most \
            --max-pages. Its other rows count as its social channels. A municipality without a website is scored 0.

            Output: one row per municipality (CSV), the columns municipality,url,reachable,status,https,languages, \
            title,mobile_viewport,has_contacts,has_budget,has_eservices_link,has_feedback,social_links,last_update, \
            pages_fetched,score,level then each LOSI group's score and every indicator; --format json has every \
            indicator's evidence (the URL and what was found). Progress goes to standard error.

            Example:
              sanarip audit run --sites sites.csv -o results.csv
              sanarip audit run --sites sites.csv --format json -o results.json --delay 2
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json }

    @Option(help: ArgumentHelp("The sites list (CSV or XLSX: municipality,url[,kind]).", valueName: "file"))
    var sites: String

    @Option(help: ArgumentHelp("Keep the round under this name in the store (--data): results, evidence and every page fetched; run the same name again to resume an interrupted round.", valueName: "name"))
    var round: String?

    @OptionGroup var store: StoreOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the results (standard output when absent).", valueName: "file"))
    var output: String?

    @Option(help: "The output format.")
    var format: Format = .csv

    @Option(help: ArgumentHelp("The index file: indicators, groups, weights.", valueName: "file"))
    var index = "instruments/digital-divide-kg/audit/index.csv"

    @Option(name: .customLong("eservice-domains"), help: ArgumentHelp("National e-service domains, one a line.", valueName: "file"))
    var eserviceDomains = "instruments/digital-divide-kg/audit/eservice-domains.txt"

    @Option(help: "Seconds between two requests to the same host.")
    var delay: Double = 1

    @Option(name: .customLong("max-pages"), help: "Pages per site, home page included.")
    var maxPages = 12

    @Option(help: "Sites crawled at the same time.")
    var concurrency = 8

    @Option(name: .customLong("connections-per-host"), help: "Connections open to one host at most.")
    var connectionsPerHost = 2

    @Option(help: "Seconds before a request is given up.")
    var timeout: Double = 30

    @Option(name: .customLong("max-page-bytes"), help: "Bodies are cut at this many bytes.")
    var maxPageBytes = 3_000_000

    @Flag(name: .customLong("no-other-scheme"), help: "Do not ask each home page over the other scheme (http/https).")
    var noOtherScheme = false

    func run() async throws {
        try await AuditCommand.reportingErrors {
            let index = try AuditIndex(contentsOf: URL(fileURLWithPath: self.index))
            let domainsURL = URL(fileURLWithPath: eserviceDomains)
            guard let domainsText = try? String(contentsOf: domainsURL, encoding: .utf8) else {
                throw AuditError("\(domainsURL.lastPathComponent): cannot be read; pass --eservice-domains FILE")
            }
            let sites = try AuditSiteList.read(URL(fileURLWithPath: self.sites))
            var settings = CrawlSettings()
            settings.hostDelay = delay
            settings.maxPagesPerSite = max(1, maxPages)
            settings.concurrentSites = max(1, concurrency)
            settings.connectionsPerHost = max(1, connectionsPerHost)
            settings.requestTimeout = timeout
            settings.readTimeout = min(settings.readTimeout, timeout)
            settings.connectTimeout = min(settings.connectTimeout, timeout)
            settings.maxPageBytes = maxPageBytes
            settings.checkOtherScheme = !noOtherScheme
            let runner = AuditRunner(settings: settings, analyzer: SiteAnalyzer(eserviceDomains: SiteAnalyzer.domains(in: domainsText)),
                                     index: index)
            let municipalities = AuditRunner.municipalities(sites)
            let label = round.map { "audit \($0)" } ?? "audit"
            let started = ContinuousClock.now
            let audits: [SiteAudit]
            if let round {
                let database = try store.openDatabase()
                let recorder = AuditRoundRecorder(store: database.stores.webAudits, runner: runner)
                let result = try await recorder.run(name: round, sites: sites, by: NSUserName()) { audit, done, total in
                    AuditProgress.show(label, audit, done: done, total: total)
                }
                audits = result.audits
            } else {
                let counter = AuditProgress(total: municipalities.count, label: label)
                audits = try await runner.run(municipalities) { audit, _ in await counter.done(audit) }
            }
            let elapsed = Double((ContinuousClock.now - started) / .milliseconds(1)) / 1000
            let pages = audits.reduce(0) { $0 + $1.pagesFetched }
            Terminal.error(String(format: "audit: %d municipalities, %d pages in %.1f s (%.1f pages/s)", audits.count, pages, elapsed,
                                  elapsed > 0 ? Double(pages) / elapsed : 0))
            let data: Data
            switch format {
            case .csv:
                data = Data(AuditCSV.text(audits, index: index).utf8)
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                data = try encoder.encode(audits)
            }
            if let output {
                try Terminal.writeAtomically(data, to: URL(fileURLWithPath: output))
            } else {
                FileHandle.standardOutput.write(data)
            }
        }
    }
}

/// One line on standard error per finished municipality.
actor AuditProgress {
    let total: Int
    let label: String
    var finished = 0

    init(total: Int, label: String) {
        self.total = total
        self.label = label
    }

    func done(_ audit: SiteAudit) {
        finished += 1
        Self.show(label, audit, done: finished, total: total)
    }

    nonisolated static func show(_ label: String, _ audit: SiteAudit, done: Int, total: Int) {
        let what = audit.problem ?? "score \(String(format: "%.2f", audit.score)) (\(audit.level)), \(audit.pagesFetched) pages"
        Terminal.error("\(label): \(done)/\(total) \(audit.municipality) \(audit.url.isEmpty ? "-" : audit.url): \(what)")
    }
}
