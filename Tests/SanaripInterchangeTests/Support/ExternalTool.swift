import Foundation

/// Runs an independent reference tool (`pspp`, `pspp-convert`, `zbarimg`, `python3`) that scripts/setup.sh
/// installs. A missing tool fails the test with that fix; it never skips.
enum ExternalTool {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    struct Result {
        var status: Int32
        var output: String
        var errors: String
    }

    /// A scratch directory for this test process.
    static let scratch: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sanarip-interchange-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// A fresh path in the scratch directory ending in `suffix`.
    static func file(_ suffix: String) -> URL {
        scratch.appendingPathComponent("\(UUID().uuidString)\(suffix)")
    }

    /// Finds `tool` on the PATH or throws with the fix.
    static func locate(_ tool: String) throws -> URL {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"] {
            let candidate = URL(fileURLWithPath: directory).appendingPathComponent(tool)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw Failure(description: "\(tool) is not installed; run scripts/setup.sh and test again")
    }

    /// Runs `tool` with `arguments` and optional standard input; output and errors go through files
    /// so large outputs cannot block the pipe.
    static func run(_ tool: String, _ arguments: [String], input: Data? = nil) throws -> Result {
        let executable = try locate(tool)
        let base = file("")
        let outputFile = base.appendingPathExtension("out"), errorFile = base.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outputFile)
            try? FileManager.default.removeItem(at: errorFile)
        }
        let output = try FileHandle(forWritingTo: outputFile), errors = try FileHandle(forWritingTo: errorFile)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = errors
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONIOENCODING"] = "utf-8"
        environment["LC_ALL"] = "C.UTF-8"
        process.environment = environment
        if let input {
            let inputFile = base.appendingPathExtension("in")
            try input.write(to: inputFile)
            process.standardInput = try FileHandle(forReadingFrom: inputFile)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        process.waitUntilExit()
        try output.close()
        try errors.close()
        return Result(
            status: process.terminationStatus,
            output: String(decoding: try Data(contentsOf: outputFile), as: UTF8.self),
            errors: String(decoding: try Data(contentsOf: errorFile), as: UTF8.self)
        )
    }

    /// `run`, throwing with the tool's errors unless it exits with status 0.
    static func output(_ tool: String, _ arguments: [String], input: Data? = nil) throws -> String {
        let result = try run(tool, arguments, input: input)
        guard result.status == 0 else {
            throw Failure(description: "\(tool) \(arguments.joined(separator: " ")) exited with \(result.status): \(result.errors.suffix(1500))\(result.output.suffix(1500))")
        }
        return result.output
    }
}
