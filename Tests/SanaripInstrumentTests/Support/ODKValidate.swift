import Foundation

/// Runs ODK Validate, the JavaRosa-based validator shipped in pyxform, on XForm files.
///
/// It is the independent reference for "ODK Collect accepts this form": the same engine parses it.
/// The venv comes from `scripts/setup.sh`; a missing venv or Java fails the test with that advice.
enum ODKValidate {
    struct Outcome {
        var valid: Bool
        var output: String
    }

    static var jar: URL? {
        let venv = ProcessInfo.processInfo.environment["SANARIP_VENV"].map(URL.init(fileURLWithPath:))
            ?? RepositoryPaths.root.appendingPathComponent(".venv")
        let lib = venv.appendingPathComponent("lib")
        guard let pythons = try? FileManager.default.contentsOfDirectory(atPath: lib.path) else { return nil }
        for python in pythons.sorted() {
            let jar = lib.appendingPathComponent(python)
                .appendingPathComponent("site-packages/pyxform/validators/odk_validate/bin/ODK_Validate.jar")
            if FileManager.default.fileExists(atPath: jar.path) { return jar }
        }
        return nil
    }

    /// Validates all `files` in one Java run; `valid` only when every file passes.
    static func run(_ files: [URL]) throws -> Outcome {
        guard let jar else {
            throw SetupError("ODK Validate not found: run scripts/setup.sh (it installs pyxform into .venv)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["java", "-Djava.awt.headless=true", "-jar", jar.path] + files.map(\.path)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self)
        return Outcome(valid: process.terminationStatus == 0 && !output.contains("Invalid"), output: output)
    }

    struct SetupError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
