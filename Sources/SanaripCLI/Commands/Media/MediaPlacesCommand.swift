import ArgumentParser
import Foundation
import SanaripMedia
import SanaripQualitative

/// `sanarip media places`: which oblasts, districts and municipalities the articles mention, over time.
struct MediaPlacesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "places",
        abstract: "Places mentioned: articles naming each oblast, district or municipality of the frame, by week or month.",
        discussion: """
            Names come from the frame (data/frames/municipalities.csv with its SOATE codes) and the instrument's \
            oblast and district lists, in Kyrgyz, Russian and English, with their case endings (Караколдо, Караколе, \
            Ошской области, Ысык-Көл облусунда). A name must start with a capital letter; names that are also common \
            words or persons' names (Кеңеш, Октябрь, Абдрахманов …) count only with "айыл аймагы"/"айылный аймак"; \
            a bare name shared by several places goes to the city, else the oblast, else the district, else to the \
            district or oblast they share (else it is not counted: listed in the workbook's "ambiguous" sheet). A \
            mention counts for the place and, at a coarser --level, for its district and oblast. Osh city is not in \
            the frame (not part of Osh oblast) and is its own row.

            Output by -o's extension: .csv (period, group, level, code, name, articles, mentioning, share), .xlsx \
            (also totals per place, the forms matched, examples in context, ambiguous names), .json; without -o a \
            table of places by articles.

            Example:
              sanarip media places --level oblast --by month
              sanarip media places --level municipality --by week --group outlet -o places.xlsx
            """
    )

    @OptionGroup var options: MediaStudyOptions
    @Option(help: "The period: day, week, month or year.")
    var by: FramePeriod = .month
    @Option(help: "Count places at this level: oblast, district or municipality.")
    var level: PlaceGazetteer.Level = .oblast
    @Option(help: "Split periods by: none, outlet or language.")
    var group: FrameAnalysis.Grouping = .none
    @Option(help: ArgumentHelp("The folder with municipalities.csv and municipalities_soate.csv.", valueName: "folder"))
    var frame = "data/frames"
    @Option(help: ArgumentHelp("The instrument's choices.csv (oblast and district lists).", valueName: "file"))
    var choices = "instruments/digital-divide-kg/choices.csv"
    @Option(name: .shortAndLong, help: ArgumentHelp("FILE.csv, FILE.xlsx or FILE.json.", valueName: "file"))
    var output: String?
    @Option(help: "The language of place names: ky, ru or en.")
    var lang = "en"
    @Flag(help: "Count every copy of a syndicated article (default: a group of near-duplicates counts once; see sanarip media copies).")
    var countCopies = false

    func run() async throws {
        try await reportingMediaErrors {
            let started = ContinuousClock.now
            let gazetteer = try PlaceGazetteer.frame(folder: URL(fileURLWithPath: frame), choices: URL(fileURLWithPath: choices))
            let database = try options.store.openDatabase()
            let articles = try await MediaCopies.counted(study: options.study, media: database.stores.media, copies: database.stores.mediaCopies, countCopies: countCopies)
            let loaded = ContinuousClock.now
            let mentions = PlaceMentions(articles: articles, matcher: PlaceMatcher(gazetteer: gazetteer), level: level, period: by, grouping: group)
            let matched = ContinuousClock.now
            let report = PlaceReport(mentions: mentions, articles: articles, language: lang)
            try writeMediaReport(to: output, formats: ["csv": { Data(report.csv().utf8) }, "xlsx": report.xlsx, "json": report.json], table: report.table)
            Terminal.error("media places: \(articles.count) articles, \(report.ranked.count) of \(mentions.places.count) \(level.rawValue) places mentioned, \(gazetteer.forms.count) name forms; read \(mediaSeconds(loaded - started)), matched \(mediaSeconds(matched - loaded))")
        }
    }
}

extension PlaceGazetteer.Level: ExpressibleByArgument {}
