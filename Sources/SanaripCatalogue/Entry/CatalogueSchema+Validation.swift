import Foundation

/// What the checks need to know beyond one row.
public struct CatalogueContext: Sendable {
    /// District codes a place may name (any 14-digit code when nil).
    public var districts: Set<String>?
    /// Ids already in the study's catalogue, by kind (for references such as a law's `amends`).
    public var existingIDs: [CatalogueKind: Set<String>]

    public init(districts: Set<String>? = nil, existingIDs: [CatalogueKind: Set<String>] = [:]) {
        self.districts = districts
        self.existingIDs = existingIDs
    }
}

extension CatalogueSchema {
    /// Checks one row's cells (column name → text) and gives the entry, or the problems naming `row` and the column.
    /// References to other entries (a law's `amends`) are checked by ``checkReferences(_:rows:context:)``.
    public func entry(cells: [String: String], row: Int?, demo: Bool = false) -> (entry: CatalogueEntry?, problems: [CatalogueProblem]) {
        var problems: [CatalogueProblem] = []
        var values: [String: String] = [:]
        for field in fields {
            let raw = (cells[field.name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if raw.isEmpty {
                if field.required {
                    problems.append(CatalogueProblem(row: row, column: field.name, message: "is empty; it is required (\(field.help))"))
                }
                continue
            }
            switch Self.canonical(raw, field) {
            case .success(let value): values[field.name] = value
            case .failure(let message): problems.append(CatalogueProblem(row: row, column: field.name, message: message.text))
            }
        }
        if let id = values["id"], !id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }) {
            problems.append(CatalogueProblem(row: row, column: "id", message: "'\(id)' may hold only letters, digits, '-', '_' and '.'"))
        }
        if Self.nameFields.allSatisfy({ values[$0] == nil }) {
            problems.append(CatalogueProblem(row: row, column: "name_ru", message: "no name is given; fill at least one of name_ky, name_ru, name_en"))
        }
        if let start = values["start_date"], let end = values["end_date"], end < start {
            problems.append(CatalogueProblem(row: row, column: "end_date", message: "\(end) is before start_date \(start)"))
        }
        guard problems.isEmpty, let id = values["id"] else { return (nil, problems) }
        return (CatalogueEntry(kind: kind, id: id, values: values, demo: demo), [])
    }

    /// Checks references between entries: every id a law `amends` must be in the file or already in the catalogue,
    /// and not the law itself. `rows` gives each entry's row number.
    public func checkReferences(_ entries: [CatalogueEntry], rows: [Int?], context: CatalogueContext) -> [CatalogueProblem] {
        guard kind == .laws else { return [] }
        let known = Set(entries.map(\.id)).union(context.existingIDs[.laws] ?? [])
        var problems: [CatalogueProblem] = []
        for (entry, row) in zip(entries, rows) {
            for target in entry.list("amends") {
                if target == entry.id {
                    problems.append(CatalogueProblem(row: row, column: "amends", message: "the act cannot amend itself"))
                } else if !known.contains(target) {
                    problems.append(CatalogueProblem(row: row, column: "amends", message: "'\(target)' is not a law in this file or the catalogue; import the amended act first or correct the id"))
                }
            }
        }
        return problems
    }

    /// Checks place codes against the frame's districts.
    public func checkPlaces(_ entry: CatalogueEntry, row: Int?, context: CatalogueContext) -> [CatalogueProblem] {
        guard let districts = context.districts else { return [] }
        return entry.list("places").filter { $0 != CatalogueTaxonomy.online && !districts.contains($0) }.map {
            CatalogueProblem(row: row, column: "places", message: "'\($0)' is not a district of the study's frame; use a district code of the instrument's district list, or online")
        }
    }

    static func canonical(_ raw: String, _ field: CatalogueField) -> Result<String, CatalogueMessage> {
        switch field.type {
        case .text:
            return .success(raw)
        case .choice(let allowed):
            let code = raw.lowercased()
            return allowed.contains(code) ? .success(code) : .failure("'\(raw)' is not allowed; use one of \(allowed.joined(separator: ", "))")
        case .list(let allowed):
            let codes = items(raw).map { allowed == nil ? $0 : $0.lowercased() }
            if let allowed, let bad = codes.first(where: { !allowed.contains($0) }) {
                return .failure("'\(bad)' is not allowed; use values from \(allowed.joined(separator: ", ")), separated by ;")
            }
            return .success(unique(codes).joined(separator: ";"))
        case .date:
            guard let date = date(raw) else { return .failure("'\(raw)' is not a date; write it as YYYY-MM-DD (for example 2025-03-01)") }
            return .success(date)
        case .number:
            let text = raw.replacingOccurrences(of: ",", with: ".").replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "\u{00A0}", with: "")
            guard let number = Double(text), number.isFinite, number >= 0 else {
                return .failure("'\(raw)' is not a number of zero or more; write digits such as 1500 or 12.5")
            }
            return .success(number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number))
        case .boolean:
            switch raw.lowercased() {
            case "yes", "y", "true", "1", "да", "ооба": return .success("yes")
            case "no", "n", "false", "0", "нет", "жок": return .success("no")
            default: return .failure("'\(raw)' is not yes or no")
            }
        case .url(let many):
            let addresses = many ? items(raw) : [raw]
            if let bad = addresses.first(where: { !isWebAddress($0) }) {
                return .failure("'\(bad)' is not a web address; write it in full, starting with https://")
            }
            return .success(addresses.joined(separator: ";"))
        case .places:
            let codes = items(raw).map { $0.lowercased() }
            if let bad = codes.first(where: { $0 != CatalogueTaxonomy.online && !($0.count == 14 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber)) }) {
                return .failure("'\(bad)' is not a place; write online or a district's 14-digit SOATE code, separated by ;")
            }
            return .success(unique(codes).joined(separator: ";"))
        }
    }

    private static func items(_ raw: String) -> [String] {
        raw.split(whereSeparator: { $0 == ";" || $0 == "," || $0 == "\n" }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private static func unique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }

    private static func isWebAddress(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), let host = url.host, host.contains(".") else {
            return false
        }
        return !text.contains(" ")
    }

    /// `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, `DD.MM.YYYY` (and a spreadsheet's `YYYY-MM-DDT00:00:00`) in canonical form.
    static func date(_ raw: String) -> String? {
        var text = raw
        if let t = text.firstIndex(of: "T") ?? text.firstIndex(of: " ") { text = String(text[..<t]) }
        let parts: [Int]
        if text.contains(".") {
            let dotted = text.split(separator: ".").compactMap { Int($0) }
            guard dotted.count == 3 else { return nil }
            parts = [dotted[2], dotted[1], dotted[0]]
        } else {
            parts = text.split(separator: "-", omittingEmptySubsequences: false).compactMap { Int($0) }
            guard (1...3).contains(parts.count), parts.count == text.split(separator: "-", omittingEmptySubsequences: false).count else { return nil }
        }
        guard (1900...2100).contains(parts[0]) else { return nil }
        if parts.count >= 2 { guard (1...12).contains(parts[1]) else { return nil } }
        if parts.count == 3 {
            var components = DateComponents(year: parts[0], month: parts[1], day: parts[2])
            components.calendar = Calendar(identifier: .gregorian)
            guard components.isValidDate else { return nil }
        }
        return ([String(format: "%04d", parts[0])] + parts.dropFirst().map { String(format: "%02d", $0) }).joined(separator: "-")
    }
}

/// A message for a bad cell (a `Result` failure type).
struct CatalogueMessage: Error, ExpressibleByStringLiteral, ExpressibleByStringInterpolation {
    var text: String
    init(stringLiteral value: String) { text = value }
    init(stringInterpolation: DefaultStringInterpolation) { text = String(stringInterpolation: stringInterpolation) }
}
