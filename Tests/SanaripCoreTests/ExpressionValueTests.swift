import SanaripCore
import Testing

@Suite struct ExpressionValueTests {
    @Test func answersConvertToTypedValues() {
        #expect(ExpressionValue(.empty) == .string(""))
        #expect(ExpressionValue(.integer(3)) == .number(3))
        #expect(ExpressionValue(.selections(["a", "b"])) == .string("a b"))
        #expect(ExpressionValue(.date("2024-01-31")) == .date(CivilDateTime(year: 2024, month: 1, day: 31)))
        #expect(ExpressionValue(.date("not a date")) == .string("not a date"))
        #expect(ExpressionValue(.boolean(false)) == .boolean(false))
    }

    @Test func stringValues() {
        #expect(ExpressionValue.number(3).stringValue == "3")
        #expect(ExpressionValue.number(-0.5).stringValue == "-0.5")
        #expect(ExpressionValue.number(1e-13).stringValue == "0")
        #expect(ExpressionValue.number(2 + 1e-13).stringValue == "2")
        #expect(ExpressionValue.number(.nan).stringValue == "NaN")
        #expect(ExpressionValue.number(-.infinity).stringValue == "-Infinity")
        #expect(ExpressionValue.number(12_345_678.5).stringValue == "1.23456785E7")
        #expect(ExpressionValue.number(1_234_567.5).stringValue == "1234567.5")
        #expect(ExpressionValue.number(12_345_678).stringValue == "12345678")
        #expect(ExpressionValue.number(3e9).stringValue == "3.0E9")
        #expect(ExpressionValue.number(-2_147_483_648.5).stringValue == "-2.1474836485E9")
        #expect(ExpressionValue.number(0.000_15).stringValue == "1.5E-4")
        #expect(ExpressionValue.number(0.001).stringValue == "0.001")
        #expect(ExpressionValue.boolean(true).stringValue == "true")
        #expect(ExpressionValue.nodeSet([]).stringValue == "")
        #expect(ExpressionValue.nodeSet([.integer(7), .integer(8)]).stringValue == "7")
        let date = CivilDateTime(year: 2024, month: 1, day: 31, hour: 9, minute: 5, second: 7, millisecond: 40, utcOffsetMinutes: 360)
        #expect(ExpressionValue.dateTime(date).stringValue == "2024-01-31T09:05:07.040+06:00")
    }

    @Test func numberValues() {
        #expect(ExpressionValue.string(" 42 ").numberValue == 42)
        #expect(ExpressionValue.string("3,25").numberValue == 3.25)
        #expect(ExpressionValue.string("-.5").numberValue == -0.5)
        #expect(ExpressionValue.string("5.").numberValue == 5)
        #expect(ExpressionValue.string("").numberValue.isNaN)
        #expect(ExpressionValue.string("1e3").numberValue.isNaN)
        #expect(ExpressionValue.string("--1").numberValue.isNaN)
        #expect(ExpressionValue.string("1.2.3").numberValue.isNaN)
        #expect(ExpressionValue.string("+1").numberValue.isNaN)
        #expect(ExpressionValue.string("Infinity").numberValue.isNaN)
        #expect(ExpressionValue.boolean(true).numberValue == 1)
        #expect(ExpressionValue.date(CivilDateTime(year: 1970, month: 1, day: 2)).numberValue == 1)
        #expect(ExpressionValue.nodeSet([.text("12")]).numberValue == 12)
        #expect(ExpressionValue.nodeSet([]).numberValue.isNaN)
    }

    @Test func booleanValues() {
        #expect(ExpressionValue.string("false").booleanValue)
        #expect(!ExpressionValue.string("").booleanValue)
        #expect(!ExpressionValue.number(.nan).booleanValue)
        #expect(!ExpressionValue.number(1e-13).booleanValue)
        #expect(ExpressionValue.number(-1).booleanValue)
        #expect(!ExpressionValue.nodeSet([]).booleanValue)
        #expect(!ExpressionValue.nodeSet([.empty]).booleanValue)
        #expect(!ExpressionValue.nodeSet([.integer(0)]).booleanValue)
        #expect(ExpressionValue.nodeSet([.empty, .empty]).booleanValue)
        #expect(ExpressionValue.nodeSet([.text("0")]).booleanValue)
    }

    @Test func emptiness() {
        #expect(ExpressionValue.nodeSet([.empty]).isEmptyValue)
        #expect(ExpressionValue.number(.nan).isEmptyValue)
        #expect(!ExpressionValue.number(0).isEmptyValue)
        #expect(AnswerValue.selections([]).isEmpty)
        #expect(!AnswerValue.integer(0).isEmpty)
        #expect(AnswerValue.number(2.50).stringValue == "2.5")
        #expect(AnswerValue.selections(["x", "y"]).stringValue == "x y")
    }
}

@Suite struct ExpressionDateTests {
    @Test func parsesISOForms() {
        #expect(CivilDateTime(iso: "2024-02-29") == CivilDateTime(year: 2024, month: 2, day: 29))
        #expect(CivilDateTime(iso: "2023-02-29") == nil)
        #expect(CivilDateTime(iso: "2024-13-01") == nil)
        #expect(CivilDateTime(iso: "2024-01-31T10:20") == CivilDateTime(year: 2024, month: 1, day: 31, hour: 10, minute: 20))
        #expect(
            CivilDateTime(iso: " 2024-01-31T10:20:30.5+06:00 ")
                == CivilDateTime(year: 2024, month: 1, day: 31, hour: 10, minute: 20, second: 30, millisecond: 500, utcOffsetMinutes: 360))
        #expect(CivilDateTime(iso: "2024-01-31T10:20:30Z")?.utcOffsetMinutes == 0)
        #expect(CivilDateTime(iso: "2024-01-31 10:20:30-0530")?.utcOffsetMinutes == -330)
        #expect(CivilDateTime(iso: "2024-01-31T25:00") == nil)
        #expect(CivilDateTime(iso: "31/01/2024") == nil)
        #expect(CivilDateTime(iso: "") == nil)
        #expect(CivilDateTime.parseTimeOfDay("12:30:00.000+06:00")?.seconds == 45_000)
        #expect(CivilDateTime.parseTimeOfDay("12:30:00.000+06:00")?.utcOffsetMinutes == 360)
    }

    @Test func dayArithmetic() {
        #expect(CivilDateTime(year: 1970, month: 1, day: 1).daysSinceEpoch == 0)
        #expect(CivilDateTime(year: 2024, month: 1, day: 31).daysSinceEpoch == 19753)
        #expect(CivilDateTime(year: 1969, month: 12, day: 31).daysSinceEpoch == -1)
        #expect(CivilDateTime(year: 2000, month: 3, day: 1).daysSinceEpoch == 11017)
        #expect(CivilDateTime(daysSinceEpoch: 19753)?.dateString == "2024-01-31")
        #expect(CivilDateTime(daysSinceEpoch: -719_468)?.dateString == "0000-03-01")
        #expect(CivilDateTime(daysSinceEpoch: Int.max) == nil)
        #expect(CivilDateTime(year: 2024, month: 1, day: 31).weekday == 3)
        #expect(CivilDateTime(year: 1970, month: 1, day: 1).weekday == 4)
    }

    @Test func instants() {
        let date = CivilDateTime(secondsSinceEpoch: 1_706_700_000, utcOffsetSeconds: 6 * 3600)
        #expect(date?.dateTimeString == "2024-01-31T17:20:00.000+06:00")
        #expect(date?.secondsSinceEpoch == 1_706_700_000)
        #expect(CivilDateTime(secondsSinceEpoch: -0.5, utcOffsetSeconds: 0)?.dateTimeString == "1969-12-31T23:59:59.500+00:00")
        #expect(CivilDateTime(secondsSinceEpoch: .infinity, utcOffsetSeconds: 0) == nil)
        #expect(CivilDateTime(year: 2024, month: 1, day: 31, hour: 12).secondsSinceEpoch == nil)
    }
}

@Suite struct ExpressionAnswersTests {
    let answers = Answers(
        ["district": .text("chui")],
        repeats: [
            "plots": [
                Answers(["crop": .text("wheat"), "area": .number(1.5)]),
                Answers(["crop": .text("corn")], repeats: ["harvests": [Answers(["kg": .integer(100)])]]),
            ]
        ])

    @Test func lookupFollowsScope() {
        #expect(answers.values(of: "district", at: []) == [.text("chui")])
        #expect(answers.values(of: "crop", at: []) == [.text("wheat"), .text("corn")])
        #expect(answers.values(of: "plots", at: []) == [.empty, .empty])
        #expect(answers.values(of: "crop", at: [RepeatPosition(group: "plots", position: 2)]) == [.text("corn")])
        #expect(answers.values(of: "area", at: [RepeatPosition(group: "plots", position: 2)]) == [.empty])
        #expect(answers.values(of: "kg", at: [RepeatPosition(group: "plots", position: 1)]) == [])
        #expect(answers.values(of: "kg", at: []) == [.integer(100)])
        #expect(answers.values(of: "nothing", at: []) == nil)
        #expect(answers.values(of: "district", at: [RepeatPosition(group: "plots", position: 7)]) == [.text("chui")])
    }

    @Test func indexedLookup() {
        #expect(answers.indexedValues(of: "crop", along: [RepeatPosition(group: "plots", position: 2)]) == [.text("corn")])
        #expect(
            answers.indexedValues(
                of: "kg", along: [RepeatPosition(group: "plots", position: 2), RepeatPosition(group: "harvests", position: 1)])
                == [.integer(100)])
        #expect(answers.indexedValues(of: "crop", along: [RepeatPosition(group: "plots", position: 3)]) == [])
        #expect(answers.instances(of: "plots").count == 2)
        #expect(answers.levels(along: [RepeatPosition(group: "plots", position: 1)]).count == 2)
    }
}
