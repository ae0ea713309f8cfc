import Foundation
import SanaripInstrument

/// A dated policy or infrastructure event (a law adopted, a service launched, a provider's coverage changed),
/// drawn on the monitoring charts.
public struct MonitoringEvent: Sendable, Hashable, Codable {
    public var date: String
    /// Title by language code (ky, ru, en).
    public var titles: [String: String]
    /// `law`, `service`, `provider`, `infrastructure`, `programme` or `other`.
    public var type: String
    public var sourceURL: String

    public static let types = ["law", "service", "provider", "infrastructure", "programme", "other"]
    /// The columns of an events file.
    public static let columns = ["date", "title_ky", "title_ru", "title_en", "event_type", "source_url"]

    public init(date: String, titles: [String: String], type: String, sourceURL: String = "") {
        self.date = date
        self.titles = titles
        self.type = type
        self.sourceURL = sourceURL
    }

    /// The title in `language`, else any.
    public func title(_ language: String) -> String { titles[language] ?? ["ky", "ru", "en"].lazy.compactMap { titles[$0] }.first ?? "" }

    public var year: Int? { Int(date.prefix(4)) }

    /// Reads an events file (CSV or XLSX with ``columns``), all or nothing.
    public static func read(data: Data, fileName: String) throws(CatalogueImportError) -> [MonitoringEvent] {
        let sheet = try CatalogueImporter.firstSheet(data: data, fileName: fileName)
        guard let header = sheet.rows.first else { throw CatalogueImportError(file: fileName, problems: [CatalogueProblem(row: nil, column: nil, message: "the file is empty")]) }
        let names = header.cells.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var problems = names.filter { !$0.isEmpty && !columns.contains($0) }.map {
            CatalogueProblem(row: header.number, column: $0, message: "is not a column of an events file; the columns are \(columns.joined(separator: ", "))")
        }
        if !names.contains("date") { problems.append(CatalogueProblem(row: header.number, column: "date", message: "is missing")) }
        var events: [MonitoringEvent] = []
        for row in sheet.rows.dropFirst() {
            func cell(_ name: String) -> String { names.firstIndex(of: name).map { row[$0].trimmingCharacters(in: .whitespaces) } ?? "" }
            guard let date = CatalogueSchema.date(cell("date")) else {
                problems.append(CatalogueProblem(row: row.number, column: "date", message: "'\(cell("date"))' is not a date; write it as YYYY-MM-DD"))
                continue
            }
            var titles: [String: String] = [:]
            for language in ["ky", "ru", "en"] where !cell("title_\(language)").isEmpty { titles[language] = cell("title_\(language)") }
            if titles.isEmpty { problems.append(CatalogueProblem(row: row.number, column: "title_ru", message: "no title; fill at least one of title_ky, title_ru, title_en")) }
            let type = cell("event_type").isEmpty ? "other" : cell("event_type").lowercased()
            if !types.contains(type) { problems.append(CatalogueProblem(row: row.number, column: "event_type", message: "'\(type)' is not allowed; use one of \(types.joined(separator: ", "))")) }
            let source = cell("source_url")
            if !source.isEmpty, case .failure(let message) = CatalogueSchema.canonical(source, CatalogueField("source_url", .url(many: false), help: "")) {
                problems.append(CatalogueProblem(row: row.number, column: "source_url", message: message.text))
            }
            events.append(MonitoringEvent(date: date, titles: titles, type: type, sourceURL: source))
        }
        if !problems.isEmpty { throw CatalogueImportError(file: fileName, problems: problems) }
        return events
    }
}
