import SanaripCore
import Testing

@testable import SanaripInstrument

private typealias Tree = SanaripCore.Expression

private func parse(_ source: String) throws -> Tree {
    try ExpressionParser.parse(source)
}

private func parseError(_ source: String) -> ExpressionError? {
    do {
        _ = try ExpressionParser.parse(source)
        return nil
    } catch {
        return error
    }
}

private func ref(_ name: String) -> Tree { .reference(name) }
private func relative(_ steps: Tree.Step...) -> Tree {
    .path(Tree.LocationPath(start: .relative, steps: steps))
}
private func absolute(_ names: String...) -> Tree {
    .path(Tree.LocationPath(start: .root, steps: names.map { .child($0) }))
}

@Suite struct ExpressionParserPrecedenceTests {
    @Test func multiplicationBindsTighterThanAddition() throws {
        #expect(try parse("1 + 2 * 3") == .binary(.add, .number(1), .binary(.multiply, .number(2), .number(3))))
        #expect(try parse("(1 + 2) * 3") == .binary(.multiply, .binary(.add, .number(1), .number(2)), .number(3)))
    }

    @Test func andBindsTighterThanOr() throws {
        let expected = Tree.binary(.or, relative(.child("a")), .binary(.and, relative(.child("b")), relative(.child("c"))))
        #expect(try parse("a or b and c") == expected)
    }

    @Test func sameLevelOperatorsAssociateLeft() throws {
        #expect(try parse("10 - 4 - 3") == .binary(.subtract, .binary(.subtract, .number(10), .number(4)), .number(3)))
        #expect(try parse("8 div 4 div 2") == .binary(.divide, .binary(.divide, .number(8), .number(4)), .number(2)))
        #expect(try parse("7 mod 4 * 2") == .binary(.multiply, .binary(.modulo, .number(7), .number(4)), .number(2)))
    }

    @Test func comparisonChainsAssociateLeftAndSitBelowArithmetic() throws {
        #expect(try parse("1 < 2 < 3") == .binary(.less, .binary(.less, .number(1), .number(2)), .number(3)))
        #expect(
            try parse("${a} + 1 >= ${b} = true()")
                == .binary(
                    .equal, .binary(.greaterOrEqual, .binary(.add, ref("a"), .number(1)), ref("b")),
                    .function("true", [])))
        #expect(try parse("1 != 2 = 3") == .binary(.equal, .binary(.notEqual, .number(1), .number(2)), .number(3)))
    }

    @Test func unaryMinus() throws {
        #expect(try parse("-1") == .negate(.number(1)))
        #expect(try parse("- - ${x}") == .negate(.negate(ref("x"))))
        #expect(try parse("2 - -3") == .binary(.subtract, .number(2), .negate(.number(3))))
        #expect(try parse("-2 * 3") == .binary(.multiply, .negate(.number(2)), .number(3)))
        #expect(try parse("-${a} | ${b}") == .negate(.binary(.union, ref("a"), ref("b"))))
    }

    @Test func keywordsAreOperatorsOnlyInOperatorPosition() throws {
        #expect(try parse("div div div") == .binary(.divide, relative(.child("div")), relative(.child("div"))))
        #expect(try parse("and and or") == .binary(.and, relative(.child("and")), relative(.child("or"))))
        #expect(try parse("${a}mod 2") == .binary(.modulo, ref("a"), .number(2)))
        #expect(try parse("/data/div") == absolute("data", "div"))
    }

    @Test func starIsMultiplyOnlyAfterAnOperand() throws {
        #expect(try parse("2*3") == .binary(.multiply, .number(2), .number(3)))
        #expect(try parse("* * *") == .binary(.multiply, relative(.child("*")), relative(.child("*"))))
        #expect(try parse("/data/*") == .path(Tree.LocationPath(start: .root, steps: [.child("data"), .child("*")])))
    }

    @Test func whitespaceAndNewlinesAreIgnored() throws {
        #expect(try parse("\n  ${a}\t+\r\n 1 \n") == .binary(.add, ref("a"), .number(1)))
    }

    @Test func numbers() throws {
        #expect(try parse("15") == .number(15))
        #expect(try parse(".5") == .number(0.5))
        #expect(try parse("2.") == .number(2))
        #expect(try parse("0.25") == .number(0.25))
    }

    @Test func strings() throws {
        #expect(parseError("'it''s'") == ExpressionError(message: "unexpected ''s''", offset: 4, length: 3))
        #expect(try parse("\"it's\"") == .string("it's"))
        #expect(try parse("'say \"hi\"'") == .string("say \"hi\""))
        #expect(try parse("''") == .string(""))
    }
}

@Suite struct ExpressionParserStructureTests {
    @Test func references() throws {
        #expect(try parse("${age}") == ref("age"))
        #expect(try parse("${ age }") == ref("age"))
        #expect(try parse("${имя_1}") == ref("имя_1"))
        #expect(try parse("${last-saved#village}") == ref("last-saved#village"))
        let e = try parse("${a} + ${b} * ${a} - count(${c})")
        #expect(e.referencedNames == ["a", "b", "c"])
        #expect(e.functionNames == ["count"])
    }

    @Test func absoluteAndRelativePaths() throws {
        #expect(try parse("/data/age") == absolute("data", "age"))
        #expect(try parse("/") == .path(Tree.LocationPath(start: .root, steps: [])))
        #expect(try parse(".") == relative(.current))
        #expect(try parse("..") == relative(.parent))
        #expect(try parse("../x") == relative(.parent, .child("x")))
        #expect(try parse("../../grp/x") == relative(.parent, .parent, .child("grp"), .child("x")))
        #expect(try parse("@id") == relative(Tree.Step(axis: .attribute, test: .name("id"))))
        #expect(try parse("//item") == .path(Tree.LocationPath(start: .root, steps: [.descendantOrSelf, .child("item")])))
        #expect(try parse("a//b") == relative(.child("a"), .descendantOrSelf, .child("b")))
        #expect(try parse("ancestor::group") == relative(Tree.Step(axis: .ancestor, test: .name("group"))))
        #expect(try parse("text()") == relative(Tree.Step(test: .text)))
        #expect(try parse("/h:html/h:head") == absolute("h:html", "h:head"))
        #expect(try parse("odk:*") == relative(.child("odk:*")))
    }

    @Test func instancePathWithPredicate() throws {
        let expected = Tree.path(
            Tree.LocationPath(
                start: .expression(.function("instance", [.string("crops")])),
                steps: [
                    .child("root"),
                    .child("item", predicates: [.binary(.equal, relative(.child("name")), .string("x"))]),
                    .child("label"),
                ]))
        #expect(try parse("instance('crops')/root/item[name = 'x']/label") == expected)
    }

    @Test func currentPathsAndPredicatesWithReferences() throws {
        let e = try parse("instance('v')/root/item[oblast = current()/../oblast and ${d} != '']")
        guard case .path(let path) = e else {
            Issue.record("not a path: \(e)")
            return
        }
        #expect(path.steps.count == 2)
        #expect(
            path.steps[1].predicates == [
                .binary(
                    .and,
                    .binary(
                        .equal, relative(.child("oblast")),
                        .path(
                            Tree.LocationPath(
                                start: .expression(.function("current", [])), steps: [.parent, .child("oblast")]))),
                    .binary(.notEqual, ref("d"), .string(""))),
            ])
        #expect(e.referencedNames == ["d"])
        #expect(e.functionNames == ["instance", "current"])
    }

    @Test func filterExpressions() throws {
        #expect(try parse("(${a} | ${b})[1]") == .filter(.binary(.union, ref("a"), ref("b")), predicates: [.number(1)]))
        #expect(try parse("${rep}[position() = 2]") == .filter(ref("rep"), predicates: [.binary(.equal, .function("position", []), .number(2))]))
        #expect(try parse("item[1][2]") == relative(.child("item", predicates: [.number(1), .number(2)])))
    }

    @Test func prefixedFunctionsAndCalls() throws {
        #expect(try parse("jr:choice-name(${c}, '${c}')") == .function("jr:choice-name", [ref("c"), .string("${c}")]))
        #expect(try parse("concat ( 'a' , 'b' )") == .function("concat", [.string("a"), .string("b")]))
        #expect(try parse("today()") == .function("today", []))
        #expect(try parse("indexed-repeat(${x}, ${r}, 1, ${s}, 2)").functionNames == ["indexed-repeat"])
    }
}

@Suite struct ExpressionParserErrorTests {
    @Test func unexpectedCloseParenthesis() {
        let error = parseError("${age} > 5) and 1")
        #expect(error == ExpressionError(message: "unexpected ')'", offset: 10, length: 1))
    }

    @Test func descriptionsGiveThePositionFromOne() {
        #expect(parseError("${age} > 5) and 1")?.description == "unexpected ')' at position 11")
        #expect(parseError("!${a}")?.description == "unexpected '!' at position 1; use not(…) or '!='")
        #expect(parseError("1 + foo(2)")?.description == "unknown function 'foo' at position 5")
        #expect(parseError("1 +")?.description == "unexpected end of expression at position 4")
    }

    @Test func unexpectedEnd() {
        #expect(parseError("1 +") == ExpressionError(message: "unexpected end of expression", offset: 3, length: 0))
        #expect(parseError("") == ExpressionError(message: "empty expression", offset: 0, length: 0))
        #expect(parseError("   ") == ExpressionError(message: "empty expression", offset: 0, length: 0))
    }

    @Test func missingClosingBrackets() {
        #expect(parseError("concat('a', 'b'") == ExpressionError(message: "missing ')' for '('", offset: 6, length: 1))
        #expect(parseError("(1 + 2") == ExpressionError(message: "missing ')' for '('", offset: 0, length: 1))
        #expect(parseError("item[name = 'x'") == ExpressionError(message: "missing ']' for '['", offset: 4, length: 1))
    }

    @Test func unknownFunction() {
        #expect(parseError("1 + foo(2)") == ExpressionError(message: "unknown function 'foo'", offset: 4, length: 3))
        #expect(parseError("odk:bar()") == ExpressionError(message: "unknown function 'odk:bar'", offset: 0, length: 7))
        #expect(parseError("substring('abc', 1)")?.message == "unknown function 'substring'; ODK uses substr(text, start, end), counting from 0")
        #expect(parseError("decimal-date('2024-01-01')")?.message == "unknown function 'decimal-date'; use decimal-date-time()")
        #expect(parseError("floor(${x})") == ExpressionError(message: "unknown function 'floor'; ODK Collect can't evaluate it; use int() or round()", offset: 0, length: 5))
        #expect(parseError("item[last()]")?.message == "unknown function 'last'; ODK Collect can't evaluate it; use count()")
    }

    @Test func wrongArgumentCounts() {
        #expect(parseError("selected(${x})") == ExpressionError(message: "'selected' takes 2 arguments, got 1", offset: 0, length: 8))
        #expect(parseError("x + round(1, 2, 3)") == ExpressionError(message: "'round' takes 1 or 2 arguments, got 3", offset: 4, length: 5))
        #expect(parseError("today(1)")?.message == "'today' takes no arguments, got 1")
        #expect(parseError("not()")?.message == "'not' takes 1 argument, got 0")
        #expect(parseError("concat()")?.message == "'concat' takes at least 1 argument, got 0")
        #expect(parseError("indexed-repeat(${a}, ${r}, 1, ${s})")?.message == "'indexed-repeat' takes 3, 5, 7, … arguments, got 4")
        #expect(parseError("indexed-repeat(${a}, ${r}, 1, ${s}, 2, ${t}, 3)") == nil)
        #expect(parseError("weighted-checklist(1, 2, ${a})")?.message == "'weighted-checklist' takes 2, 4, 6, … arguments, got 3")
    }

    @Test func unterminatedString() {
        #expect(parseError("concat('abc, ${x})") == ExpressionError(message: "unterminated string", offset: 7, length: 11))
        #expect(parseError("\"") == ExpressionError(message: "unterminated string", offset: 0, length: 1))
    }

    @Test func unclosedReference() {
        #expect(parseError("${age > 5") == ExpressionError(message: "'${' without a closing '}'", offset: 0, length: 2))
        #expect(parseError("${a} + ${b + ${c}") == ExpressionError(message: "'${' without a closing '}'", offset: 7, length: 2))
    }

    @Test func badReferences() {
        #expect(parseError("${}") == ExpressionError(message: "empty reference '${}'; put a question name between the braces", offset: 0, length: 3))
        #expect(parseError("1 + ${first name}") == ExpressionError(message: "'first name' is not a valid question name in '${…}'", offset: 4, length: 13))
        #expect(parseError("${1abc}")?.offset == 0)
        #expect(parseError("$age") == ExpressionError(message: "variables like '$age' are not supported; write '${age}' to refer to a question", offset: 0, length: 4))
    }

    @Test func exponentsAreRejected() {
        #expect(parseError("1e3") == ExpressionError(message: "exponent notation '1e3' is not supported in XPath; write the number out in full", offset: 0, length: 3))
        #expect(parseError("${a} * 2.5E-4") == ExpressionError(message: "exponent notation '2.5E-4' is not supported in XPath; write the number out in full", offset: 7, length: 6))
    }

    @Test func operatorsFromOtherLanguages() {
        #expect(parseError("${a} == 1") == ExpressionError(message: "'==' is not an operator; use '=' to compare", offset: 5, length: 2))
        #expect(parseError("${a} && ${b}") == ExpressionError(message: "'&&' is not an operator; use 'and'", offset: 5, length: 2))
        #expect(parseError("${a} || ${b}")?.message == "'||' is not an operator; use 'or'")
        #expect(parseError("${a} <> 1")?.message == "'<>' is not an operator; use '!='")
        #expect(parseError("!${a}") == ExpressionError(message: "unexpected '!'; use not(…) or '!='", offset: 0, length: 1))
    }

    @Test func strayTokens() {
        #expect(parseError("1 2") == ExpressionError(message: "unexpected '2'", offset: 2, length: 1))
        #expect(parseError("${a} = 1 an ${b}") == ExpressionError(message: "unexpected 'an'", offset: 9, length: 2))
        #expect(parseError("concat('a',)") == ExpressionError(message: "unexpected ')'", offset: 11, length: 1))
        #expect(parseError("1 # 2") == ExpressionError(message: "unexpected character '#'", offset: 2, length: 1))
        #expect(parseError("foo::bar") == ExpressionError(message: "unknown axis 'foo'", offset: 0, length: 3))
        #expect(parseError("..[1]") == ExpressionError(message: "unexpected '['", offset: 2, length: 1))
    }

    @Test func offsetsCountCharactersNotBytes() {
        #expect(parseError("'Бишкек' = ))") == ExpressionError(message: "unexpected ')'", offset: 11, length: 1))
    }

    @Test func nestingIsBounded() throws {
        let deep = String(repeating: "(", count: 500) + "1" + String(repeating: ")", count: 500)
        #expect(parseError(deep)?.message == "expression is nested too deeply (more than 64 levels)")
        let okay = String(repeating: "(", count: 60) + "1" + String(repeating: ")", count: 60)
        #expect(try parse(okay) == .number(1))
        let longChain = (0..<1000).map { "${q\($0)}" }.joined(separator: " + ")
        #expect(parseError(longChain)?.message == "expression is nested too deeply (more than 256 levels)")
        let sum = (0..<200).map { "${q\($0)}" }.joined(separator: " + ")
        #expect(try parse(sum).referencedNames.count == 200)
    }
}

@Suite struct ExpressionParserFuzzTests {
    static let alphabet: [Character] = Array("abcxyz_-.0123456789 \n\t()[]{}$,'\"/|+-*=!<>@:#&^~\\") + [
        "д", "ж", "é", "\u{301}", "😀", "\u{0}", "\u{7F}", "\r\n",
    ]
    static let fragments = [
        "${a}", "${", "}", "and", "or", "div", "mod", "instance('x')", "/root/item", "[", "]", "current()", "..",
        "selected(", "concat(", "'s'", "\"", "1.5", ".5", "1e", "-", "::", "@", "*", "(", ")", ",", "position()",
        "jr:choice-name(", "if(", "not(", "//", "/",
    ]

    @Test func randomInputNeverCrashesTheParser() {
        var generator = SeededGenerator(seed: 20_240_131)
        var parsed = 0
        var rejected = 0
        for _ in 0..<4000 {
            var source = ""
            for _ in 0..<Int.random(in: 0...30, using: &generator) {
                if Bool.random(using: &generator) {
                    source.append(Self.alphabet.randomElement(using: &generator)!)
                } else {
                    source += Self.fragments.randomElement(using: &generator)!
                }
            }
            do {
                let expression = try ExpressionParser.parse(source)
                parsed += 1
                let rendered = expression.xlsformText
                #expect(try ExpressionParser.parse(rendered) == expression, "round trip of \(source.debugDescription)")
            } catch {
                rejected += 1
                let count = source.count
                #expect(error.offset >= 0 && error.offset <= count, "offset of \(source.debugDescription)")
                #expect(error.length >= 0 && error.offset + error.length <= count, "length of \(source.debugDescription)")
                #expect(!error.message.isEmpty)
            }
        }
        #expect(parsed + rejected == 4000)
        #expect(parsed > 50)
    }

    @Test func randomBytesNeverCrashTheParser() {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<2000 {
            let bytes = (0..<Int.random(in: 0...40, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let source = String(decoding: bytes, as: UTF8.self)
            do {
                _ = try ExpressionParser.parse(source)
            } catch {
                #expect(error.offset >= 0 && error.offset + error.length <= source.count)
            }
        }
    }
}
