import Foundation

/// `sanarip serve` run as a child process on a free loopback port, as a user starts it, for tests that talk to
/// it over real sockets (curl, concurrent clients) or kill it.
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    /// `http://127.0.0.1:PORT`, read from the line the server prints when it listens.
    private(set) var baseURL = ""
    let log: URL

    /// Starts the server on `data` with `adminPassword` for the first admin and waits until it listens.
    init(data: URL, adminPassword: String = "correct-horse-battery", logName: String = "serve.log") throws {
        let passwordFile = data.appendingPathComponent("admin-password")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try Data((adminPassword + "\n").utf8).write(to: passwordFile)
        let instruments = data.appendingPathComponent("no-instruments")
        try FileManager.default.createDirectory(at: instruments, withIntermediateDirectories: true)
        log = data.appendingPathComponent(logName)
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let output = try FileHandle(forWritingTo: log)
        process.executableURL = CommandRunner.executable
        process.arguments = [
            "serve", "--data", data.path, "--port", "0", "--instruments", instruments.path, "--admin-password-file", passwordFile.path,
            "--log-level", "error",
        ]
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, process.isRunning {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"running at http://[0-9.]+:[0-9]+"#, options: .regularExpression) {
                baseURL = String(text[range].dropFirst("running at ".count))
                return
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        if process.isRunning { process.terminate() }
        throw Failure(description: "sanarip serve did not start: \(text)")
    }

    /// Ends the server with SIGKILL: no shutdown code runs, as when the power fails.
    func kill9() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Ends the server gracefully (SIGTERM) and waits for it.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    deinit { stop() }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }
}
