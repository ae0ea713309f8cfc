import ArgumentParser
import Foundation
import SanaripAnalysis
import SanaripInstrument
import SanaripStatistics

/// A table read from a CSV or XLSX file for the `sample` and `weight` commands: a header row and data rows of
/// text exactly as written, with the file and row numbers kept so that every message can say where the problem is.
/// Read by ``DataFile`` like every statistics command's data; frames, margins and allocations are small tables.
struct StatisticsTable {
    var file: String
    var header: [String]
    var rows: [[String]]
    var rowNumbers: [Int]

    /// Reads the first sheet of `path` (a `.csv` file is one sheet); rows without any value are left out.
    static func load(_ path: String, what: String) throws -> StatisticsTable {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StatisticsCommandFailure("\(path): \(what) file not found")
        }
        let table: DataTable
        do {
            table = try DataFile.read(path, missing: [], keepText: true)
        } catch {
            throw StatisticsCommandFailure("\(error) (reading the \(what) \(path))")
        }
        guard table.columnNames.contains(where: { !$0.isEmpty }) else {
            throw StatisticsCommandFailure("\(path): the \(what) is empty; it needs a header row and one row per unit")
        }
        var rows: [[String]] = []
        var rowNumbers: [Int] = []
        for record in 0..<table.rowCount {
            let cells = table.texts(record)
            guard cells.contains(where: { !$0.isEmpty }) else { continue }
            rows.append(cells)
            rowNumbers.append(table.origin.row(record))
        }
        return StatisticsTable(file: path, header: table.columnNames, rows: rows, rowNumbers: rowNumbers)
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
        DataColumn.label(value)
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
