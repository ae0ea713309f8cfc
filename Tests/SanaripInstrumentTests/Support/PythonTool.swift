import Foundation

/// Runs Python scripts with the project's venv (openpyxl, pyxform), the independent reference the tests
/// compare against. A missing venv is an error telling how to create it, so such tests fail rather than skip.
enum PythonTool {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The venv: `$SANARIP_VENV` if set, else `<repository>/.venv`.
    static var venv: URL {
        if let path = ProcessInfo.processInfo.environment["SANARIP_VENV"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return RepositoryPaths.root.appendingPathComponent(".venv")
    }

    /// The venv's Python interpreter.
    static func python() throws -> URL {
        let python = venv.appendingPathComponent("bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw Failure(description: "no Python venv at \(venv.path); run scripts/setup.sh (or set SANARIP_VENV) and test again")
        }
        return python
    }

    /// Runs `script` with `arguments` (available as `sys.argv[1:]`) and returns its standard output;
    /// throws with the standard error when it exits with a non-zero status.
    static func run(script: String, arguments: [String] = []) throws -> String {
        let python = try python()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("python-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let scriptFile = scratch.appendingPathComponent("script.py")
        let outputFile = scratch.appendingPathComponent("stdout")
        let errorFile = scratch.appendingPathComponent("stderr")
        try Data(script.utf8).write(to: scriptFile)
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputFile)
        let errors = try FileHandle(forWritingTo: errorFile)
        defer {
            try? output.close()
            try? errors.close()
        }

        let process = Process()
        process.executableURL = python
        process.arguments = [scriptFile.path] + arguments
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONIOENCODING"] = "utf-8"
        process.environment = environment
        try process.run()
        process.waitUntilExit()

        let stdout = String(decoding: try Data(contentsOf: outputFile), as: UTF8.self)
        guard process.terminationStatus == 0 else {
            let stderr = String(decoding: try Data(contentsOf: errorFile), as: UTF8.self)
            throw Failure(description: "python exited with status \(process.terminationStatus): \(stderr)")
        }
        return stdout
    }
}
