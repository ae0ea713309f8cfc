import Foundation
import SanaripCore
import SanaripInstrument
import SanaripStatistics

/// A `--prop` condition: an expression of the instrument engine (the same XPath that relevance and
/// constraints use) evaluated on each row into a 0/1 column, NaN where a column it reads is missing.
///
/// Columns are named as `${col}` or plainly (`ell = 0`); `==` is accepted for `=`. A bare column name asks
/// for the share of each of its levels instead.
struct ProportionExpression {
    struct ParseError: Error, CustomStringConvertible {
        let description: String
    }

    let source: String
    let expression: SanaripCore.Expression
    /// Set when the expression is just a column name: the shares of its levels are wanted.
    let bareColumn: String?
    /// The columns the expression reads, in order of first use.
    let columns: [String]

    init(_ source: String) throws {
        self.source = source
        do {
            expression = Self.columnReferences(try ExpressionParser.parse(Self.xpath(source)))
        } catch {
            throw ParseError(description: "--prop '\(source)': \(error.description); write e.g. \"ell = 0\" or \"selected(${barriers}, 'cost')\"")
        }
        columns = expression.referencedNames
        if case .reference(let name) = expression { bareColumn = name } else { bareColumn = nil }
    }

    /// A plain name such as `ell` is a relative path in XPath; here it names a column, like `${ell}`.
    private static func columnReferences(_ expression: SanaripCore.Expression) -> SanaripCore.Expression {
        switch expression {
        case .path(let path) where path.start == .relative && path.steps.count == 1 && path.steps[0].axis == .child
            && path.steps[0].predicates.isEmpty:
            if case .name(let name) = path.steps[0].test { return .reference(name) }
            return expression
        case .negate(let inner): return .negate(columnReferences(inner))
        case .binary(let op, let left, let right): return .binary(op, columnReferences(left), columnReferences(right))
        case .function(let name, let arguments): return .function(name, arguments.map(columnReferences))
        case .filter(let base, let predicates): return .filter(columnReferences(base), predicates: predicates)
        case .number, .string, .reference, .path: return expression
        }
    }

    /// `==` becomes XPath's `=`, outside quoted text.
    private static func xpath(_ source: String) -> String {
        var result = ""
        var quote: Character?
        var characters = source[...]
        while let character = characters.popFirst() {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "=", characters.first == "=", result.last.map({ !"!<>=".contains($0) }) ?? true {
                characters.removeFirst()
            }
            result.append(character)
        }
        return result
    }

    /// 1 where the condition holds, 0 where it does not, NaN where a value it needs is missing.
    func evaluate(_ table: DataTable) throws -> [Double] {
        let used = try columns.map { try table.column($0) }
        var indicator = [Double](repeating: .nan, count: table.rowCount)
        for row in 0..<table.rowCount where !used.contains(where: { $0.isMissing(row) }) {
            let evaluator = ExpressionEvaluator(context: RowContext(columns: used, row: row))
            do {
                indicator[row] = try evaluator.evaluateBoolean(expression) ? 1 : 0
            } catch {
                throw ParseError(description: "--prop '\(source)' at data row \(row + 1): \(error)")
            }
        }
        return indicator
    }
}

/// One data row seen by the expression evaluator: a column's value as a number or as text.
private struct RowContext: EvaluationContext {
    let columns: [DataColumn]
    let row: Int

    func values(of name: String) -> [AnswerValue] {
        guard let column = columns.first(where: { $0.name == name }) else { return [] }
        if case .numeric(let values) = column.storage {
            return [values[row].isNaN ? .empty : .number(values[row])]
        }
        return [column.string(at: row).map(AnswerValue.text) ?? .empty]
    }
}
