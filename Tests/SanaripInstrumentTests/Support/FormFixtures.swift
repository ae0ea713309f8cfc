import Foundation

/// The XLSForm corpus under `Fixtures/forms`: valid forms that must pass ODK Validate, invalid ones with expected
/// errors, and `warnings` ones that pyxform accepts but that get the expected warnings.
enum FormFixtures {
    static var root: URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("forms")
    }

    /// The form folders of `kind` (`valid`, `invalid`). A missing or empty corpus gives one name that does not
    /// exist, so the tests parameterised over it fail saying so instead of running no case and passing.
    static func folders(_ kind: String) -> [String] {
        let url = root.appendingPathComponent(kind)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.appendingPathComponent(name).path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
        return names.isEmpty ? ["no form fixtures in \(url.path)"] : names.sorted()
    }

    static func url(_ kind: String, _ name: String) -> URL {
        root.appendingPathComponent(kind).appendingPathComponent(name)
    }

    /// A fresh temporary folder for one test.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sanarip-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
