import ArgumentParser
import Foundation
import SanaripMedia
import SanaripQualitative
import SanaripStorage

/// `sanarip media …`: news outlets, feeds, archives and narrative frames over time.
struct MediaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "media",
        abstract: "Media narratives: outlets and feeds, fetching, archive import, frames over time.",
        discussion: """
            Outlets (sanarip media sources import) list their RSS/Atom/RDF feeds; sanarip media fetch collects new \
            items politely (robots.txt, a delay per host, User-Agent SanaripMedia); sanarip media import brings a \
            Media Cloud CSV export in; sanarip media frames counts the articles carrying each narrative frame by \
            week or month (the built-in trilingual dictionary, or --frames FILE.csv).
            """,
        subcommands: [MediaSourcesCommand.self, MediaFetchCommand.self, MediaImportCommand.self, MediaFramesCommand.self, MediaPlacesCommand.self, MediaCopiesCommand.self]
    )
}

/// The study a `sanarip media` command works on, in the store under `--data`.
struct MediaStudyOptions: ParsableArguments {
    @OptionGroup var store: StoreOptions

    @Option(help: "The study.")
    var study = "digital-divide-kg"
}

/// Runs `body`, turning media and storage errors into one line on standard error and exit status 1.
func reportingMediaErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as MediaError {
        Terminal.error("error: \(error)")
        throw ExitCode.failure
    } catch let error as StorageError {
        Terminal.error("error: \(error)")
        throw ExitCode.failure
    }
}

/// Writes a media report to `output` in the format its extension names (one of `formats`, in the order the error
/// lists them), or, without `-o`, `table()` on standard output.
func writeMediaReport(to output: String?, formats: KeyValuePairs<String, () throws -> Data>, table: () -> String) throws {
    guard let output else {
        FileHandle.standardOutput.write(Data(table().utf8))
        return
    }
    let url = URL(fileURLWithPath: output)
    guard let format = formats.first(where: { $0.key == url.pathExtension.lowercased() }) else {
        let names = formats.map(\.key)
        throw ValidationError("-o \(output): write FILE.\(names.dropLast().joined(separator: ", .")) or .\(names[names.count - 1])")
    }
    try Terminal.writeAtomically(try format.value(), to: url)
}

/// A phase's duration for the summary line (`0.42 s`).
func mediaSeconds(_ duration: Duration) -> String {
    String(format: "%.2f s", Double(duration / .milliseconds(1)) / 1000)
}

struct MediaSourcesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sources",
        abstract: "The study's news outlets and their feeds.",
        subcommands: [Import.self, List.self]
    )

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add outlets from a CSV (key,name,url,feeds,language,scope,oblast; feeds separated by spaces); same key: replaced.",
            discussion: "Example: sanarip media sources import instruments/digital-divide-kg/media/sources.csv"
        )
        @Argument(help: "The sources CSV.") var file: String
        @OptionGroup var options: MediaStudyOptions

        func run() async throws {
            try await reportingMediaErrors {
                let url = URL(fileURLWithPath: file)
                guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                    throw MediaError.invalid(file: url.lastPathComponent, row: nil, column: nil, reason: "cannot be read as UTF-8 text")
                }
                let sources = try MediaSource.list(csv: text, file: url.lastPathComponent)
                let database = try options.store.openDatabase()
                try await database.stores.media.saveSources(sources, study: options.study, by: UserCommand.actor)
                print("\(options.study): \(sources.count) outlets from \(url.lastPathComponent), \(sources.reduce(0) { $0 + $1.feeds.count }) feeds")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the outlets as CSV (the import's columns).")
        @OptionGroup var options: MediaStudyOptions

        func run() async throws {
            let database = try options.store.openDatabase()
            print(MediaSource.csv(try await database.stores.media.sources(study: options.study)), terminator: "")
        }
    }
}

struct MediaFetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Collect new items from every outlet's feeds into the store.",
        discussion: """
            Each feed is fetched politely (robots.txt obeyed, one request per host every --delay seconds, User-Agent \
            SanaripMedia), decoded (Content-Type charset, the XML declaration, else UTF-8, else windows-1251) and read \
            as RSS 2.0, RSS 1.0 (RDF) or Atom. Items already stored (same URL, or same GUID or title in the outlet) are \
            counted as duplicates. A broken feed is reported and the others go on. Progress goes to standard error.

            Example:
              sanarip media fetch --round 2026-12-04 --delay 2
              sanarip media fetch --since 2026-11-01 --pages
            """
    )

    @OptionGroup var options: MediaStudyOptions
    @Option(help: ArgumentHelp("Keep the round under this name (default: the current time); run the same name again to resume it.", valueName: "name"))
    var round: String?
    @Option(help: ArgumentHelp("Keep only items published on or after this date (YYYY-MM-DD).", valueName: "date"))
    var since: String?
    @Flag(help: "Also fetch each new item's page and keep its text.")
    var pages = false
    @Option(help: "Seconds between two requests to the same host.")
    var delay: Double = 1
    @Option(help: "Seconds before a request is given up.")
    var timeout: Double = 30

    func run() async throws {
        try await reportingMediaErrors {
            var settings = MediaFetchSettings()
            settings.hostDelay = delay
            settings.fetchPages = pages
            settings.timeout = timeout
            if let since {
                guard let date = FeedDate.parse(since) else { throw ValidationError("--since \(since): write a date as YYYY-MM-DD") }
                settings.since = date.timeIntervalSince1970
            }
            let database = try options.store.openDatabase()
            let sources = try await database.stores.media.sources(study: options.study)
            guard sources.contains(where: { !$0.feeds.isEmpty || !$0.url.isEmpty }) else {
                throw MediaError.invalid(file: options.study, row: nil, column: nil, reason: "no outlet has a feed; add them with sanarip media sources import FILE.csv")
            }
            let name = round ?? ISO8601DateFormatter().string(from: Date())
            let collector = MediaCollector(store: database.stores.media, settings: settings)
            let result = try await collector.run(name: name, study: options.study, by: UserCommand.actor) { round in
                Terminal.error("media fetch \(round.name): \(round.feedsDone)/\(round.feedsTotal) feeds, \(round.added) new, \(round.duplicates) duplicates")
            }
            for problem in result.problems { Terminal.error("problem: \(problem)") }
            print("\(options.study) round \(result.name): \(result.feedsDone) feeds, \(result.added) new articles, \(result.duplicates) duplicates, \(result.problems.count) problems")
            try await MediaCopiesCommand.regroup(database, study: options.study)
        }
    }
}

struct MediaImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import articles from a CSV or JSON archive (a Media Cloud export…) or a folder of saved pages.",
        discussion: """
            Recognised columns: url, title, publish_date (or published, date), media_name (or source), media_url, \
            language, text (or content), author, id/stories_id/guid. Outlets not yet in the study are added (key from \
            their domain). Articles already stored are counted as duplicates. A bad row stops the import with its \
            row and column, and nothing is stored. JSON: an array of objects with the same fields (or html: the \
            page, whose main text is extracted), an object holding one (stories, results…), or JSON Lines. A folder: \
            every .html/.htm page in it, main text extracted, address from <link rel=canonical> or og:url.

            Examples: sanarip media import mediacloud-export.csv; sanarip media import stories.json; \
            sanarip media import saved-pages/
            """
    )

    @Argument(help: "The CSV or JSON file, or a folder of saved .html pages.") var file: String
    @OptionGroup var options: MediaStudyOptions

    func run() async throws {
        try await reportingMediaErrors {
            let url = URL(fileURLWithPath: file)
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder)
            guard exists, let data = isFolder.boolValue ? Data() : try? Data(contentsOf: url) else {
                throw MediaError.invalid(file: url.lastPathComponent, row: nil, column: nil, reason: "cannot be read")
            }
            let database = try options.store.openDatabase()
            let media = database.stores.media
            let known = try await media.sources(study: options.study)
            let archive = isFolder.boolValue ? try ArticleArchive.readPages(folder: url, known: known)
                : try ArticleArchive.read(data, file: url.lastPathComponent, known: known)
            if !archive.newSources.isEmpty { try await media.saveSources(archive.newSources, study: options.study, by: UserCommand.actor) }
            let inserted = try await media.insert(archive.articles, study: options.study)
            try await database.stores.auditLog.record(AuditEntry(user: UserCommand.actor, action: "media.import", objectType: "media_articles", objectID: options.study,
                                                                 detail: ["file": url.lastPathComponent, "added": String(inserted.added)]))
            try await MediaCopiesCommand.regroup(database, study: options.study)
            print("\(options.study): \(archive.articles.count) rows of \(url.lastPathComponent): \(inserted.added) new articles, \(inserted.duplicates) duplicates, \(archive.newSources.count) new outlets")
        }
    }
}

struct MediaFramesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frames",
        abstract: "Narrative frames over time: articles carrying each frame and their share, by week or month.",
        discussion: """
            Every stored article's title and text is matched against the frame dictionary (the built-in trilingual \
            one, or --frames FILE.csv: frame,name_ky,name_ru,name_en,terms_ky,terms_ru,terms_en,source; a word ending \
            in * is a stem). Output by -o's extension: .csv (period, group, articles, each frame's articles and \
            share), .xlsx (also top terms, examples in context, co-occurrence), .json, .svg (a chart per frame); \
            without -o a table on standard output.

            Example:
              sanarip media frames --by month -o frames.xlsx
              sanarip media frames --by week --group outlet -o frames.csv
            """
    )

    @OptionGroup var options: MediaStudyOptions
    @Option(help: "The period: day, week, month or year.")
    var by: FramePeriod = .month
    @Option(help: "Split periods by: none, outlet or language.")
    var group: FrameAnalysis.Grouping = .none
    @Option(help: ArgumentHelp("A frame dictionary CSV (default: the built-in one).", valueName: "file"))
    var frames: String?
    @Option(name: .shortAndLong, help: ArgumentHelp("FILE.csv, FILE.xlsx, FILE.json or FILE.svg.", valueName: "file"))
    var output: String?
    @Option(help: "The language of frame names in charts: ky, ru or en.")
    var lang = "en"
    @Flag(help: "Count every copy of a syndicated article (default: a group of near-duplicates counts once; see sanarip media copies).")
    var countCopies = false

    func run() async throws {
        try await reportingMediaErrors {
            let started = ContinuousClock.now
            let dictionary = try FrameDictionary.load(frames)
            let database = try options.store.openDatabase()
            let articles = try await MediaCopies.counted(study: options.study, media: database.stores.media, copies: database.stores.mediaCopies, countCopies: countCopies)
            let loaded = ContinuousClock.now
            let analysis = FrameAnalysis(articles: articles, matcher: FrameMatcher(dictionary: dictionary), period: by, grouping: group)
            let matched = ContinuousClock.now
            let report = FrameReport(analysis: analysis, articles: articles, language: lang)
            try writeMediaReport(
                to: output,
                formats: ["csv": { Data(report.csv().utf8) }, "xlsx": report.xlsx, "json": report.json, "svg": { Data(report.svgPage().utf8) }],
                table: report.table
            )
            Terminal.error("media frames: \(articles.count) articles (\(analysis.undated) undated), \(dictionary.frames.count) frames; read \(mediaSeconds(loaded - started)), matched \(mediaSeconds(matched - loaded)), written \(mediaSeconds(ContinuousClock.now - matched))")
        }
    }
}

extension FramePeriod: ExpressibleByArgument {}
extension FrameAnalysis.Grouping: ExpressibleByArgument {}
