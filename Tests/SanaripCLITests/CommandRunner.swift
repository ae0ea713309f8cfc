import Foundation

/// Runs the built `sanarip` executable as a user would, capturing its output and exit status.
struct CommandRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `sanarip` binary next to the test bundle in the build folder, or the one `SANARIP_TEST_EXECUTABLE` names
    /// (to run a test against another build, as ``ExportGoldenCommandTests`` records its files).
    static var executable: URL {
        if let path = ProcessInfo.processInfo.environment["SANARIP_TEST_EXECUTABLE"], !path.isEmpty { return URL(fileURLWithPath: path) }
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while url.path != "/" {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent("sanarip")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate
            }
        }
        return URL(fileURLWithPath: "sanarip")
    }

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func run(_ arguments: [String], in directory: URL? = nil, executable: URL = executable) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self)
        )
    }

    /// Runs an R script with `survey` attached (the reference the estimation commands are compared with) and
    /// returns its standard output.
    static func r(_ script: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["Rscript", "--vanilla", "-e", "suppressPackageStartupMessages(library(survey)); " + script]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw RFailure(description: "Rscript with the survey package failed; run scripts/setup.sh")
        }
        return String(decoding: data, as: UTF8.self)
    }

    struct RFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs a reference tool (`pspp`, `zbarimg`, `curl`, `python3`) from the PATH and returns its standard
    /// output; a failure, or a missing tool, throws with the fix.
    @discardableResult
    static func tool(_ name: String, _ arguments: [String]) throws -> String {
        let result = try run([name] + arguments, executable: URL(fileURLWithPath: "/usr/bin/env"))
        guard result.status == 0 else {
            throw RFailure(description: "\(name) exited with \(result.status) (scripts/setup.sh installs it): \(result.stderr)")
        }
        return result.stdout
    }

    /// `r(script)` printing one number a line: the numbers (NaN for R's NaN and NA).
    static func rNumbers(_ script: String) throws -> [Double] {
        try r(script).split(separator: "\n").map { Double($0) ?? .nan }
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sanarip-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
