import Foundation

/// Prints an HTML page to PDF with Debian's headless `chromium` (`--print-to-pdf`), installed by
/// `scripts/setup.sh`: the report's HTML is the one layout, and a browser prints it as a reader would.
///
/// The page is written to a private temporary folder with its own browser profile, and chromium is stopped by its
/// process id if it has not finished in time.
public struct ChromiumPrinter: Sendable {
    /// Where chromium is looked for.
    public static let candidates = ["/usr/bin/chromium", "/usr/lib/chromium/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]

    public let executable: String
    public let timeout: Duration

    /// A printer with the first chromium found; nil when none is installed.
    public init?(timeout: Duration = .seconds(120)) {
        guard let found = Self.candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
        self.executable = found
        self.timeout = timeout
    }

    /// What went wrong while printing, with what to do.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The PDF of `html`, printed on A4 without the browser's header and footer.
    ///
    /// - Throws: ``Failure`` when chromium fails, times out or writes no PDF.
    public func pdf(html: String) async throws -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sanarip-print-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("report.html"), output = folder.appendingPathComponent("report.pdf")
        try Data(html.utf8).write(to: page)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions",
            "--user-data-dir=\(folder.appendingPathComponent("profile").path)", "--no-pdf-header-footer",
            "--print-to-pdf=\(output.path)", page.absoluteString,
        ]
        let log = folder.appendingPathComponent("chromium.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        process.standardOutput = handle
        process.standardError = handle
        process.environment = ProcessInfo.processInfo.environment.merging(["HOME": folder.path]) { $1 }
        try process.run()
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now > deadline {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                throw Failure(description: "chromium did not finish printing within \(timeout); the report is still available as HTML")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        guard process.terminationStatus == 0, let pdf = try? Data(contentsOf: output), pdf.starts(with: Array("%PDF".utf8)) else {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw Failure(description: "chromium (\(executable)) did not print the report (exit \(process.terminationStatus)): \(text.suffix(400))")
        }
        return pdf
    }
}
