import Foundation
import SanaripCore
import Testing

@testable import SanaripInstrument

@Suite("XLSForm problems are named with sheet, row and column")
struct XLSFormDiagnosticsTests {
    @Test("every invalid form in the corpus reports its expected problems", arguments: FormFixtures.folders("invalid"))
    func invalidForm(_ name: String) throws {
        let folder = FormFixtures.url("invalid", name)
        try #require(FileManager.default.fileExists(atPath: folder.path), "\(name)")
        let expected = try String(contentsOf: folder.appendingPathComponent("expected.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        let result = XLSFormReader().read(contentsOf: folder)
        #expect(result.hasErrors)
        let text = result.errors.map(\.description).joined(separator: "\n")
        for line in expected {
            #expect(text.contains(line), "missing \(line) in:\n\(text)")
        }
    }

    @Test("every valid form in the corpus reads without errors", arguments: FormFixtures.folders("valid"))
    func validForm(_ name: String) throws {
        try #require(FileManager.default.fileExists(atPath: FormFixtures.url("valid", name).path), "\(name)")
        let result = XLSFormReader().read(contentsOf: FormFixtures.url("valid", name))
        #expect(result.errors.isEmpty, "\(result.errors)")
    }

    @Test func expressionErrorsGivePositions() {
        let result = XLSFormReader().read(contentsOf: FormFixtures.url("invalid", "expression-syntax"))
        let relevant = result.errors.first { $0.row == 3 }
        #expect(relevant?.column == "relevant")
        #expect(relevant?.columnLetter == "D")
        #expect(relevant?.message.contains("position 17") == true)
    }

    @Test func typesAndAliasesAreRead() throws {
        let instrument = try XLSFormReader().read(contentsOf: FormFixtures.url("valid", "all-types")).get()
        let types = Dictionary(uniqueKeysWithValues: instrument.questions.map { ($0.name, $0.type) })
        #expect(types["age"] == .integer)
        #expect(types["devices"] == .selectMultiple(list: "devices"))
        #expect(types["device_rank"] == .rank(list: "devices"))
        #expect(types["village"] == .selectOneFromFile(file: "villages.csv"))
        #expect(types["visit_datetime"] == .dateTime)
        #expect(types["audit"] == .metadata(.audit))
        #expect(instrument.questions.count == 35)
        let range = instrument.questions.first { $0.name == "share" }
        #expect(range?.parameter("step") == "0.1")
    }

    @Test func translationsAndSettingsAreRead() throws {
        let instrument = try XLSFormReader().read(contentsOf: FormFixtures.url("valid", "translations")).get()
        #expect(instrument.languages.map(\.name) == ["Kyrgyz (ky)", "Russian (ru)", "English (en)"])
        #expect(instrument.defaultLanguage?.code == "ky")
        #expect(instrument.settings.style == "pages")
        let age = instrument.questions.first { $0.name == "age" }
        #expect(age?.label["Russian (ru)"] == "Сколько вам лет?")
        #expect(age?.constraintMessage["Kyrgyz (ky)"] == "15 жаштан кем эмес")
        #expect(age?.media["audio"]?["English (en)"] == "age.mp3")
        #expect(age?.guidanceHint["English (en)"] == "Do not round")
        #expect(instrument.choiceList(named: "sex")?.choices.map(\.name) == ["female", "male"])
    }

    @Test func orOtherAddsChoiceAndQuestion() throws {
        let instrument = try XLSFormReader().read(contentsOf: FormFixtures.url("valid", "or-other")).get()
        #expect(instrument.questions.map(\.name) == ["lang", "lang_other", "apps", "apps_other"])
        #expect(instrument.choiceList(named: "lang")?.choices.last?.name == "other")
        #expect(instrument.questions[1].relevant == "selected(${lang}, 'other')")
    }

    @Test func sensitiveColumnMarksQuestionsAndRefusesOtherWords() throws {
        let survey = Sheet(name: "survey", cells: [
            ["type", "name", "label", "sensitive"],
            ["text", "respondent_name", "Name", "yes"],
            ["integer", "age", "Age", ""],
            ["text", "phone", "Phone", "maybe"],
        ])
        let result = XLSFormReader().read(Workbook(sheets: [survey], source: "sensitive.xlsx"))
        #expect(result.instrument.questions.map(\.sensitive) == [true, false, false])
        let error = try #require(result.errors.first)
        #expect(result.errors.count == 1)
        #expect(error.sheet == "survey" && error.row == 4 && error.column == "sensitive" && error.columnLetter == "D")
        #expect(error.message.contains("'maybe'") && error.fix?.contains("yes") == true)
    }

    @Test func extraColumnsAreKept() throws {
        let instrument = try XLSFormReader().read(contentsOf: FormFixtures.url("valid", "all-columns")).get()
        let region = instrument.questions.first { $0.name == "region" }
        #expect(region?.extra["source"] == "programme")
        #expect(region?.required == "true()")
        let members = instrument.questions.first { $0.name == "members" }
        #expect(members?.required == "${age} >= 18")
        let initials = instrument.questions.first { $0.name == "name_initials" }
        #expect(initials?.bindAttributes["odk:length"] == "3")
    }
}
