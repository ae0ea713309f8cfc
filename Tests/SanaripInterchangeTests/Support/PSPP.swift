import Foundation

/// GNU PSPP (Debian `pspp`) as the independent reader of the .sav files Sanarip writes: `DISPLAY DICTIONARY`
/// rendered by PSPP's CSV output driver, and the data by `pspp-convert` to CSV.
enum PSPP {
    /// One row of PSPP's "Variables" table.
    struct Variable: Equatable {
        var name: String
        var position: String
        var label: String
        var measure: String
        var alignment: String
        var printFormat: String
        var writeFormat: String
        var missingValues: String
    }

    struct Dictionary {
        var variables: [Variable]
        /// (variable label, or name when it has none; value; label), in PSPP's order.
        var valueLabels: [(variable: String, value: String, label: String)]
        /// Everything PSPP printed, for failure messages (including its warnings).
        var transcript: String
    }

    /// The dictionary as PSPP reads it. Any warning or error PSPP prints fails the read.
    static func dictionary(of file: URL) throws -> Dictionary {
        let syntax = ExternalTool.file(".sps"), output = ExternalTool.file(".csv")
        try "GET FILE='\(file.path)'.\nDISPLAY DICTIONARY.\n".write(to: syntax, atomically: true, encoding: .utf8)
        let run = try ExternalTool.run("pspp", ["-o", output.path, syntax.path])
        let transcript = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        guard run.status == 0, !transcript.contains("warning:"), !transcript.contains("error:") else {
            throw ExternalTool.Failure(description: "pspp could not read \(file.lastPathComponent) cleanly (status \(run.status)):\n\(run.output)\(run.errors)\n\(transcript.prefix(3000))")
        }
        var variables: [Variable] = []
        var valueLabels: [(String, String, String)] = []
        for table in transcript.components(separatedBy: "\n\n") {
            let rows = CSV.parse(table)
            guard let title = rows.first?.first else { continue }
            if title == "Table: Variables" {
                // Columns by heading: PSPP leaves out columns no variable uses (e.g. Missing Values).
                let headings = rows.count > 1 ? rows[1] : []
                func column(_ heading: String, _ row: [String]) -> String {
                    guard let index = headings.firstIndex(of: heading), index < row.count else { return "" }
                    return row[index]
                }
                for row in rows.dropFirst(2) where row.count == headings.count {
                    variables.append(Variable(
                        name: column("Name", row), position: column("Position", row), label: column("Label", row),
                        measure: column("Measurement Level", row), alignment: column("Alignment", row),
                        printFormat: column("Print Format", row), writeFormat: column("Write Format", row),
                        missingValues: column("Missing Values", row)
                    ))
                }
            } else if title == "Table: Value Labels" {
                var current = ""
                for row in rows.dropFirst(2) where row.count >= 3 {
                    if !row[0].isEmpty { current = row[0] }
                    valueLabels.append((current, withoutFootnote(row[1]), row[2]))
                }
            }
        }
        return Dictionary(variables: variables, valueLabels: valueLabels, transcript: transcript)
    }

    /// PSPP's `SYSFILE INFO` of the file as CSV text (encoding, case count, compression…).
    static func fileInfo(of file: URL) throws -> String {
        let syntax = ExternalTool.file(".sps"), output = ExternalTool.file(".csv")
        try "SYSFILE INFO FILE='\(file.path)'.\n".write(to: syntax, atomically: true, encoding: .utf8)
        _ = try ExternalTool.output("pspp", ["-o", output.path, syntax.path])
        return try String(contentsOf: output, encoding: .utf8)
    }

    /// A value without PSPP's footnote mark, e.g. `9[a]` (a user-missing value) → `9`.
    static func withoutFootnote(_ text: String) -> String {
        guard text.hasSuffix("]"), let open = text.lastIndex(of: "["), text.distance(from: open, to: text.endIndex) == 3 else { return text }
        return String(text[..<open])
    }

    /// The cases as `pspp-convert` writes them to CSV: the header row of names, then one row per case
    /// (numbers in shortest round-trip form, dates as MM/DD/YYYY, system-missing as a space).
    static func data(of file: URL) throws -> [[String]] {
        let output = ExternalTool.file(".csv")
        _ = try ExternalTool.output("pspp-convert", [file.path, output.path])
        return CSV.parse(try String(contentsOf: output, encoding: .utf8))
    }
}

/// A small RFC 4180 reader for the tools' CSV output (quoted fields, doubled quotes, embedded newlines).
enum CSV {
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = ""
        var quoted = false, iterator = Array(text).makeIterator(), pending: Character?
        while let c = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field)
                field = ""
            } else if c == "\n" || c == "\r\n" {
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                field.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }
}
