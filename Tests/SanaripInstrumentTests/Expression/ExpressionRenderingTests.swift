import SanaripCore
import SanaripInstrument
import Testing

private typealias Tree = SanaripCore.Expression

/// Expressions as XLSForm authors write them: relevants, constraints, calculations, choice filters.
let expressionCorpus: [String] = [
    "${age} >= 15 and ${age} <= 100",
    "${consent} = 'yes'",
    "${consent} != 'no'",
    ". >= 0 and . <= 120",
    ". > 0",
    "string-length(.) = 10",
    "regex(., '^[0-9]{3}-[0-9]{4}$')",
    "regex(., \"^\\p{L}+$\")",
    "selected(${symptoms}, 'fever')",
    "selected(${symptoms}, 'fever') or selected(${symptoms}, 'cough')",
    "not(selected(${symptoms}, 'none')) or count-selected(.) = 1",
    "count-selected(${crops}) <= 3",
    "selected-at(${crops}, 0)",
    "${hh_size} * 2 + 1",
    "(${income} - ${expenses}) div ${hh_size}",
    "${a} - (${b} - ${c})",
    "${a} div (${b} * ${c})",
    "${total} mod 7",
    "-${x} + 5",
    "-(${x} + 5)",
    "round(${weight} div (${height} * ${height}) * 10000, 1)",
    "int(${age_months} div 12)",
    "if(${age} < 18, 'child', 'adult')",
    "if(${sex} = 'f', if(${age} >= 15, 'woman', 'girl'), 'male')",
    "coalesce(${nickname}, ${name})",
    "concat(${first_name}, ' ', ${last_name})",
    "concat('Kyrgyz: ', \"it's\")",
    "substr(${phone}, 0, 3)",
    "string-length(${comment}) > 0",
    "normalize-space(${name}) != ''",
    "translate(${code}, 'abc', 'ABC')",
    "contains(${notes}, 'urgent') and starts-with(${id}, 'KG-')",
    "today()",
    "format-date(today(), '%Y-%m-%d')",
    "format-date-time(now(), '%H:%M')",
    "decimal-date-time(${end}) - decimal-date-time(${start})",
    "(today() - ${dob}) div 365.25",
    ". <= today()",
    "date('2024-01-31') < today()",
    "once(uuid())",
    "concat('uuid:', uuid())",
    "uuid(8)",
    "position(..)",
    "count(${members})",
    "sum(${member_income})",
    "max(${member_age})",
    "min(${member_age}, 100)",
    "indexed-repeat(${member_name}, ${members}, 1)",
    "indexed-repeat(${visit_date}, ${households}, position(..), ${visits}, 1)",
    "count-non-empty(${phone_numbers})",
    "join(', ', ${member_name})",
    "jr:choice-name(${district}, '${district}')",
    "oblast=${oblast}",
    "oblast = ${oblast} and rayon = ${rayon}",
    "selected(${crops}, name)",
    "name != 'other' or ${show_other}",
    "instance('villages')/root/item[name = ${village}]/population",
    "instance('villages')/root/item[oblast = current()/../oblast]/label",
    "count(instance('villages')/root/item[oblast = ${oblast}])",
    "/data/section_a/age > 18",
    "../age + 1",
    "boolean-from-string(${flag})",
    "true() and not(false())",
    "pow(${radius}, 2) * pi()",
    "sqrt(${x} * ${x} + ${y} * ${y})",
    "abs(${a} - ${b}) < 0.001",
    "checklist(2, -1, ${q1} = 'yes', ${q2} = 'yes', ${q3} = 'yes')",
    "weighted-checklist(3, 10, ${q1} = 'yes', 2, ${q2} = 'yes', 5)",
    "${a} | ${b}",
    "(${a} | ${b})[1]",
    "${a} = ${b} = true()",
    "1 < 2 < 3",
    "-(-1)",
    "5 - -3",
    "0.5 * .25",
]

private func render(_ expression: Tree, as prefix: String = "/data/") -> String {
    expression.xpath { name, inPredicate in inPredicate ? "current()/../\(name)" : prefix + name }
}

@Suite struct ExpressionRenderingTests {
    @Test(arguments: expressionCorpus)
    func renderingRoundTrips(source: String) throws {
        let expression = try ExpressionParser.parse(source)
        let text = expression.xlsformText
        #expect(try ExpressionParser.parse(text) == expression, "\(source) → \(text)")
        #expect(text.count <= source.count + 8, "no needless parentheses: \(source) → \(text)")
    }

    @Test func corpusIsLargeEnough() {
        #expect(expressionCorpus.count >= 60)
    }

    @Test func resolvesReferencesToPaths() throws {
        let expression = try ExpressionParser.parse("${age} >= 15 and ${age} <= 100")
        #expect(render(expression) == "/data/age >= 15 and /data/age <= 100")
    }

    @Test func referencesInPredicatesAreFlagged() throws {
        let expression = try ExpressionParser.parse("instance('v')/root/item[oblast=${oblast} and ${x} > 1]/name = ${y}")
        #expect(
            render(expression)
                == "instance('v')/root/item[oblast = current()/../oblast and current()/../x > 1]/name = /data/y")
    }

    @Test func keepsNeededParenthesesOnly() throws {
        let cases: [(String, String)] = [
            ("(${a} - ${b}) div ${c}", "(/data/a - /data/b) div /data/c"),
            ("${a} - (${b} - ${c})", "/data/a - (/data/b - /data/c)"),
            ("(${a} - ${b}) - ${c}", "/data/a - /data/b - /data/c"),
            ("((${a}))", "/data/a"),
            ("(${a} or ${b}) and ${c}", "(/data/a or /data/b) and /data/c"),
            ("${a} or (${b} and ${c})", "/data/a or /data/b and /data/c"),
            ("-(${a} + 1)", "-(/data/a + 1)"),
            ("(-${a}) + 1", "-/data/a + 1"),
            ("(1 + 2) * 3", "(1 + 2) * 3"),
            ("1 + (2 * 3)", "1 + 2 * 3"),
            ("(1 = 2) = (3 = 4)", "1 = 2 = (3 = 4)"),
            ("((/data/x))[1]", "(/data/x)[1]"),
            ("(instance('a')/root/item)[2]/label", "(instance('a')/root/item)[2]/label"),
        ]
        for (source, expected) in cases {
            #expect(render(try ExpressionParser.parse(source)) == expected, "\(source)")
        }
    }

    @Test func reQuotesStrings() throws {
        #expect(try ExpressionParser.parse("\"plain\"").xlsformText == "'plain'")
        #expect(try ExpressionParser.parse("\"it's\"").xlsformText == "\"it's\"")
        #expect(Tree.string("say \"it's\"").xlsformText == "concat('say \"it', \"'\", 's\"')")
    }

    @Test func printsNumbersPlainly() throws {
        #expect(try ExpressionParser.parse("1.0 + 2.50 + .5 + 0100").xlsformText == "1 + 2.5 + 0.5 + 100")
        #expect(try ExpressionParser.parse("123456789012345678901234").xlsformText == "123456789012345690000000")
        #expect(try ExpressionParser.parse("0.0000001").xlsformText == "0.0000001")
    }

    @Test func abbreviatesSteps() throws {
        let cases = [
            "../x", ".", "..", "//item", "a//b", "@id", "/", "ancestor::group", "text()", "/data/*",
            "parent::node()[1]", "a/descendant-or-self::node()", "current()/../x",
        ]
        for source in cases {
            #expect(try ExpressionParser.parse(source).xlsformText == source)
        }
    }
}
