import Foundation
import SanaripInstrument

/// Catalogue entries written out: CSV and XLSX with the template's columns (so an export imports again),
/// JSON with typed values, and courses as schema.org JSON-LD.
public enum CatalogueExport {
    /// The formats `export` writes.
    public enum Format: String, Sendable, CaseIterable {
        case csv, xlsx, json, jsonld
    }

    /// The header and one row per entry.
    public static func rows(_ kind: CatalogueKind, _ entries: [CatalogueEntry]) -> [[String]] {
        let names = kind.schema.columnNames
        return [names] + entries.map { entry in names.map { entry[$0] } }
    }

    /// The bytes of `entries` in `format`; `jsonld` only for courses.
    public static func data(_ kind: CatalogueKind, _ entries: [CatalogueEntry], format: Format) throws -> Data {
        switch format {
        case .csv:
            return Data(CSVCodec().text(for: rows(kind, entries)).utf8)
        case .xlsx:
            return try XLSXWriter().data(for: Workbook(sheets: [Sheet(name: kind.rawValue, cells: rows(kind, entries))], source: "\(kind.rawValue).xlsx"))
        case .json:
            return try serialize(entries.map(jsonObject))
        case .jsonld:
            guard kind == .courses else { throw CatalogueExportError("JSON-LD (schema.org Course) is written for courses only; use json for \(kind.rawValue)") }
            return try serialize(["@context": "https://schema.org", "@graph": entries.map(courseJSONLD)] as [String: Any])
        }
    }

    /// One entry as a JSON object: lists as arrays, numbers as numbers, yes/no as booleans.
    public static func jsonObject(_ entry: CatalogueEntry) -> [String: Any] {
        var object: [String: Any] = ["kind": entry.kind.rawValue, "demo": entry.demo]
        for field in entry.kind.schema.fields {
            guard let text = entry.values[field.name] else { continue }
            switch field.type {
            case .number: object[field.name] = Double(text) ?? text
            case .boolean: object[field.name] = text == "yes"
            default: object[field.name] = field.isList ? entry.list(field.name) : text
            }
        }
        return object
    }

    /// A course as schema.org `Course` with one `CourseInstance` (mode, schedule, places, dates, offer).
    public static func courseJSONLD(_ entry: CatalogueEntry) -> [String: Any] {
        func localized(_ prefix: String) -> [[String: String]] {
            ["ky", "ru", "en"].compactMap { language in entry.values["\(prefix)_\(language)"].map { ["@language": language, "@value": $0] } }
        }
        var course: [String: Any] = ["@type": "Course", "@id": "#course-\(entry.id)", "identifier": entry.id, "name": localized("name")]
        let description = localized("description")
        if !description.isEmpty { course["description"] = description }
        if let url = entry.values["url"] { course["url"] = url }
        if let provider = entry.values["provider"] { course["provider"] = ["@type": "Organization", "name": provider] }
        course["about"] = entry.list("topics")
        course["inLanguage"] = entry.list("languages")
        if let level = entry.values["level"] { course["educationalLevel"] = level }
        if entry.flag("certificate") { course["educationalCredentialAwarded"] = "certificate" }
        if let accessibility = entry.values["accessibility"] { course["accessibilitySummary"] = accessibility }
        let groups = entry.list("target_groups")
        if !groups.isEmpty { course["audience"] = ["@type": "EducationalAudience", "audienceType": groups.joined(separator: ", ")] }
        if let cost = entry.number("cost_som") {
            course["isAccessibleForFree"] = cost == 0
            course["offers"] = ["@type": "Offer", "price": cost, "priceCurrency": "KGS", "category": cost == 0 ? "Free" : "Paid"]
        }
        if let sources = entry.values["source_url"] { course["isBasedOn"] = sources.split(separator: ";").map(String.init) }
        var instance: [String: Any] = ["@type": "CourseInstance"]
        var modes = entry.values["mode"].map { [$0] } ?? []
        if let pace = entry.values["pace"] { modes.append(pace == "self_paced" ? "asynchronous" : "synchronous") }
        instance["courseMode"] = modes
        if let hours = entry.number("duration_hours") { instance["courseWorkload"] = "PT\(hours == hours.rounded() ? String(Int(hours)) : String(hours))H" }
        if let schedule = entry.values["schedule"] { instance["courseSchedule"] = ["@type": "Schedule", "description": schedule] }
        if let start = entry.values["start_date"] { instance["startDate"] = start }
        if let end = entry.values["end_date"] { instance["endDate"] = end }
        if let free = entry.number("free_places") { instance["maximumAttendeeCapacity"] = free }
        instance["location"] = entry.list("places").map { place -> [String: Any] in
            place == CatalogueTaxonomy.online ? ["@type": "VirtualLocation", "url": entry.values["url"] ?? ""]
                : ["@type": "Place", "identifier": place, "address": ["@type": "PostalAddress", "addressRegion": place, "addressCountry": "KG"]]
        }
        instance["eventAttendanceMode"] = switch entry.values["mode"] {
        case "online": "https://schema.org/OnlineEventAttendanceMode"
        case "onsite": "https://schema.org/OfflineEventAttendanceMode"
        default: "https://schema.org/MixedEventAttendanceMode"
        }
        course["hasCourseInstance"] = [instance]
        return course
    }

    private static func serialize(_ object: Any) throws -> Data {
        try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }
}

/// An export that cannot be written as asked.
public struct CatalogueExportError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
