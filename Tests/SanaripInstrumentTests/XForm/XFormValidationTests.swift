import Foundation
import SanaripCore
import Testing

@testable import SanaripInstrument

@Suite("XForms pass ODK Validate (JavaRosa)")
struct XFormValidationTests {
    @Test("the corpus of valid forms converts and passes ODK Validate")
    func corpusPassesODKValidate() throws {
        let output = try FormFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        var files: [URL] = []
        for name in FormFixtures.folders("valid") {
            let instrument = try XLSFormReader().read(contentsOf: FormFixtures.url("valid", name)).get()
            let file = output.appendingPathComponent(name + ".xml")
            try XFormWriter().xml(for: instrument).write(to: file, atomically: true, encoding: .utf8)
            files.append(file)
        }
        #expect(files.count >= 7)
        let outcome = try ODKValidate.run(files)
        #expect(outcome.valid, "\(outcome.output)")
    }

    @Test("the built-in digital-divide instrument passes ODK Validate, in all three languages")
    func builtInInstrument() throws {
        let folder = RepositoryPaths.root.appendingPathComponent("instruments/digital-divide-kg")
        let result = XLSFormReader().read(contentsOf: folder)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let instrument = try result.get()
        #expect(instrument.languages.compactMap(\.code) == ["ky", "ru", "en"])
        #expect(instrument.defaultLanguage?.code == "ky")
        for question in instrument.questions where !question.type.isSilent {
            for language in instrument.languages {
                #expect(question.label[language.name] != nil, "\(question.name) has no \(language.name) label")
            }
        }
        let municipalities = try #require(instrument.choiceList(named: "municipality"))
        #expect(municipalities.choices.count == 155)
        let output = try FormFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let file = output.appendingPathComponent("digital-divide-kg.xml")
        try XFormWriter().xml(for: instrument).write(to: file, atomically: true, encoding: .utf8)
        let outcome = try ODKValidate.run([file])
        #expect(outcome.valid, "\(outcome.output)")
    }

    @Test("output is deterministic")
    func deterministic() throws {
        for name in FormFixtures.folders("valid") {
            let first = try XFormWriter().xml(for: XLSFormReader().read(contentsOf: FormFixtures.url("valid", name)).get())
            let second = try XFormWriter().xml(for: XLSFormReader().read(contentsOf: FormFixtures.url("valid", name)).get())
            #expect(first == second, "\(name)")
        }
    }
}
