import Foundation
import SanaripCore
import SanaripInstrument
import Testing

/// A household survey: three members, the second with two visits.
private let household = Answers(
    ["village": .text("v1"), "hh_size": .integer(3), "head": .text("Aibek")],
    repeats: [
        "members": [
            Answers(["name": .text("Aibek"), "age": .integer(40), "income": .number(300)]),
            Answers(
                ["name": .text("Gulnara"), "age": .integer(38), "income": .empty],
                repeats: ["visits": [Answers(["visit_day": .integer(3)]), Answers(["visit_day": .integer(9)])]]),
            Answers(["name": .text("Timur"), "age": .integer(12), "income": .number(0)]),
        ]
    ])

private func context(_ scope: [RepeatPosition] = [], field: String? = nil) -> AnswersContext {
    AnswersContext(
        answers: household, scope: scope, field: field, now: ExpressionFixtures.now, timeZone: ExpressionFixtures.bishkek, formVersion: "1")
}

private func value(_ source: String, at scope: [RepeatPosition] = [], field: String? = nil) throws -> ExpressionValue {
    try ExpressionEvaluator(context: context(scope, field: field)).evaluate(ExpressionParser.parse(source))
}

private func string(_ source: String, at scope: [RepeatPosition] = [], field: String? = nil) throws -> String {
    try ExpressionEvaluator(context: context(scope, field: field)).evaluateString(ExpressionParser.parse(source))
}

private func member(_ position: Int) -> [RepeatPosition] {
    [RepeatPosition(group: "members", position: position)]
}

@Suite struct ExpressionRepeatTests {
    @Test func fromOutsideARepeatEachInstanceCounts() throws {
        #expect(try string("count(${members})") == "3")
        #expect(try string("count(${name})") == "3")
        #expect(try string("sum(${age})") == "90")
        #expect(try string("sum(${income})") == "300")
        #expect(try string("max(${age})") == "40")
        #expect(try string("count-non-empty(${income})") == "2")
        #expect(try string("join(' / ', ${name})") == "Aibek / Gulnara / Timur")
        #expect(try string("count(${visit_day})") == "2")
        #expect(try string("count(${members}) = ${hh_size}") == "true")
        #expect(try string("${age} < 18") == "true")
    }

    @Test func insideARepeatNamesMeanThisInstance() throws {
        #expect(try string("${name}", at: member(2)) == "Gulnara")
        #expect(try string("${age} + 1", at: member(3)) == "13")
        #expect(try string("position(..)", at: member(3)) == "3")
        #expect(try string("${village}", at: member(3)) == "v1")
        #expect(try string("${income} = ''", at: member(2)) == "true")
        #expect(try string("count(${visit_day})", at: member(2)) == "2")
        #expect(try string("count(${visit_day})", at: member(1)) == "0")
        #expect(try string(". > 30", at: member(1), field: "age") == "true")
        #expect(try string("string-length(.)", at: member(2), field: "name") == "7")
    }

    @Test func nestedRepeatScopes() throws {
        let visit = member(2) + [RepeatPosition(group: "visits", position: 2)]
        #expect(try string("${visit_day}", at: visit) == "9")
        #expect(try string("${name}", at: visit) == "Gulnara")
        #expect(try string("position(..)", at: visit) == "2")
    }

    @Test func indexedRepeat() throws {
        #expect(try string("indexed-repeat(${name}, ${members}, 3)") == "Timur")
        #expect(try string("indexed-repeat(${name}, ${members}, 1)", at: member(3)) == "Aibek")
        #expect(try string("indexed-repeat(${name}, ${members}, position(..) - 1)", at: member(2)) == "Aibek")
        #expect(try string("indexed-repeat(${name}, ${members}, 0)") == "Aibek")
        #expect(try string("indexed-repeat(${name}, ${members}, 9)") == "")
        #expect(try string("indexed-repeat(${visit_day}, ${members}, 2, ${visits}, 2)") == "9")
        #expect(try string("indexed-repeat(${visit_day}, ${members}, 1, ${visits}, 1)") == "")
        #expect(throws: EvaluationError.self) {
            try value("indexed-repeat('name', ${members}, 1)")
        }
    }

    @Test func unknownNamesSelectNothing() throws {
        #expect(try value("${nope}") == .nodeSet([]))
        #expect(try string("${nope}") == "")
        #expect(try string("count(${nope})") == "0")
    }
}
