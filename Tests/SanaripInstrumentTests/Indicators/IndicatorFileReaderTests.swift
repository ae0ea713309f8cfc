import Foundation
import SanaripCore
import Testing

@testable import SanaripInstrument

@Suite("Indicator files")
struct IndicatorFileReaderTests {
    static let instrument: Instrument = {
        let folder = RepositoryPaths.root.appendingPathComponent("instruments/digital-divide-kg")
        return XLSFormReader().read(contentsOf: folder).instrument
    }()

    @Test func builtInIndicatorsReadAgainstTheQuestionnaire() throws {
        let url = RepositoryPaths.root.appendingPathComponent("instruments/digital-divide-kg/indicators.csv")
        let set = try IndicatorFileReader(instrument: Self.instrument).read(contentsOf: url)
        #expect(set.languages.compactMap(\.code) == ["ky", "ru", "en"])
        #expect(set.group("barrier").count == 10)
        for indicator in set.estimated where !indicator.group.isEmpty {
            for code in ["ky", "ru", "en"] { #expect(indicator.labels.text(code: code) != nil, "\(indicator.name) has no \(code) label") }
            #expect(!indicator.framework.isEmpty, "\(indicator.name) names no framework")
        }
    }

    @Test func everyProblemIsNamedWithItsLineAndColumn() {
        let text = """
            # A comment with "quotes", commas, and ${nothing}
            name,kind,expression,base,label::English (en)
            uses,proportion,${used_internet} = 'yes',,Uses
            uses,proportion,${used_internet} = 'no',,Again
            score,average,${age},,Kind unknown
            broken,mean,${age} +,,Bad syntax
            ghost,proportion,${no_such_question} = 1,,Unknown question
            early,proportion,${later} = 1,,Uses a later one
            later,proportion,${used_internet} = 'yes',,Defined later
            course,proportion,${tr_topic} = 'coding',,Inside the repeat
            1st,proportion,true(),,Bad name
            """
        #expect(throws: IndicatorFileError.self) { try IndicatorFileReader(instrument: Self.instrument).read(text: text, file: "ind.csv") }
        do {
            _ = try IndicatorFileReader(instrument: Self.instrument).read(text: text, file: "ind.csv")
        } catch {
            let lines = error.diagnostics.map(\.description)
            #expect(lines.count == 7, "\(lines.joined(separator: "\n"))")
            #expect(lines.contains { $0.hasPrefix("error: ind.csv, row 4, column name: 'uses' is already defined on line 3") })
            #expect(lines.contains { $0.contains("row 5, column kind: 'average' is not a kind of indicator") })
            #expect(lines.contains { $0.contains("row 6, column expression:") })
            #expect(lines.contains { $0.contains("row 7, column expression: ${no_such_question} is not a question of the instrument") })
            #expect(lines.contains { $0.contains("row 8, column expression: ${later} is an indicator defined further down") })
            #expect(lines.contains { $0.contains("row 10, column expression: ${tr_topic} is asked inside the repeat 'training'") })
            #expect(lines.contains { $0.contains("row 11, column name: '1st' is not a valid name") })
        }
    }

    @Test func evaluationFollowsFormSemanticsAndBases() throws {
        let text = """
            name,kind,expression,base
            user,proportion,${used_internet} = 'yes',${used_internet} != ''
            cost,proportion,"selected(${nonuse_reasons}, 'cost_device') or selected(${user_limits}, 'cost_device')",
            group,category,"if(${age} <= 28, 'young', 'older')",${age} != ''
            young_user,proportion,${user} = 1 and ${group} = 'young',
            """
        let set = try IndicatorFileReader(instrument: Self.instrument).read(text: text, file: "ind.csv")
        // Kobo-style group paths and ODK Central-style dashes both find the questions.
        let header = ["interview/barriers/nonuse_reasons", "interview-access-used_internet", "user_limits", "age"]
        let evaluator = try IndicatorEvaluator(set, header: header, instrument: Self.instrument)
        let rows = [["cost_device no_skills", "no", "", "22"], ["", "yes", "cost_device", "61"], ["", "", "", ""]]
        let program = evaluator.program { column in IndicatorColumn(rows.map { $0[column] }) }
        #expect(try program.values(at: 0, row: 2).map(\.text) == ["0", "1", "young", "0"])
        #expect(try program.values(at: 1, row: 3).map(\.text) == ["1", "1", "older", "0"])
        #expect(try program.values(at: 2, row: 4).map(\.text) == ["", "0", "", "0"])
        #expect(throws: IndicatorDataError.self) { try IndicatorEvaluator(set, header: ["age"], instrument: Self.instrument) }
    }
}
