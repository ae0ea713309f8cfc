import Foundation
import SanaripCore
import SanaripInstrument
import SanaripStatistics
import Testing
@testable import SanaripAnalysis

/// The compiled indicators (``IndicatorProgram``, through ``IndicatorValues``) against the expression engine
/// evaluating every indicator's expression on every row, with the row's answers looked up by name — the way
/// indicators were evaluated before they were compiled.
@Suite("Indicator values")
struct IndicatorValuesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The study's indicators on generated answers: text and numeric columns, empty cells, odd values.
    @Test func studyIndicatorsEqualTheEngineRowByRow() throws {
        let folder = Self.root.appendingPathComponent("instruments/digital-divide-kg")
        let instrument = XLSFormReader().read(contentsOf: folder).instrument
        let set = try IndicatorFileReader(instrument: instrument).read(contentsOf: folder.appendingPathComponent("indicators.csv"))
        #expect(set.indicators.count > 100)
        // Each column gets the texts the indicators compare it with, combinations of them (multiple choices) and others.
        var candidates: [String: Set<String>] = [:]
        for indicator in set.indicators {
            var literals: Set<String> = []
            var names: [String] = []
            for expression in [indicator.expression] + (indicator.base.map { [$0] } ?? []) {
                expression.visit { part in
                    if case .string(let text) = part { literals.insert(text) }
                }
                names += expression.referencedNames
            }
            for name in names where set[name] == nil { candidates[name, default: []].formUnion(literals) }
        }
        let extras = ["", "", "", "no", "yes", "1", "2", "3", "5", "14", "28", "29", "44", "45", "57", "58", "27.5", "-3", "abc", " yes", "1,5", "dont_know"]
        var generator = SeededGenerator(seed: 2026)
        let rows = 1_000
        var textColumns: [DataColumn] = []
        var numericColumns: [DataColumn] = []
        for name in candidates.keys.sorted() {
            let pool = Array(candidates[name, default: []]).sorted() + extras
            let texts = (0..<rows).map { _ -> String? in
                let first = pool[Int.random(in: 0..<pool.count, using: &generator)]
                guard Int.random(in: 0..<4, using: &generator) == 0 else { return first.isEmpty ? nil : first }
                let second = pool[Int.random(in: 0..<pool.count, using: &generator)]
                return first + " " + second
            }
            textColumns.append(DataColumn(name: name, strings: texts))
            // The same column as numbers where a numeric column can stand (as a CSV of numbers is read).
            let numbers = (0..<rows).map { _ -> Double in
                switch Int.random(in: 0..<6, using: &generator) {
                case 0: .nan
                case 1: Double(Int.random(in: -2...9, using: &generator))
                case 2: Double(Int.random(in: 10...90, using: &generator)) + 0.5
                default: Double(Int.random(in: 10...90, using: &generator))
                }
            }
            numericColumns.append(DataColumn(name: name, numbers: numbers))
        }
        let mixed = zip(textColumns, numericColumns).enumerated().map { $0.offset % 3 == 0 ? $0.element.1 : $0.element.0 }
        for columns in [textColumns, numericColumns, mixed] {
            let table = DataTable(columns: columns, origin: DataOrigin(file: "generated.csv"))
            let compiled = try IndicatorValues.evaluate(set, instrument: instrument, table: table)
            let reference = try Self.engineValues(set, table: table)
            try #require(compiled.count == rows)
            #expect(compiled == reference)
            // The answers reach the conditions: in the text data, nearly every condition is 1 somewhere and 0 elsewhere.
            if columns.allSatisfy({ !$0.isNumeric }) {
                let conditions = set.indicators.indices.filter { set.indicators[$0].kind == .proportion }
                let varying = conditions.filter { position in
                    let seen = Set(compiled.map { $0[position] })
                    return seen.contains(.number(1)) && seen.contains(.number(0))
                }
                #expect(varying.count * 10 >= conditions.count * 9, "\(varying.count) of \(conditions.count) conditions vary")
            }
        }
    }

    /// Parts the program leaves to the engine (paths, `|`, functions of several answers), references to later
    /// indicators and to itself, constants, and errors on some rows only: the same values, and the same first error.
    @Test func enginePartsOrderAndErrorsEqualTheEngine() throws {
        let definitions: [(String, Indicator.Kind, String, String?)] = [
            ("group", .category, "if(${age} <= 28, 'young', if(${age} > 57, 'old', ''))", "${age} != ''"),
            ("both", .proportion, "${a} = ${b}", nil),
            ("either", .proportion, "selected(concat(${a}, ' ', ${b}), 'x')", "${a} != '' or ${b} != ''"),
            ("union", .proportion, "(${a} | ${b}) = 'x'", nil),
            ("path", .mean, "/data/age + 1", nil),
            ("first", .category, "coalesce(${a}, ${b})", nil),
            ("later", .category, "concat(${group}, ${later}, ${after}, 'z')", nil),
            ("score", .mean, "(if(${a} = 'x', 1, 0) + if(${b} = 'y', 2, 0) + ${age} * 0) div count-selected(${a})", nil),
            ("young_x", .proportion, "${group} = 'young' and not(${both})", "${group} != ''"),
            ("branch", .category, "if(${group} = 'young', ${a}, ${b})", nil),
            ("constant", .mean, "2 * 3 - -1", "1 < 2"),
            ("blank", .proportion, "${nothing} = ''", nil),
            ("ratio", .mean, "${age} div (${age} - 30) mod 7", nil),
            ("after", .category, "${a}", nil),
        ]
        let indicators = try definitions.enumerated().map { line, definition in
            Indicator(name: definition.0, kind: definition.1, source: definition.2, expression: try ExpressionParser.parse(definition.2),
                      base: try definition.3.map(ExpressionParser.parse), baseSource: definition.3, line: line + 2)
        }
        let set = IndicatorSet(indicators: indicators, languages: [])
        var generator = SeededGenerator(seed: 7)
        let values = ["", "x", "y", "x y", "1", "young", "1.5"]
        let rows = 400
        let a = (0..<rows).map { _ in values[Int.random(in: 0..<values.count, using: &generator)] }
        let b = (0..<rows).map { _ in values[Int.random(in: 0..<values.count, using: &generator)] }
        let age = (0..<rows).map { _ in Int.random(in: 0..<8, using: &generator) == 0 ? Double.nan : Double(Int.random(in: 14...80, using: &generator)) }
        let table = DataTable(columns: [
            DataColumn(name: "a", strings: a.map { $0.isEmpty ? nil : $0 }),
            DataColumn(name: "b", strings: b.map { $0.isEmpty ? nil : $0 }),
            DataColumn(name: "age", numbers: age),
            DataColumn(name: "nothing", strings: a.map { $0 }),
        ], origin: DataOrigin(file: "tricky.csv"))
        let compiled = try IndicatorValues.evaluate(set, instrument: nil, table: table)
        #expect(compiled == (try Self.engineValues(set, table: table)))
        #expect(Set(compiled.map { $0[0] }).count == 3)

        // A condition that fails only where it is reached: `selected` with an unquoted number, behind an `and`.
        let failing = set.indicators + [Indicator(
            name: "bad", kind: .proportion, source: "", expression: try ExpressionParser.parse("${a} = 'young' and selected(${b}, 3)"), line: 40)]
        let failingSet = IndicatorSet(indicators: failing, languages: [])
        let firstRow = try #require(a.firstIndex(of: "young"))
        var expected = ""
        do { _ = try Self.engineValues(failingSet, table: table) } catch { expected = "\(error)" }
        #expect(expected.contains("row \(firstRow + 2): indicator 'bad' (indicator file line 40)"), "\(expected)")
        #expect(throws: AnalysisError.self) { try IndicatorValues.evaluate(failingSet, instrument: nil, table: table) }
        do {
            _ = try IndicatorValues.evaluate(failingSet, instrument: nil, table: table)
        } catch {
            #expect("\(error)" == "tricky.csv, " + expected, "\(error)")
        }
    }

    /// Every indicator on every row by the expression engine, answers looked up by name per row.
    static func engineValues(_ set: IndicatorSet, table: DataTable) throws -> [[IndicatorEvaluator.Value]] {
        let names = Set(set.indicators.map(\.name))
        return try (0..<table.rowCount).map { record in
            var context = NamedRow(computed: [:])
            for column in table.columns where !names.contains(column.name) {
                context.answers[column.name] = column.string(at: record) ?? ""
            }
            var values: [IndicatorEvaluator.Value] = []
            for indicator in set.indicators {
                let evaluator = ExpressionEvaluator(context: context)
                let value: IndicatorEvaluator.Value
                do {
                    if let base = indicator.base, try !evaluator.evaluateBoolean(base) {
                        value = .missing
                    } else {
                        switch indicator.kind {
                        case .proportion:
                            value = .number(try evaluator.evaluateBoolean(indicator.expression) ? 1 : 0)
                        case .mean:
                            let number = try evaluator.evaluateNumber(indicator.expression)
                            value = number.isFinite ? .number(number) : .missing
                        case .category:
                            let text = try evaluator.evaluateString(indicator.expression)
                            value = text.isEmpty ? .missing : .category(text)
                        }
                    }
                } catch {
                    throw AnalysisError("row \(table.origin.row(record)): indicator '\(indicator.name)' (indicator file line \(indicator.line)) cannot be evaluated: \(error)")
                }
                if context.computed[indicator.name] == nil { context.computed[indicator.name] = value }
                values.append(value)
            }
            return values
        }
    }

    /// One row's answers by question name and the indicators computed so far by name.
    struct NamedRow: EvaluationContext {
        var answers: [String: String] = [:]
        var computed: [String: IndicatorEvaluator.Value]

        func values(of name: String) -> [AnswerValue] {
            if let value = computed[name] {
                switch value {
                case .missing: return [.empty]
                case .number(let number): return [.number(number)]
                case .category(let text): return [.text(text)]
                }
            }
            let text = answers[name] ?? ""
            return [text.isEmpty ? .empty : .text(text)]
        }
    }
}
