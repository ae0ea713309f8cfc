import Foundation
import Synchronization
import Testing
@testable import SanaripStatistics

/// Runs R (`Rscript` with the `survey` package) as the reference the statistics tests compare with.
/// Missing R fails the test with the fix: run scripts/setup.sh.
enum RScript {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// A scratch directory for this test process (data exported by R, files read back by Swift).
    static let directory: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sanarip-r-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// Runs `code` after `library(survey)`; returns standard output.
    static func run(_ code: String) throws -> String {
        let script = directory.appendingPathComponent("script-\(UUID().uuidString).R")
        try ("suppressPackageStartupMessages(library(survey))\noptions(warn = -1)\n" + code).write(to: script, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["Rscript", "--vanilla", script.path]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch {
            throw Failure(description: "Rscript is not installed; run scripts/setup.sh to install R with the survey package")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            if errorText.contains("there is no package called") || process.terminationStatus == 127 {
                throw Failure(description: "R or its survey package is missing; run scripts/setup.sh (\(errorText.prefix(200)))")
            }
            throw Failure(description: "Rscript failed: \(errorText.suffix(800))")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Runs `code` whose output lines are `name value`; `value` printed with `%.17g`, or `NA`/`NaN` (kept as NaN).
    /// A line of another shape is an error naming it, never skipped.
    static func values(_ code: String) throws -> [String: Double] {
        var result: [String: Double] = [:]
        for line in try run(code).split(separator: "\n") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count == 2 else { throw Failure(description: "R printed the line '\(line)', not 'name value'") }
            guard let value = Double(parts[1]) ?? (["NA", "NaN", "-NaN"].contains(parts[1]) ? .nan : nil) else {
                throw Failure(description: "R printed '\(parts[1])' for \(parts[0]), not a number")
            }
            result[String(parts[0])] = value
        }
        return result
    }

    /// `values(code)`, or an empty dictionary when R failed; why it failed (R's standard error included) is kept
    /// in ``failures`` and shown by ``expectClose(_:_:_:_:sourceLocation:)`` for every value that is missing.
    static func cached(_ code: String) -> [String: Double] {
        do {
            return try values(code)
        } catch {
            failureLog.withLock { $0.append("\(error)") }
            return [:]
        }
    }

    private static let failureLog = Mutex<[String]>([])

    /// Why earlier ``cached(_:)`` runs of R failed, for failure messages.
    static var failures: String {
        failureLog.withLock { $0.isEmpty ? "" : " (R failed: \($0.joined(separator: "; ")))" }
    }

    /// R helper defining `out(name, value)` that prints `name %.17g` lines for each element.
    static let prelude = """
    out <- function(name, value) { value <- as.numeric(value); for (i in seq_along(value)) cat(if (length(value) > 1) paste0(name, "_", i) else name, sprintf("%.17g", value[i]), "\\n") }

    """

    /// Exports R data sets to CSV once per process; returns the file path of `name`.
    static func dataset(_ name: String, _ expression: String? = nil) throws -> String {
        let path = directory.appendingPathComponent("\(name).csv").path
        if !FileManager.default.fileExists(atPath: path) {
            let value = expression ?? name
            _ = try run("data(api); data(nhanes)\nwrite.csv(\(value), \"\(path).tmp\", row.names = FALSE, na = \"\")\nfile.rename(\"\(path).tmp\", \"\(path)\")")
        }
        return path
    }
}

/// Relative comparison |a − b| ≤ tolerance·max(|b|, tiny).
func close(_ a: Double, _ b: Double?, _ tolerance: Double = 1e-6) -> Bool {
    guard let b else { return false }
    if a.isNaN && b.isNaN { return true }
    return abs(a - b) <= tolerance * max(abs(b), 1e-300)
}

func expectClose(_ a: Double, _ b: Double?, _ tolerance: Double = 1e-6, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(close(a, b, tolerance), "\(what): Swift \(a) vs R \(b.map { String($0) } ?? "missing\(RScript.failures)")", sourceLocation: sourceLocation)
}

/// Compares each domain's estimate and SE with the R values named by `estimate(index)` and `standardError(index)`.
func expectDomains(
    _ estimates: [DomainEstimate],
    _ r: [String: Double],
    _ what: String,
    tolerance: Double = 1e-9,
    estimate: (Int) -> String,
    standardError: (Int) -> String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    for (index, domain) in estimates.enumerated() {
        expectClose(domain.estimate, r[estimate(index)], tolerance, "\(what) \(domain.domainValues)", sourceLocation: sourceLocation)
        expectClose(domain.standardError, r[standardError(index)], tolerance, "\(what) SE \(domain.domainValues)", sourceLocation: sourceLocation)
    }
}
