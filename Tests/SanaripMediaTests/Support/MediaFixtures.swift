import Foundation

/// The fixture feeds and the reference parser (PyPI feedparser in `$SANARIP_VENV`, else `<repository>/.venv`).
enum MediaFixtures {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func feed(_ name: String) throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/feeds") else {
            throw Failure(description: "fixture feed \(name) is missing")
        }
        return [UInt8](try Data(contentsOf: url))
    }

    static var pythonPath: String {
        let venv = ProcessInfo.processInfo.environment["SANARIP_VENV"] ?? repository.appendingPathComponent(".venv").path
        return venv + "/bin/python"
    }

    /// Runs the venv's Python on `script` with `arguments`; its standard output. A missing venv fails with the fix.
    static func python(_ script: String, _ arguments: [String]) throws -> Data {
        guard FileManager.default.isExecutableFile(atPath: pythonPath) else {
            throw Failure(description: "\(pythonPath) is missing; run scripts/setup.sh (it installs feedparser) and set SANARIP_VENV")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sanarip-media-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let scriptURL = folder.appendingPathComponent("script.py"), out = folder.appendingPathComponent("out"), err = folder.appendingPathComponent("err")
        try script.write(to: scriptURL, atomically: true, encoding: .utf8)
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: pythonPath)
        process.arguments = [scriptURL.path] + arguments
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "python failed: \(String(decoding: try Data(contentsOf: err), as: UTF8.self).suffix(1500))")
        }
        return try Data(contentsOf: out)
    }
}
