import Foundation
import SanaripInstrument
import SanaripQualitative
import SanaripReports

/// What a frame analysis looks like outside the store: the share of articles per frame over time as SVG charts (one
/// ``TrendChart`` per frame, on one page), the table as CSV, a workbook (table, top terms, examples, co-occurrence)
/// and JSON.
public struct FrameReport: Sendable {
    public let analysis: FrameAnalysis
    /// The articles analysed, in the analysis' order (for the examples' titles, outlets and addresses).
    public let articles: [MediaArticle]
    public let language: String

    public init(analysis: FrameAnalysis, articles: [MediaArticle], language: String = "en") {
        self.analysis = analysis
        self.articles = articles
        self.language = language
    }

    /// Periods in order with, per frame, the articles carrying it, and all articles (groups added up).
    public var totals: [(period: String, articles: Int, frames: [Int])] {
        var order: [String] = []
        var sums: [String: (Int, [Int])] = [:]
        for row in analysis.rows {
            if sums[row.period] == nil {
                order.append(row.period)
                sums[row.period] = (0, [Int](repeating: 0, count: row.frames.count))
            }
            sums[row.period]!.0 += row.articles
            for index in row.frames.indices { sums[row.period]!.1[index] += row.frames[index] }
        }
        return order.map { ($0, sums[$0]!.0, sums[$0]!.1) }
    }

    /// One chart per frame (or per frame of `frames`): its share of all articles in each period.
    public func charts(width: Int = 420, frames: [Int]? = nil) -> [String] {
        let totals = totals
        var labels: [Int: String] = [:]
        for (index, period) in totals.enumerated() { labels[index] = period.period }
        return (frames ?? Array(analysis.dictionary.frames.indices)).map { frame in
            let points = totals.enumerated().map { index, total in
                TrendChart.Point(year: index, value: total.articles == 0 ? 0 : Double(total.frames[frame]) / Double(total.articles))
            }
            let top = points.map(\.value).max() ?? 0
            var chart = TrendChart(title: analysis.dictionary.frames[frame].name(language), official: points, survey: nil, width: width,
                                   maximum: 1, language: language)
            chart.maximum = Self.axis(top)
            chart.xLabels = labels
            return chart.svg
        }
    }

    /// A round share above `top` for the axis (≤ 1, and 1 keeps the axis in percent).
    static func axis(_ top: Double) -> Double {
        for step in [0.05, 0.1, 0.2, 0.25, 0.5] where top <= step { return step }
        return 1
    }

    /// Every chart on one SVG page, two a row.
    public func svgPage() -> String {
        let charts = charts()
        let width = 420, height = 230, columns = 2
        let rows = (charts.count + columns - 1) / columns
        var page = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width * columns)\" height=\"\(height * rows)\" viewBox=\"0 0 \(width * columns) \(height * rows)\">\n"
        for (index, chart) in charts.enumerated() {
            let x = index % columns * width, y = index / columns * height
            page += chart.replacingOccurrences(of: "<svg xmlns=\"http://www.w3.org/2000/svg\" ", with: "<svg x=\"\(x)\" y=\"\(y)\" ", options: .anchored) + "\n"
        }
        return page + "</svg>\n"
    }

    /// The table (``FrameAnalysis/records()``) as CSV.
    public func csv() -> String {
        CSVCodec().text(for: analysis.records())
    }

    /// Top terms per frame as rows: frame, term, language, occurrences, articles.
    public func termRecords() -> [[String]] {
        [["frame", "term", "language", "occurrences", "articles"]] + analysis.dictionary.frames.indices.flatMap { frame in
            analysis.topTerms[frame].map { [analysis.dictionary.frames[frame].key, $0.term, $0.language, String($0.occurrences), String($0.articles)] }
        }
    }

    /// Example articles per frame as rows: frame, date, outlet, title, url, terms, snippet.
    public func exampleRecords() -> [[String]] {
        [["frame", "published", "source", "title", "url", "terms", "snippet"]] + analysis.dictionary.frames.indices.flatMap { frame in
            analysis.examples[frame].map { example in
                let article = articles[example.article]
                return [analysis.dictionary.frames[frame].key, article.published.map { FramePeriod.day.label($0) } ?? "", article.source,
                        article.title, article.url, example.terms.joined(separator: "; "), example.snippet]
            }
        }
    }

    /// Frames × frames: articles carrying both.
    public func cooccurrenceRecords() -> [[String]] {
        let keys = analysis.dictionary.frames.map(\.key)
        return [["frame"] + keys] + keys.indices.map { [keys[$0]] + analysis.cooccurrence[$0].map(String.init) }
    }

    /// A workbook with the sheets frames, terms, examples and cooccurrence.
    public func xlsx() throws -> Data {
        try XLSXWriter().data(for: Workbook(sheets: [
            Sheet(name: "frames", cells: analysis.records()), Sheet(name: "terms", cells: termRecords()),
            Sheet(name: "examples", cells: exampleRecords()), Sheet(name: "cooccurrence", cells: cooccurrenceRecords()),
        ]))
    }

    /// Everything as JSON: the dictionary's version, the rows, top terms, examples and co-occurrence.
    public func json() throws -> Data {
        struct Output: Encodable {
            struct Row: Encodable { var period: String; var group: String; var articles: Int; var frames: [String: Int] }
            struct Term: Encodable { var term: String; var language: String; var occurrences: Int; var articles: Int }
            struct Example: Encodable { var published: String; var source: String; var title: String; var url: String; var terms: [String]; var snippet: String }
            var dictionary: String
            var version: String
            var period: String
            var grouping: String
            var articles: Int
            var undated: Int
            var rows: [Row]
            var terms: [String: [Term]]
            var examples: [String: [Example]]
            var cooccurrence: [String: [String: Int]]
        }
        let frames = analysis.dictionary.frames
        var terms: [String: [Output.Term]] = [:], examples: [String: [Output.Example]] = [:], cooccurrence: [String: [String: Int]] = [:]
        for (index, frame) in frames.enumerated() {
            terms[frame.key] = analysis.topTerms[index].map { .init(term: $0.term, language: $0.language, occurrences: $0.occurrences, articles: $0.articles) }
            examples[frame.key] = analysis.examples[index].map { example in
                let article = articles[example.article]
                return .init(published: article.published.map { FramePeriod.day.label($0) } ?? "", source: article.source, title: article.title,
                             url: article.url, terms: example.terms, snippet: example.snippet)
            }
            var row: [String: Int] = [:]
            for (other, count) in analysis.cooccurrence[index].enumerated() { row[frames[other].key] = count }
            cooccurrence[frame.key] = row
        }
        let output = Output(
            dictionary: analysis.dictionary.file, version: analysis.dictionary.version, period: analysis.period.rawValue,
            grouping: analysis.grouping.rawValue, articles: analysis.articleCount, undated: analysis.undated,
            rows: analysis.rows.map { row in
                var counts: [String: Int] = [:]
                for (index, frame) in frames.enumerated() { counts[frame.key] = row.frames[index] }
                return .init(period: row.period, group: row.group, articles: row.articles, frames: counts)
            },
            terms: terms, examples: examples, cooccurrence: cooccurrence)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(output)
    }

    /// A plain-text table for the terminal: period, group, articles, then each frame's share in percent.
    public func table() -> String {
        let frames = analysis.dictionary.frames
        var lines = [(["period", "group", "articles"] + frames.map(\.key)).joined(separator: "\t")]
        for row in analysis.rows {
            lines.append(([row.period, row.group, String(row.articles)] + frames.indices.map { String(format: "%.1f%%", row.share($0) * 100) }).joined(separator: "\t"))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
