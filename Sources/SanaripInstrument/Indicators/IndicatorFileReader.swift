import Foundation
import SanaripCore

/// Reads an indicator file (`indicators.csv` beside an instrument) and checks it, against the instrument when
/// one is given.
///
/// The file is UTF-8 CSV with a header line and the columns `name`, `kind` (`proportion`, `mean` or
/// `category`), `expression`, and optionally `base`, `label` or `label::Language (code)` per language,
/// `group` and `framework`. Lines starting with `#` are comments, so the rules behind each definition can be
/// written down next to it with their sources.
public struct IndicatorFileReader: Sendable {
    /// The instrument whose answers the expressions read; nil skips the check of `${name}` references.
    public var instrument: Instrument?

    public init(instrument: Instrument? = nil) {
        self.instrument = instrument
    }

    /// Reads the file at `url`.
    public func read(contentsOf url: URL) throws(IndicatorFileError) -> IndicatorSet {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw IndicatorFileError([XLSFormDiagnostic(.error, file: url.path, message: "cannot read the indicator file as UTF-8 text", fix: "check the path; save the file as CSV UTF-8")])
        }
        return try read(text: text, file: url.path)
    }

    /// Reads indicator definitions from `text`; `file` names it in messages.
    public func read(text: String, file: String) throws(IndicatorFileError) -> IndicatorSet {
        var problems: [XLSFormDiagnostic] = []
        func problem(_ line: Int?, _ column: String?, _ message: String, fix: String? = nil) {
            problems.append(XLSFormDiagnostic(.error, file: file, sheet: nil, row: line, column: column, message: message, fix: fix))
        }
        let records: [(line: Int, fields: [String])]
        do {
            records = try CSVCodec().numberedRecords(in: Self.blankingComments(text)).filter { !$0.fields.allSatisfy { $0.trimmingSpaces().isEmpty } }
        } catch {
            throw IndicatorFileError([XLSFormDiagnostic(.error, file: file, row: error.line, message: error.message, fix: "close the quoted field")])
        }
        guard let header = records.first else {
            throw IndicatorFileError([XLSFormDiagnostic(.error, file: file, message: "the indicator file has no header line", fix: "start with: name,kind,expression,base,label::English (en),group,framework")])
        }
        let columns = header.fields.map { $0.trimmingSpaces() }
        func index(_ name: String) -> Int? { columns.firstIndex { $0.lowercased() == name } }
        for required in ["name", "kind", "expression"] where index(required) == nil {
            problem(header.line, required, "the column '\(required)' is missing", fix: "add a '\(required)' column to the header line")
        }
        var labelColumns: [(index: Int, language: Language)] = []
        for (position, column) in columns.enumerated() {
            let lower = column.lowercased()
            if lower == "label" { labelColumns.append((position, Language(name: Language.defaultName))) }
            else if lower.hasPrefix("label::") { labelColumns.append((position, Language(name: String(column.dropFirst(7)).trimmingSpaces()))) }
        }
        guard problems.isEmpty, let nameIndex = index("name"), let kindIndex = index("kind"), let expressionIndex = index("expression") else {
            throw IndicatorFileError(problems)
        }
        let baseIndex = index("base"), groupIndex = index("group"), frameworkIndex = index("framework")
        let questions = QuestionNames(instrument)

        var indicators: [Indicator] = []
        var defined: [String: Int] = [:]
        for record in records.dropFirst() {
            func cell(_ position: Int?) -> String {
                guard let position, position < record.fields.count else { return "" }
                return record.fields[position].trimmingSpaces()
            }
            func cell(_ position: Int, in other: (line: Int, fields: [String])) -> String {
                position < other.fields.count ? other.fields[position].trimmingSpaces() : ""
            }
            let line = record.line
            let name = cell(nameIndex)
            guard Self.isName(name) else {
                problem(line, "name", name.isEmpty ? "the indicator has no name" : "'\(name)' is not a valid name",
                        fix: "use letters, digits and _ , starting with a letter, e.g. itu_basic_skills")
                continue
            }
            if let earlier = defined[name] {
                problem(line, "name", "'\(name)' is already defined on line \(earlier)", fix: "give each indicator its own name")
                continue
            }
            if questions.contains(name) {
                problem(line, "name", "'\(name)' is also a question of the instrument", fix: "choose a name the questionnaire does not use")
            }
            guard let kind = Indicator.Kind(rawValue: cell(kindIndex).lowercased()) else {
                problem(line, "kind", "'\(cell(kindIndex))' is not a kind of indicator", fix: "write proportion, mean or category")
                continue
            }
            func parse(_ position: Int?, _ column: String) -> SanaripCore.Expression? {
                let source = cell(position)
                guard !source.isEmpty else { return nil }
                do {
                    let expression = try ExpressionParser.parse(source)
                    for reference in expression.referencedNames where defined[reference] == nil {
                        let later = !questions.contains(reference) && records.contains { $0.line > line && cell(nameIndex, in: $0) == reference }
                        if let message = questions.problem(with: reference, laterIndicator: later) {
                            problem(line, column, message.text, fix: message.fix)
                        }
                    }
                    return expression
                } catch {
                    problem(line, column, "\(error)", fix: "correct the expression; it uses the same syntax as relevant and constraint")
                    return nil
                }
            }
            guard let expression = parse(expressionIndex, "expression") else {
                if cell(expressionIndex).isEmpty { problem(line, "expression", "'\(name)' has no expression", fix: "write what it counts, e.g. ${used_internet} = 'yes'") }
                continue
            }
            let base = parse(baseIndex, "base")
            var labels = LocalizedText()
            for column in labelColumns where !cell(column.index).isEmpty { labels[column.language.name] = cell(column.index) }
            defined[name] = line
            indicators.append(Indicator(
                name: name, kind: kind, source: cell(expressionIndex), expression: expression, base: base,
                baseSource: base == nil ? nil : cell(baseIndex), labels: labels, group: cell(groupIndex),
                framework: cell(frameworkIndex), line: line
            ))
        }
        guard problems.isEmpty else { throw IndicatorFileError(problems) }
        return IndicatorSet(indicators: indicators, languages: labelColumns.map(\.language))
    }

    /// The text with every comment line (first non-blank character `#`, outside a quoted field) made empty,
    /// so line numbers still point into the file.
    static func blankingComments(_ text: String) -> String {
        var lines: [Substring] = []
        var quoted = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if !quoted, line.trimmingSpaces().hasPrefix("#") {
                lines.append("")
                continue
            }
            lines.append(line)
            for character in line.utf8 where character == UInt8(ascii: "\"") { quoted.toggle() }
        }
        return lines.joined(separator: "\n")
    }

    static func isName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.properties.isAlphabetic else { return false }
        return text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" }
    }
}

/// The questions an indicator may read: every question outside repeats (a respondent-level data set has one
/// value per question).
private struct QuestionNames {
    let names: Set<String>
    let repeated: [String: String]
    let checks: Bool

    init(_ instrument: Instrument?) {
        checks = instrument != nil
        var names = Set<String>(), repeated: [String: String] = [:]
        for located in instrument?.walk() ?? [] {
            guard case .question = located.element else { continue }
            if let repeatPath = located.enclosingRepeatPath { repeated[located.element.name] = repeatPath.last } else { names.insert(located.element.name) }
        }
        self.names = names
        self.repeated = repeated
    }

    func contains(_ name: String) -> Bool { names.contains(name) || repeated[name] != nil }

    func problem(with reference: String, laterIndicator: Bool) -> (text: String, fix: String)? {
        if laterIndicator {
            return ("${\(reference)} is an indicator defined further down", "move '\(reference)' above the indicators that use it")
        }
        guard checks, !names.contains(reference) else { return nil }
        if let group = repeated[reference] {
            return ("${\(reference)} is asked inside the repeat '\(group)', once per \(group), not once per respondent",
                    "define the indicator on a question outside the repeat (e.g. a count asked before it)")
        }
        return ("${\(reference)} is not a question of the instrument nor an indicator above", "check the spelling against survey.csv")
    }
}

/// Every problem found in an indicator file, each with its line and column.
public struct IndicatorFileError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [XLSFormDiagnostic]

    public init(_ diagnostics: [XLSFormDiagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
