import Foundation
import Testing

/// Runs R scripts for reference values (R `survey` and `sampling` packages).
///
/// A missing Rscript or package fails the calling test with a message to run `scripts/setup.sh`.
enum RReference {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `script` with `Rscript --vanilla` (the `survey` and `sampling` packages attached) and returns stdout.
    static func run(_ script: String) throws -> String {
        try output(script).stdout
    }

    /// Runs `script` and returns its output lines, requiring `count` of them; a wrong count fails with R's
    /// standard error in the message.
    static func lines(_ script: String, count: Int, sourceLocation: SourceLocation = #_sourceLocation) throws -> [Substring] {
        let (stdout, stderr) = try output(script)
        let lines = stdout.split(separator: "\n")
        try #require(lines.count == count, "R printed \(lines.count) lines, not \(count); R's stderr: \(stderr)", sourceLocation: sourceLocation)
        return lines
    }

    /// Standard output and standard error of `script`.
    static func output(_ script: String) throws -> (stdout: String, stderr: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sanarip-r-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("reference.R")
        let prelude = """
            options(warn = 1)
            suppressPackageStartupMessages({ library(survey); library(sampling) })

            """
        try (prelude + script).write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["Rscript", "--vanilla", file.path]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch {
            throw Failure(description: "Rscript could not be started (\(error)); run scripts/setup.sh to install R with survey and sampling")
        }
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stderr = String(decoding: err, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            if process.terminationStatus == 127 || stderr.contains("there is no package") || stderr.contains("No such file") {
                throw Failure(description: "R or its survey/sampling packages are missing; run scripts/setup.sh. \(stderr)")
            }
            throw Failure(description: "R script failed (status \(process.terminationStatus)): \(stderr)")
        }
        return (String(decoding: out, as: UTF8.self), stderr)
    }

    /// Runs `script` and parses every whitespace-separated token of its output as a number (`NA` as NaN); with
    /// `count`, requires that many, failing with R's standard error in the message.
    static func numbers(_ script: String, count: Int? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> [Double] {
        let (stdout, stderr) = try output(script)
        let numbers = try stdout.split(whereSeparator: \.isWhitespace).map { token in
            guard let value = Double(token) ?? (token == "NA" ? .nan : nil) else {
                throw Failure(description: "R printed '\(token)', not a number; R's stderr: \(stderr)")
            }
            return value
        }
        if let count {
            try #require(numbers.count == count, "R printed \(numbers.count) numbers, not \(count); R's stderr: \(stderr)", sourceLocation: sourceLocation)
        }
        return numbers
    }

    /// An R numeric vector literal with full precision.
    static func vector(_ values: [Double]) -> String {
        "c(" + values.map { String(format: "%.17g", $0) }.joined(separator: ",") + ")"
    }

    /// An R character vector literal.
    static func strings(_ values: [String]) -> String {
        "c(" + values.map { "\"\($0)\"" }.joined(separator: ",") + ")"
    }

    /// R's `api` data (from `survey`): the named columns of `table` (apistrat, apiclus1, apipop), as strings.
    static func api(_ table: String, columns: [String]) throws -> [String: [String]] {
        let script = """
            data(api)
            d <- \(table)[, \(strings(columns))]
            for (v in names(d)) cat(v, paste(ifelse(is.na(d[[v]]), "NA", if (is.numeric(d[[v]])) sprintf("%.17g", d[[v]]) else as.character(d[[v]])), collapse = "\\t"), "\\n", sep = "\\t")
            """
        var result: [String: [String]] = [:]
        for line in try run(script).split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard let name = fields.first else { continue }
            // The line ends in a tab before its newline: drop that last empty field only, never empty values.
            result[name] = Array(fields.dropFirst().dropLast(fields.last?.isEmpty == true ? 1 : 0))
        }
        for column in columns where result[column] == nil {
            throw Failure(description: "column \(column) missing from R's \(table)")
        }
        return result
    }

    /// The largest absolute difference between two equally long vectors (∞ when lengths differ); printed with
    /// `label` as a line `R-equivalence: label max|Δ| = …` so the figures can be collected from the test log.
    static func maxAbsDiff(_ a: [Double], _ b: [Double], label: String? = nil) -> Double {
        guard a.count == b.count else { return .infinity }
        let difference = zip(a, b).map { abs($0 - $1) }.max() ?? 0
        if let label { print("R-equivalence: \(label) max|Δ| = \(difference) over \(a.count) values") }
        return difference
    }
}
