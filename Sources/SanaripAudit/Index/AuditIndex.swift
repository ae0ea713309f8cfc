import Foundation
import SanaripCore
import SanaripInstrument

/// The indicators, their groups and weights, and how a site's answers become group scores, an index and a level.
/// Read from an editable CSV shipped with the study (`instruments/digital-divide-kg/audit/index.csv`).
public struct AuditIndex: Sendable, Hashable {
    /// Whether the crawler reads an indicator or a reviewer answers it.
    public enum Method: String, Sendable, Codable, Hashable { case auto, review }

    public struct Indicator: Sendable, Hashable, Codable {
        public var id: String
        public var group: LOSIGroup
        public var method: Method
        public var weight: Double
        public var label: AuditLabel
        /// For a review indicator: the automated indicator whose evidence pre-fills the checklist.
        public var evidenceFrom: String?
    }

    public var indicators: [Indicator]
    public var groupWeights: [LOSIGroup: Double]
    public var groupLabels: [LOSIGroup: AuditLabel]

    /// Reads the index file at `url`; every problem names the file, row and column.
    public init(contentsOf url: URL) throws(AuditError) {
        let name = url.lastPathComponent
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw AuditError("\(name): cannot be read (\(error.localizedDescription)); pass the index file with --index FILE")
        }
        try self.init(csv: text, file: name)
    }

    public init(csv text: String, file: String) throws(AuditError) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .filter { !$0.element.hasPrefix("#") && !$0.element.trimmingCharacters(in: .whitespaces).isEmpty }
        let body = lines.map { String($0.element) }.joined(separator: "\n")
        let records: [(line: Int, fields: [String])]
        do { records = try CSVCodec().numberedRecords(in: body) } catch {
            throw AuditError("\(file): \(error)")
        }
        guard let header = records.first?.fields else { throw AuditError("\(file): no header row") }
        let required = ["id", "group", "method", "weight", "label_en", "label_ru", "label_ky"]
        var column: [String: Int] = [:]
        for (index, field) in header.enumerated() { column[field.trimmingCharacters(in: .whitespaces)] = index }
        for field in required where column[field] == nil {
            throw AuditError("\(file): the header has no column \(field) (it needs \(required.joined(separator: ",")))")
        }
        var indicators: [Indicator] = []
        var groupWeights: [LOSIGroup: Double] = [:]
        var groupLabels: [LOSIGroup: AuditLabel] = [:]
        var seen: Set<String> = []
        for (recordIndex, record) in records.dropFirst().enumerated() {
            let row = lines[recordIndex + 1].offset + 1
            func value(_ key: String) -> String {
                let index = column[key]!
                return index < record.fields.count ? record.fields[index].trimmingCharacters(in: .whitespaces) : ""
            }
            let id = value("id")
            guard let group = LOSIGroup(rawValue: value("group")) else {
                throw AuditError("\(file), row \(row), column group: \"\(value("group"))\" is not one of \(LOSIGroup.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let weight = Double(value("weight")), weight >= 0 else {
                throw AuditError("\(file), row \(row), column weight: \"\(value("weight"))\" is not a number ≥ 0")
            }
            let label = AuditLabel(en: value("label_en"), ru: value("label_ru"), ky: value("label_ky"))
            if value("method") == "group" {
                groupWeights[group] = weight
                groupLabels[group] = label
                continue
            }
            guard let method = Method(rawValue: value("method")) else {
                throw AuditError("\(file), row \(row), column method: \"\(value("method"))\" is not auto, review or group")
            }
            if method == .auto, !SiteAnalyzer.automatedIDs.contains(id) {
                throw AuditError("\(file), row \(row), column id: the crawler reads no indicator \"\(id)\" (it reads \(SiteAnalyzer.automatedIDs.sorted().joined(separator: ", "))); use method review for a reviewer's question")
            }
            guard seen.insert(id).inserted, !id.isEmpty else {
                throw AuditError("\(file), row \(row), column id: \"\(id)\" is empty or given twice")
            }
            let evidenceFrom = column["evidence_from"] == nil ? "" : value("evidence_from")
            indicators.append(Indicator(id: id, group: group, method: method, weight: weight, label: label,
                                        evidenceFrom: evidenceFrom.isEmpty ? nil : evidenceFrom))
        }
        for group in LOSIGroup.allCases where groupWeights[group] == nil { groupWeights[group] = 1 }
        for indicator in indicators {
            if let source = indicator.evidenceFrom, !indicators.contains(where: { $0.id == source && $0.method == .auto }) {
                throw AuditError("\(file), column evidence_from: \(indicator.id) names \(source), which is not an automated indicator of this file")
            }
        }
        self.indicators = indicators
        self.groupWeights = groupWeights
        self.groupLabels = groupLabels
    }

    /// Group scores (0–1, over the assessed indicators of each group), the index and its level.
    public func score(_ values: [String: Double]) -> (groups: [LOSIGroup: Double], index: Double, level: LOSILevel) {
        var groups: [LOSIGroup: Double] = [:]
        for group in LOSIGroup.allCases {
            var found = 0.0
            var possible = 0.0
            for indicator in indicators where indicator.group == group {
                guard let value = values[indicator.id] else { continue }
                found += indicator.weight * value
                possible += indicator.weight
            }
            if possible > 0 { groups[group] = found / possible }
        }
        var total = 0.0
        var weights = 0.0
        for (group, score) in groups {
            let weight = groupWeights[group] ?? 1
            total += weight * score
            weights += weight
        }
        let index = weights > 0 ? total / weights : 0
        return (groups, index, LOSILevel(score: index))
    }
}

/// A problem with the audit's input, said so that a person can fix it.
public struct AuditError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
