import Foundation

/// Runs the independent references scripts/setup.sh installs: `xmllint` (libxml2-utils), the venv's Python with
/// PyPI `krippendorff` (`$SANARIP_VENV`, else `<repository>/.venv`), and R. A missing tool fails the test with the
/// fix; it never skips.
enum ReferenceTool {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let scratch: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sanarip-qual-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    static func file(_ suffix: String) -> URL {
        scratch.appendingPathComponent("\(UUID().uuidString)\(suffix)")
    }

    static var python: String {
        let venv = ProcessInfo.processInfo.environment["SANARIP_VENV"].map { URL(fileURLWithPath: $0) }
            ?? repository.appendingPathComponent(".venv")
        return venv.appendingPathComponent("bin/python").path
    }

    /// Runs `executable` (a path, or a name on /usr/bin) and returns status, output and errors.
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        let path = executable.hasPrefix("/") ? executable : "/usr/bin/\(executable)"
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw Failure(description: "\(path) is not installed; run scripts/setup.sh (SANARIP_VENV=\(python)) and test again")
        }
        let out = file(".out"), err = file(".err")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, try String(contentsOf: out, encoding: .utf8), try String(contentsOf: err, encoding: .utf8))
    }

    /// `run`, throwing unless the status is 0.
    static func output(_ executable: String, _ arguments: [String]) throws -> String {
        let result = try run(executable, arguments)
        guard result.status == 0 else {
            throw Failure(description: "\(executable) failed (\(result.status)): \(result.errors.suffix(2000))")
        }
        return result.output
    }
}

/// The test fixtures.
enum Fixture {
    static func url(_ name: String) throws -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures") else {
            throw ReferenceTool.Failure(description: "fixture \(name) is missing")
        }
        return url
    }

    static func text(_ name: String) throws -> String {
        try String(contentsOf: url(name), encoding: .utf8)
    }
}
