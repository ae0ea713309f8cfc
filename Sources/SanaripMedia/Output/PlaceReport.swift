import Foundation
import SanaripInstrument
import SanaripQualitative
import SanaripReports

/// Place mentions outside the store: one row per period (and outlet or language) and place as CSV, a workbook
/// (mentions, totals per place, the forms that matched, examples in context, the ambiguous names not counted), JSON,
/// a terminal table, and charts of the most mentioned places over time.
public struct PlaceReport: Sendable {
    public let mentions: PlaceMentions
    /// The articles analysed, in the analysis' order.
    public let articles: [MediaArticle]
    public let language: String

    public init(mentions: PlaceMentions, articles: [MediaArticle], language: String = "en") {
        self.mentions = mentions
        self.articles = articles
        self.language = language
    }

    private var analysis: FrameAnalysis { mentions.analysis }
    private func place(_ frame: Int) -> PlaceGazetteer.Place { mentions.gazetteer.places[mentions.places[frame]] }

    /// The places in order of articles mentioning them, most first; those never mentioned left out.
    public var ranked: [Int] {
        let totals = mentions.totals
        return totals.indices.filter { totals[$0] > 0 }.sorted { (totals[$0], $1) > (totals[$1], $0) }
    }

    /// Rows: period, group, level, code, name, articles of the cell, articles mentioning the place, share (0–1);
    /// only places mentioned in the cell.
    public func records() -> [[String]] {
        [["period", "group", "level", "code", "name", "articles", "mentioning", "share"]] + analysis.rows.flatMap { row in
            row.frames.indices.filter { row.frames[$0] > 0 }.map { frame in
                [row.period, row.group, mentions.level.rawValue, place(frame).code, place(frame).name(language), String(row.articles),
                 String(row.frames[frame]), String(format: "%.4f", row.share(frame))]
            }
        }
    }

    /// Per place mentioned: code, names, kind, articles mentioning it and their share of all articles.
    public func totalRecords() -> [[String]] {
        let totals = mentions.totals, all = max(1, analysis.articleCount)
        return [["code", "name_ky", "name_ru", "name_en", "kind", "articles", "share"]] + ranked.map { frame in
            let place = place(frame)
            return [place.code, place.name("ky"), place.name("ru"), place.name("en"), place.kind.rawValue, String(totals[frame]),
                    String(format: "%.4f", Double(totals[frame]) / Double(all))]
        }
    }

    /// The forms that matched per place: code, form, language, occurrences, articles.
    public func formRecords() -> [[String]] {
        [["code", "form", "language", "occurrences", "articles"]] + ranked.flatMap { frame in
            analysis.topTerms[frame].map { [place(frame).code, $0.term, $0.language, String($0.occurrences), String($0.articles)] }
        }
    }

    /// Example articles per place, the first mention in context: code, date, outlet, title, url, forms, snippet.
    public func exampleRecords() -> [[String]] {
        [["code", "published", "source", "title", "url", "forms", "snippet"]] + ranked.flatMap { frame in
            analysis.examples[frame].map { example in
                let article = articles[example.article]
                return [place(frame).code, article.published.map { FramePeriod.day.label($0) } ?? "", article.source, article.title, article.url,
                        example.terms.joined(separator: "; "), example.snippet]
            }
        }
    }

    /// Names shared by places that cannot be told apart, so not counted: form, places.
    public func ambiguousRecords() -> [[String]] {
        [["form", "places"]] + mentions.gazetteer.ambiguous.map { [$0.form, $0.places.joined(separator: " ")] }
    }

    public func csv() -> String {
        CSVCodec().text(for: records())
    }

    /// A workbook with the sheets mentions, places, forms, examples and ambiguous.
    public func xlsx() throws -> Data {
        try XLSXWriter().data(for: Workbook(sheets: [
            Sheet(name: "mentions", cells: records()), Sheet(name: "places", cells: totalRecords()), Sheet(name: "forms", cells: formRecords()),
            Sheet(name: "examples", cells: exampleRecords()), Sheet(name: "ambiguous", cells: ambiguousRecords()),
        ]))
    }

    /// Everything as JSON: level, period, grouping, the articles, the rows, totals, forms and examples per place.
    public func json() throws -> Data {
        struct Output: Encodable {
            struct Row: Encodable { var period: String; var group: String; var articles: Int; var places: [String: Int] }
            struct Place: Encodable {
                var code: String; var names: [String: String]; var kind: String; var articles: Int
                var forms: [String: Int]; var examples: [Example]
            }
            struct Example: Encodable { var published: String; var source: String; var title: String; var url: String; var forms: [String]; var snippet: String }
            var level: String
            var period: String
            var grouping: String
            var articles: Int
            var undated: Int
            var rows: [Row]
            var places: [Place]
            var ambiguous: [String: [String]]
        }
        let totals = mentions.totals
        let output = Output(
            level: mentions.level.rawValue, period: analysis.period.rawValue, grouping: analysis.grouping.rawValue, articles: analysis.articleCount,
            undated: analysis.undated,
            rows: analysis.rows.map { row in
                var counts: [String: Int] = [:]
                for frame in row.frames.indices where row.frames[frame] > 0 { counts[place(frame).code] = row.frames[frame] }
                return .init(period: row.period, group: row.group, articles: row.articles, places: counts)
            },
            places: ranked.map { frame in
                var forms: [String: Int] = [:]
                for term in analysis.topTerms[frame] { forms[term.term, default: 0] += term.occurrences }
                return .init(code: place(frame).code, names: place(frame).names, kind: place(frame).kind.rawValue, articles: totals[frame], forms: forms,
                             examples: analysis.examples[frame].map { example in
                                 let article = articles[example.article]
                                 return .init(published: article.published.map { FramePeriod.day.label($0) } ?? "", source: article.source, title: article.title,
                                              url: article.url, forms: example.terms, snippet: example.snippet)
                             })
            },
            ambiguous: Dictionary(mentions.gazetteer.ambiguous.map { ($0.form, $0.places) }, uniquingKeysWith: { $0 + $1 }))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(output)
    }

    /// A terminal table: each place mentioned, its articles and share, most first.
    public func table() -> String {
        let totals = mentions.totals, all = max(1, analysis.articleCount)
        var lines = ["code\tname\tarticles\tshare"]
        for frame in ranked {
            lines.append("\(place(frame).code)\t\(place(frame).name(language))\t\(totals[frame])\t" + String(format: "%.1f%%", Double(totals[frame]) / Double(all) * 100))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The share of articles mentioning each of the `count` most mentioned places, per period (one chart each).
    public func charts(count: Int = 6, width: Int = 420) -> [String] {
        FrameReport(analysis: analysis, articles: articles, language: language).charts(width: width, frames: Array(ranked.prefix(count)))
    }
}
