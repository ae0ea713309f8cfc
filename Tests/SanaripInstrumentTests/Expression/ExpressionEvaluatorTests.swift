import Foundation
import SanaripCore
import SanaripInstrument
import Testing

/// Shared fixtures of the expression tests.
enum ExpressionFixtures {
    /// 2024-01-31T11:20:00Z, which is 17:20 in Bishkek (UTC+6).
    static let now = Date(timeIntervalSince1970: 1_706_700_000)
    static let bishkek = TimeZone(secondsFromGMT: 6 * 3600)!
}

/// A context holding plain answers by name, for testing one function at a time.
struct FixedExpressionContext: EvaluationContext {
    var answers: [String: [AnswerValue]] = [:]
    var currentValue: AnswerValue?
    var position: Int?
    var labels: [String: [String: String]] = [:]
    var instances: [String: [[String: String]]] = [:]

    func values(of name: String) -> [AnswerValue] { answers[name] ?? [] }
    func choiceLabel(field: String, value: String) -> String? { labels[field]?[value] }
    func instanceItems(_ id: String) -> [[String: String]]? { instances[id] }
    var now: Date { ExpressionFixtures.now }
    var timeZone: TimeZone { ExpressionFixtures.bishkek }
    var formVersion: String { "2024013101" }
}

private let sampleContext = FixedExpressionContext(
    answers: [
        "empty": [.empty],
        "age": [.integer(34)],
        "zero": [.integer(0)],
        "text15": [.text("15")],
        "name": [.text("Aibek")],
        "ratio": [.number(0.5)],
        "symptoms": [.selections(["fever", "cough"])],
        "flag": [.boolean(true)],
        "dob": [.date("1990-05-17")],
        "visit": [.dateTime("2024-01-31T03:00:00.000Z")],
        "m": [.integer(1), .integer(5), .integer(9)],
        "incomes": [.number(100), .empty, .number(50.5)],
        "phones": [.text("0555"), .empty, .text("0777")],
        "district": [.text("chui")],
        "oblast": [.text("osh")],
        "geo": [.text("42.87 74.59 800 5")],
    ],
    currentValue: .text("hello world"),
    position: 2,
    labels: ["district": ["chui": "Chüy", "osh": "Osh"]],
    instances: [
        "villages": [
            ["name": "v1", "label": "Ak-Terek", "oblast": "osh", "population": "1200"],
            ["name": "v2", "label": "Kara-Suu", "oblast": "osh", "population": "800"],
            ["name": "v3", "label": "Tokmok", "oblast": "chui", "population": "5000"],
        ]
    ]
)

private func evaluate(_ source: String, in context: any EvaluationContext = sampleContext) throws -> ExpressionValue {
    try ExpressionEvaluator(context: context).evaluate(ExpressionParser.parse(source))
}

private func text(_ source: String, in context: any EvaluationContext = sampleContext) throws -> String {
    try ExpressionEvaluator(context: context).evaluateString(ExpressionParser.parse(source))
}

private func number(_ source: String, in context: any EvaluationContext = sampleContext) throws -> Double {
    try ExpressionEvaluator(context: context).evaluateNumber(ExpressionParser.parse(source))
}

private func truth(_ source: String, in context: any EvaluationContext = sampleContext) throws -> Bool {
    try ExpressionEvaluator(context: context).evaluateBoolean(ExpressionParser.parse(source))
}

private func evaluationError(_ source: String, in context: any EvaluationContext = sampleContext) -> EvaluationError? {
    do {
        _ = try ExpressionEvaluator(context: context).evaluate(ExpressionParser.parse(source))
        return nil
    } catch let error as EvaluationError {
        return error
    } catch {
        Issue.record("parse error: \(error)")
        return nil
    }
}

@Suite struct ExpressionEvaluatorArithmeticTests {
    @Test func operatorsAndPrecedence() throws {
        #expect(try number("1 + 2 * 3") == 7)
        #expect(try number("(1 + 2) * 3") == 9)
        #expect(try number("10 - 4 - 3") == 3)
        #expect(try number("7 div 2") == 3.5)
        #expect(try number("-7 mod 3") == -1)
        #expect(try number("7.5 mod 2") == 1.5)
        #expect(try number("-${age}") == -34)
        #expect(try text("0.1 + 0.2") == "0.30000000000000004")
        #expect(try text("1 div 3") == "0.3333333333333333")
        #expect(try text("2 * 3.0") == "6")
        #expect(try text("0 - 0") == "0")
    }

    @Test func divisionByZeroFollowsIEEE() throws {
        #expect(try number("1 div 0") == .infinity)
        #expect(try number("-1 div 0") == -.infinity)
        #expect(try number("0 div 0").isNaN)
        #expect(try number("5 mod 0").isNaN)
        #expect(try text("1 div 0") == "Infinity")
        #expect(try text("-1 div 0") == "-Infinity")
        #expect(try text("0 div 0") == "NaN")
        #expect(try truth("1 div 0 = 1 div 0"))
        #expect(try truth("0 div 0 = 0 div 0") == false)
    }

    @Test func emptyAnswersAreEmptyTextAndNaN() throws {
        #expect(try number("${empty} + 1").isNaN)
        #expect(try text("${empty}") == "")
        #expect(try truth("${empty} = ''"))
        #expect(try truth("${empty} != ''") == false)
        #expect(try truth("${empty}") == false)
        #expect(try truth("${empty} = 0") == false)
        #expect(try truth("${empty} < 1") == false)
        #expect(try text("if(${empty}, 'a', 'b')") == "b")
        #expect(try truth("${unknown} = ''"))
        #expect(try number("count(${unknown})") == 0)
    }

    @Test func stringsAndNumbersConvertAsInJavaRosa() throws {
        #expect(try truth("${text15} = 15"))
        #expect(try truth("${age} = '34'"))
        #expect(try truth("${age} = '34.0'"))
        #expect(try truth("'abc' < 5") == false)
        #expect(try truth("'10' > '9'"))
        #expect(try truth("'abc' = 'abc'"))
        #expect(try truth("'abc' = 'ABC'") == false)
        #expect(try truth("${zero}") == false)
        #expect(try truth("'0'"))
        #expect(try truth("true() = 'x'"))
        #expect(try truth("false() = ''"))
        #expect(try truth("1 = true()"))
        #expect(try truth("${flag} = 'true'"))
        #expect(try number("'1,5' + 1") == 2.5)
        #expect(try number("' 12 ' * 2") == 24)
        #expect(try number("'1e3' + 0").isNaN)
        #expect(try number("'12abc'").isNaN)
        #expect(try number("'-.5'") == -0.5)
        #expect(try number("true() + true()") == 2)
        #expect(try number("${ratio} * 4") == 2)
    }

    @Test func logicShortCircuits() throws {
        #expect(try truth("true() or (1 div 0 = foo)"))
        #expect(try truth("false() and ${m} + 1 = 2") == false)
        #expect(try truth("${age} >= 15 and ${age} <= 100"))
        #expect(try truth("${age} > 40 or ${name} = 'Aibek'"))
    }
}

@Suite struct ExpressionEvaluatorNodeSetTests {
    @Test func comparisonsWithSeveralAnswersAreExistential() throws {
        #expect(try truth("${m} = 5"))
        #expect(try truth("${m} != 5"))
        #expect(try truth("${m} = 4") == false)
        #expect(try truth("${m} > 8"))
        #expect(try truth("${m} > 9") == false)
        #expect(try truth("5 < ${m}"))
        #expect(try truth("${m} = ${incomes}") == false)
        #expect(try truth("${m} = true()"))
        #expect(throws: EvaluationError.self) { try truth("${m}") }
    }

    @Test func severalAnswersWhereOneIsNeededIsAnError() {
        #expect(
            evaluationError("${m} + 1")?.message
                == "'${m}' has 3 values here (it is in a repeat); use indexed-repeat(), sum(), count() or join() to pick or combine them"
        )
        #expect(evaluationError("string-length(${m})") != nil)
    }

    @Test func nodeSetResults() throws {
        #expect(try evaluate("${m}") == .nodeSet([.integer(1), .integer(5), .integer(9)]))
        #expect(try evaluate("${m} | ${age}") == .nodeSet([.integer(1), .integer(5), .integer(9), .integer(34)]))
        #expect(try evaluate("(${m})[2]") == .nodeSet([.integer(5)]))
        #expect(try evaluate("(${m})[. > 3]") == .nodeSet([.integer(5), .integer(9)]))
        #expect(try evaluate("(${m})[3]") == .nodeSet([.integer(9)]))
        #expect(try evaluate("(${m})[position() < 3]") == .nodeSet([.integer(1), .integer(5)]))
        #expect(evaluationError("1 | 2")?.message == "'|' needs a question or path such as ${name}, not '1'")
    }

    @Test func aggregates() throws {
        #expect(try number("count(${m})") == 3)
        #expect(try number("sum(${m})") == 15)
        #expect(try number("sum(${incomes})") == 150.5)
        #expect(try number("sum(${unknown})") == 0)
        #expect(try number("max(${m})") == 9)
        #expect(try number("min(${m})") == 1)
        #expect(try number("max(${incomes})") == 100)
        #expect(try number("min(${m}, -2, 'x')") == -2)
        #expect(try number("max(${empty})").isNaN)
        #expect(try number("count-non-empty(${phones})") == 2)
        #expect(try text("join(', ', ${m})") == "1, 5, 9")
        #expect(try text("join('-', 'a', ${age}, 'b')") == "a-34-b")
        #expect(try text("concat(${m})") == "159")
        #expect(evaluationError("count(5)")?.message == "count() needs a question or path such as ${name}, not '5'")
        #expect(evaluationError("sum('a')") != nil)
    }
}

@Suite struct ExpressionEvaluatorFunctionTests {
    @Test func selectMultiple() throws {
        #expect(try truth("selected(${symptoms}, 'fever')"))
        #expect(try truth("selected(${symptoms}, ' cough ')"))
        #expect(try truth("selected(${symptoms}, 'cou')") == false)
        #expect(try truth("selected(${empty}, 'fever')") == false)
        #expect(try truth("selected('a b', 'b')"))
        #expect(try number("count-selected(${symptoms})") == 2)
        #expect(try number("count-selected(${empty})") == 0)
        #expect(try text("selected-at(${symptoms}, 1)") == "cough")
        #expect(try text("selected-at(${symptoms}, 5)") == "")
        #expect(try text("selected-at(${symptoms}, -1)") == "")
        #expect(evaluationError("selected(${symptoms}, 1)")?.message == "the second argument of selected() must be in quotes, like '1'")
    }

    @Test func conditionals() throws {
        #expect(try text("if(${age} < 18, 'child', 'adult')") == "adult")
        #expect(try number("if(true(), 1, 1 div 0)") == 1)
        #expect(try text("if(false(), ${m} + 1, 'safe')") == "safe")
        #expect(try text("coalesce(${empty}, ${name})") == "Aibek")
        #expect(try text("coalesce(${name}, 'x')") == "Aibek")
        #expect(try number("coalesce(0 div 0, 7)") == 7)
        #expect(try number("coalesce(${age}, 0) + 1") == 35)
        #expect(try truth("not(${flag})") == false)
        #expect(try truth("true()") && !(try truth("false()")))
        #expect(try truth("boolean('false')"))
        #expect(try truth("boolean(0)") == false)
        #expect(try truth("boolean-from-string('TRUE')"))
        #expect(try truth("boolean-from-string('1')"))
        #expect(try truth("boolean-from-string('yes')") == false)
    }

    @Test func textFunctions() throws {
        #expect(try text("concat(${name}, ' (', ${age}, ')')") == "Aibek (34)")
        #expect(try text("substr('abcdef', 1, 3)") == "bc")
        #expect(try text("substr('abcdef', 2)") == "cdef")
        #expect(try text("substr('abcdef', -2)") == "ef")
        #expect(try text("substr('abcdef', 0, -1)") == "abcde")
        #expect(try text("substr('abc', 2, 1)") == "")
        #expect(try text("substr('abc', 10)") == "")
        #expect(try text("substr(${empty}, 0, 2)") == "")
        #expect(try number("string-length('Бишкек')") == 6)
        #expect(try number("string-length(${empty})") == 0)
        #expect(try number("string-length()") == 11)
        #expect(try text("normalize-space('  a \n  b  ')") == "a b")
        #expect(try text("translate('abcabc', 'abc', 'AB')") == "ABAB")
        #expect(try truth("contains(${name}, 'be')"))
        #expect(try truth("contains(${name}, '')"))
        #expect(try truth("starts-with(${name}, 'Ai') and ends-with(${name}, 'ek')"))
        #expect(try text("substring-before('2024-01-31', '-')") == "2024")
        #expect(try text("substring-after('2024-01-31', '-')") == "01-31")
        #expect(try text("substring-before('abc', 'x')") == "")
        #expect(try text("substring-after('abc', '')") == "abc")
        #expect(try text("string(1 div 4)") == "0.25")
        #expect(try text("string(${flag})") == "true")
    }

    @Test func regexMatchesTheWholeValue() throws {
        #expect(try truth("regex('abc', 'b')") == false)
        #expect(try truth("regex('abc', 'a.c')"))
        #expect(try truth("regex('ab', 'a|ab')"))
        #expect(try truth("regex('0555 123456', '^0[0-9]{3} [0-9]{6}$')"))
        #expect(try truth("regex(${name}, '[A-Z][a-z]+')"))
        #expect(try truth("regex('Бишкек', '\\p{L}+')"))
        #expect(try truth("regex(${empty}, '[0-9]*')"))
        #expect(evaluationError("regex('a', '(')")?.message == "'(' is not a valid regular expression")
    }

    @Test func numbers() throws {
        #expect(try number("int(3.7)") == 3)
        #expect(try number("int(-3.7)") == -3)
        #expect(try number("int('x')").isNaN)
        #expect(try number("int(1 div 0)") == .infinity)
        #expect(try number("round(2.5)") == 3)
        #expect(try number("round(-2.5)") == -2)
        #expect(try number("round(-2.6)") == -3)
        #expect(try number("round(2.675, 2)") == 2.68)
        #expect(try number("round(1.005, 2)") == 1.01)
        #expect(try number("round(9.999, 2)") == 10)
        #expect(try number("round(-1.235, 2)") == -1.23)
        #expect(try number("round(1234.5678, -2)") == 1200)
        #expect(try number("round(3.14159, 0)") == 3)
        #expect(try number("round(${empty})").isNaN)
        #expect(try number("round(1, 31)").isNaN)
        #expect(try number("number('  42 ')") == 42)
        #expect(try number("pow(2, 10)") == 1024)
        #expect(try number("log10(1000)") == 3)
        #expect(try number("log(1)") == 0)
        #expect(try number("abs(-2.5)") == 2.5)
        #expect(try number("sqrt(16)") == 4)
        #expect(try number("sqrt(-1)").isNaN)
        #expect(try number("exp(0)") == 1)
        #expect(try number("exp10(2)") == 100)
        #expect(try number("pi()") == Double.pi)
        #expect(abs(try number("atan2(1, 1)") - Double.pi / 4) < 1e-15)
        #expect(abs(try number("sin(pi() div 2)") - 1) < 1e-15)
        #expect(try number("cos(0) + tan(0) + asin(0) + acos(1) + atan(0)") == 1)
        let random = try number("random()")
        #expect(random >= 0 && random < 1)
    }

    @Test func checklists() throws {
        #expect(try truth("checklist(2, -1, true(), false(), true())"))
        #expect(try truth("checklist(-1, 1, true(), false(), true())") == false)
        #expect(try truth("checklist(1, 3, ${m})"))
        #expect(try truth("weighted-checklist(3, 10, true(), 2, false(), 5, true(), 1)"))
        #expect(try truth("weighted-checklist(4, 10, true(), 2, false(), 5, true(), 1)") == false)
    }

    @Test func identifiersAndContext() throws {
        let uuid = try text("uuid()")
        #expect(uuid.count == 36)
        #expect(uuid.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12])
        #expect(try text("uuid(8)").count == 8)
        #expect(try text("uuid(0)") == "")
        #expect(try text("once(concat('x', 'y'))") == "hello world")
        #expect(try text("once('new')", in: FixedExpressionContext(currentValue: .empty)) == "new")
        #expect(try text("once('new')", in: FixedExpressionContext()) == "new")
        #expect(try truth(". = 'hello world'"))
        #expect(try text("current()") == "hello world")
        #expect(try number("position(..)") == 2)
        #expect(try number("position()") == 2)
        #expect(try text("version()") == "2024013101")
        #expect(try text("base64-decode('SGVsbG8sINCc0LjRgCE=')") == "Hello, Мир!")
        #expect(try text("base64-decode('***')") == "")
        #expect(try text("jr:choice-name(${district}, '${district}')") == "Chüy")
        #expect(try text("jr:choice-name('osh', '/data/district')") == "Osh")
        #expect(try text("jr:choice-name('nope', '${district}')") == "")
        #expect(evaluationError("distance(${geo})")?.message == "'distance' can't be evaluated here; only ODK Collect can compute it")
        #expect(evaluationError("pulldata('f', 'a', 'b', 'c')") != nil)
    }

    @Test func randomizeWithSeedIsStable() throws {
        let first = try evaluate("randomize(${m}, 42)")
        #expect(try evaluate("randomize(${m}, 42)") == first)
        guard case .nodeSet(let shuffled) = first else {
            Issue.record("not a node-set")
            return
        }
        #expect(Set(shuffled) == [.integer(1), .integer(5), .integer(9)])
    }
}

@Suite struct ExpressionEvaluatorInstanceTests {
    @Test func choiceFiltersAndLookups() throws {
        #expect(try text("instance('villages')/root/item[name = 'v3']/label") == "Tokmok")
        #expect(try number("count(instance('villages')/root/item[oblast = ${oblast}])") == 2)
        #expect(try number("sum(instance('villages')/root/item[oblast = ${oblast}]/population)") == 2000)
        #expect(try text("instance('villages')/root/item[oblast = current()/../oblast][2]/label") == "Kara-Suu")
        #expect(try text("instance('villages')/root/item[population > 1000 and oblast = 'osh']/name") == "v1")
        #expect(try text("(instance('villages')/root/item)[count(instance('villages')/root/item)]/name") == "v3")
        #expect(try number("count(instance('villages')//label)") == 3)
        #expect(try text("instance('villages')/root/item[name = 'zz']/label") == "")
        #expect(evaluationError("instance('missing')/root/item")?.message == "no data for instance('missing')")
    }

    @Test func mainInstancePathsReadQuestionsByName() throws {
        #expect(try number("/data/section_a/age + 1") == 35)
        #expect(try number("../age") == 34)
        #expect(try truth("//age = 34"))
        #expect(try text("current()/../name") == "Aibek")
    }
}

@Suite struct ExpressionEvaluatorDateTests {
    @Test func clock() throws {
        #expect(try text("today()") == "2024-01-31")
        #expect(try text("now()") == "2024-01-31T17:20:00.000+06:00")
        #expect(try number("today()") == 19753)
        #expect(try evaluate("today()") == .date(CivilDateTime(year: 2024, month: 1, day: 31)))
    }

    @Test func dateConstruction() throws {
        #expect(try text("date('2024-01-31')") == "2024-01-31")
        #expect(try text("date(19753)") == "2024-01-31")
        #expect(try text("date(0)") == "1970-01-01")
        #expect(try text("date(-1)") == "1969-12-31")
        #expect(try text("date('2024-01-31T23:30:00Z')") == "2024-02-01")
        #expect(try text("date('')") == "")
        #expect(try text("date-time('2024-01-31T10:00:00+06:00')") == "2024-01-31T10:00:00.000+06:00")
        #expect(try text("date-time(19753.5)") == "2024-01-31T18:00:00.000+06:00")
        #expect(try number("date('2024-03-01') - date('2024-02-01')") == 29)
        #expect(try number("today() - date('2024-01-01')") == 30)
        #expect(evaluationError("date('31.01.2024')")?.message == "'31.01.2024' can't be converted to a date")
        #expect(evaluationError("date(1 div 0)")?.message == "the value Infinity is out of range for a date")
    }

    @Test func dateComparisons() throws {
        #expect(try truth("${dob} < today()"))
        #expect(try truth("${dob} = '1990-05-17'"))
        #expect(try truth("${dob} = date('1990-05-17')"))
        #expect(try number("int((today() - ${dob}) div 365.25)") == 33)
        #expect(try truth("${visit} <= now()"))
        #expect(try text("${visit}") == "2024-01-31T09:00:00.000+06:00")
        #expect(try truth("${dob} < '2000-01-01'") == false)
    }

    @Test func formatting() throws {
        #expect(try text("format-date('2024-01-05', '%Y/%m/%d %e %n %y %b %a')") == "2024/01/05 5 1 24 Jan Fri")
        #expect(try text("format-date-time(now(), '%H:%M:%S.%3 %h%%')") == "17:20:00.000 17%")
        #expect(try text("format-date(${dob}, '%d.%m.%Y')") == "17.05.1990")
        #expect(try text("format-date(${empty}, '%Y')") == "")
        #expect(try text("format-date(0 div 0, '%Y')") == "")
        #expect(try text("format-date(19753, '%Y-%m-%d')") == "2024-01-31")
        #expect(evaluationError("format-date(today(), '%Q')")?.message == "unknown date format code '%Q' in '%Q'")
        #expect(evaluationError("format-date(today(), 'x%')")?.message == "the date format 'x%' ends with '%'")
    }

    @Test func decimalDates() throws {
        #expect(try number("decimal-date-time('2024-01-31T12:00:00.000+06:00')") == 19753.25)
        #expect(try number("decimal-date-time(now())") == 1_706_700_000.0 / 86_400)
        #expect(try number("decimal-date-time(19753.5)") == 19753.5)
        #expect(try text("decimal-date-time('')") == "")
        #expect(try number("decimal-time('12:00:00.000+06:00')") == 0.5)
        #expect(try number("decimal-time('06:00:00.000Z')") == 0.5)
        #expect(try number("decimal-time('01:00:00.000-05:00')") == 0.5)
        #expect(try number("decimal-time('2024-01-31T18:00:00.000+06:00')") == 0.75)
        #expect(try number("decimal-time(2.75)") == 0.75)
        #expect(try number("decimal-time(now())") == (17.0 * 3600 + 20 * 60) / 86_400)
    }
}

@Suite struct ExpressionEvaluatorRobustnessTests {
    @Test func corpusEvaluatesOrFailsCleanly() throws {
        for source in expressionCorpus {
            let expression = try ExpressionParser.parse(source)
            do {
                _ = try ExpressionEvaluator(context: sampleContext).evaluate(expression)
            } catch {
                #expect(!error.message.isEmpty)
            }
        }
    }

    @Test func deepestAcceptedTreesEvaluateAndRender() throws {
        let chain = (0..<250).map { _ in "1" }.joined(separator: " + ")
        let expression = try ExpressionParser.parse(chain)
        #expect(try ExpressionEvaluator(context: sampleContext).evaluateNumber(expression) == 250)
        #expect(try ExpressionParser.parse(expression.xlsformText) == expression)
        let nested = String(repeating: "-(", count: 30) + "1" + String(repeating: ")", count: 30)
        #expect(try number(nested) == 1)
    }
}
