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

    @Test("output is deterministic")
    func deterministic() throws {
        for name in FormFixtures.folders("valid") {
            let first = try XFormWriter().xml(for: XLSFormReader().read(contentsOf: FormFixtures.url("valid", name)).get())
            let second = try XFormWriter().xml(for: XLSFormReader().read(contentsOf: FormFixtures.url("valid", name)).get())
            #expect(first == second, "\(name)")
        }
    }
}
