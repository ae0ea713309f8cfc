import Foundation
import SanaripCore
import SanaripStatistics

/// Writes estimates as JSON, CSV or an aligned table.
enum EstimateOutput {
    static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    static func jsonString(_ text: String) -> String {
        text.jsonQuoted
    }

    static func json(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { "\(jsonString($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }

    static func render(_ estimates: [DomainEstimate], design: SurveyDesign, degreesOfFreedom: Int, format: String, deff: Bool) -> String {
        let domainColumns = estimates.reduce(into: [String]()) { names, estimate in
            for name in estimate.domainNames where !names.contains(name) { names.append(name) }
        }
        switch format {
        case "json":
            let rows = estimates.map { estimate -> String in
                var pairs: [(String, String)] = [("statistic", jsonString(estimate.statistic)), ("variable", jsonString(estimate.variable))]
                if let level = estimate.level { pairs.append((estimate.statistic == "quantile" ? "probability" : "level", jsonString(level))) }
                pairs.append(("domain", json(zip(estimate.domainNames, estimate.domainValues).map { ($0, jsonString($1)) })))
                pairs += [("estimate", number(estimate.estimate)), ("se", number(estimate.standardError)),
                          ("ci_low", number(estimate.ciLow)), ("ci_high", number(estimate.ciHigh))]
                if deff { pairs += [("deff", number(estimate.deff)), ("deft", number(estimate.deft))] }
                pairs.append(("n", String(estimate.n)))
                return "    " + json(pairs)
            }
            let header = json([("strata", String(design.strataCount)), ("psus", String(design.psuCount)), ("degf", String(degreesOfFreedom))])
            return "{\n  \"design\": \(header),\n  \"estimates\": [\n" + rows.joined(separator: ",\n") + "\n  ]\n}\n"
        default:
            var header = ["statistic", "variable", "level"] + domainColumns + ["estimate", "se", "ci_low", "ci_high"]
            if deff { header += ["deff", "deft"] }
            header.append("n")
            let body = estimates.map { estimate -> [String] in
                var row = [estimate.statistic, estimate.variable, estimate.level ?? ""]
                row += domainColumns.map { name in estimate.domainNames.firstIndex(of: name).map { estimate.domainValues[$0] } ?? "" }
                row += [estimate.estimate, estimate.standardError, estimate.ciLow, estimate.ciHigh].map { format == "csv" ? csvNumber($0) : tableNumber($0) }
                if deff { row += [estimate.deff, estimate.deft].map { format == "csv" ? csvNumber($0) : tableNumber($0) } }
                row.append(String(estimate.n))
                return row
            }
            return format == "csv" ? csv([header] + body) : table(header, body, textColumns: 3 + domainColumns.count)
        }
    }

    /// A value of a one-record output (a test's statistics).
    enum Field {
        case number(Double)
        case integer(Int)
        case text(String)
        case texts([String])
    }

    /// One record as a JSON object, a CSV header and line, or a two-column table.
    static func record(_ fields: [(String, Field)], format: String) -> String {
        func plain(_ field: Field) -> String {
            switch field {
            case .number(let value): format == "csv" ? csvNumber(value) : tableNumber(value)
            case .integer(let value): String(value)
            case .text(let text): text
            case .texts(let texts): "[" + texts.joined(separator: ", ") + "]"
            }
        }
        switch format {
        case "json":
            return json(fields.map { name, field in
                switch field {
                case .number(let value): (name, number(value))
                case .integer(let value): (name, String(value))
                case .text(let text): (name, jsonString(text))
                case .texts(let texts): (name, "[" + texts.map(jsonString).joined(separator: ", ") + "]")
                }
            }) + "\n"
        case "csv":
            return csv([fields.map(\.0), fields.map { plain($0.1) }])
        default:
            return table(["statistic", "value"], fields.map { [$0.0, plain($0.1)] })
        }
    }

    static func csvNumber(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "NA" }
        return number(value)
    }

    static func tableNumber(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        if value == value.rounded(), abs(value) < 1e12 { return String(Int64(value)) }
        return String(format: abs(value) >= 1e6 || abs(value) < 1e-3 ? "%.4g" : "%.4f", value)
    }

    static func csv(_ rows: [[String]]) -> String {
        rows.map { row in
            row.map { field in
                field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
            }.joined(separator: ",")
        }.joined(separator: "\n") + "\n"
    }

    /// An aligned table: the first `textColumns` columns left-aligned, the numbers right-aligned.
    static func table(_ header: [String], _ rows: [[String]], textColumns: Int = 1) -> String {
        var widths = header.map(\.count)
        for row in rows { for (index, field) in row.enumerated() { widths[index] = max(widths[index], field.count) } }
        func line(_ fields: [String]) -> String {
            fields.enumerated().map { index, field in
                let pad = String(repeating: " ", count: widths[index] - field.count)
                return index < textColumns ? field + pad : pad + field
            }.joined(separator: "  ")
        }
        return ([line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")] + rows.map(line)).joined(separator: "\n") + "\n"
    }
}
