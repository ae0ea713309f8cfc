import ArgumentParser
import Foundation
import SanaripInstrument

/// A table read from a CSV or XLSX file for the `sample` and `weight` commands: a header row and data rows,
/// with the file and row numbers kept so that every message can say where the problem is.
struct StatisticsTable {
    var file: String
    var header: [String]
    var rows: [[String]]
    var rowNumbers: [Int]

    /// Reads the first sheet of `path` (a `.csv` file is one sheet); fails with a one-line message.
    static func load(_ path: String, what: String) throws -> StatisticsTable {
        let url = URL(fileURLWithPath: path)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw StatisticsCommandFailure("\(path): \(what) file not found")
        }
        let workbook: Workbook
        do {
            workbook = try WorkbookLoader.load(contentsOf: url)
        } catch {
            throw StatisticsCommandFailure("\(error) (reading the \(what) \(path))")
        }
        guard let sheet = workbook.sheets.first, let first = sheet.rows.first else {
            throw StatisticsCommandFailure("\(path): the \(what) is empty; it needs a header row and one row per unit")
        }
        let header = first.cells.map { $0.trimmingCharacters(in: .whitespaces) }
        let data = sheet.rows.dropFirst().filter { $0.cells.contains { !$0.isEmpty } }
        return StatisticsTable(
            file: path, header: header,
            rows: data.map { row in row.cells.count < header.count ? row.cells + Array(repeating: "", count: header.count - row.cells.count) : row.cells },
            rowNumbers: data.map(\.number))
    }

    /// The index of `name` (exact, then case-insensitive), or a failure naming the option and the columns.
    func column(_ name: String, option: String) throws -> Int {
        if let index = header.firstIndex(of: name) ?? header.firstIndex(where: { $0.lowercased() == name.lowercased() }) { return index }
        throw StatisticsCommandFailure("\(file): no column '\(name)' (given by \(option)); columns are: \(header.joined(separator: ", "))")
    }

    /// The values of a column as numbers; an empty or non-numeric cell fails naming its row and column.
    func numbers(_ column: Int, requirement: String = "a number", accept: (Double) -> Bool = { $0.isFinite }) throws -> [Double] {
        try rows.enumerated().map { k, row in
            let text = row[column].trimmingCharacters(in: .whitespaces)
            guard let value = Double(text), accept(value) else {
                let shown = text.isEmpty ? "is empty" : "is '\(text)'"
                throw StatisticsCommandFailure("\(file), row \(rowNumbers[k]), column \(header[column]): \(shown); it must be \(requirement)")
            }
            return value
        }
    }
}

/// A failure the user can fix: printed as one line on standard error, exit status 1.
struct StatisticsCommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}

/// CSV output through ``CSVCodec``, written atomically.
enum StatisticsCSV {
    static func write(header: [String], rows: [[String]], to path: String) throws {
        let text = CSVCodec().text(for: [header] + rows)
        do {
            try Terminal.writeAtomically(Data(text.utf8), to: URL(fileURLWithPath: path))
        } catch {
            throw StatisticsCommandFailure("\(path): cannot write (\(error.localizedDescription)); check the folder exists and is writable")
        }
    }

    /// Shortest text that reads back as the same Double.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
    }
}

extension AsyncParsableCommand {
    /// Runs `body`, turning a ``StatisticsCommandFailure`` or a library error into a one-line message and exit status 1.
    func reportingStatisticsFailures(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let failure as StatisticsCommandFailure {
            Terminal.error("error: \(failure)")
            throw ExitCode(1)
        } catch let error as ExitCode {
            throw error
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        }
    }
}
