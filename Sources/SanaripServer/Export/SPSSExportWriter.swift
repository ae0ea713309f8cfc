import Foundation
import SanaripCore
import SanaripInterchange

/// Writes an export as SPSS system files (`.sav`): the submissions to the output file and each repeat beside it
/// as `OUTPUT-repeat.sav`, with variable labels and value labels in one language of the instrument.
///
/// SPSS declares every variable's type and string width before the first case, so rows go to an on-disk
/// ``ExportSpool`` first while each column is profiled (longest text, all numbers, all dates); ``finish()``
/// then types the variables and streams the spooled rows into the files, batches of rows encoded on every core
/// (as UTF-8 bytes, no string per cell) and appended in order. Memory stays flat either way.
///
/// - Names: the CSV headers made SPSS-valid and unique by `SPSSNameMaker` (`access-used_internet` →
///   `access_used_internet`, `apps/whatsapp` → `apps_whatsapp`).
/// - Labels: the question's label in the chosen language (the header when a column has none, e.g. `KEY`);
///   a `select_multiple` option's 0/1 column is labelled "question: option".
/// - Types: numbers, and `select_one` answers when every choice name is a number, are numeric (choices with
///   numeric value labels); dates and date-times are SPSS dates (wall-clock time as Collect recorded it);
///   everything else, and any column with a value that breaks its type, is a string as wide as its longest value.
public struct SPSSExportWriter: ExportTableWriter {
    public let output: URL
    /// The language code (`ky`, `ru`, `en`) of the labels; nil for the form's default language.
    public let language: String?
    /// Where each table goes, once ``begin(_:)`` has named the tables.
    public private(set) var destinations: [URL] = []
    private var tables: [ExportTable] = []
    private var spools: [ExportSpool] = []
    private var profiles: [[ColumnProfile]] = []

    public init(output: URL, language: String? = nil) {
        self.output = output
        self.language = language
    }

    /// What the rows of one column held.
    struct ColumnProfile {
        var longest = 0
        var allNumbers = true
        var allDates = true
        var decimals = 0

        /// A column of `kind`: only what its kind can become is checked (a text column stays a string).
        init(kind: ExportColumn.Kind) {
            switch kind {
            case .number, .indicator, .choice: allDates = false
            case .date, .dateTime: allNumbers = false
            case .text: (allNumbers, allDates) = (false, false)
            }
        }

        /// Takes one cell's UTF-8 bytes into account.
        mutating func add(_ cell: UnsafeBufferPointer<UInt8>) {
            guard !cell.isEmpty else { return }
            longest = max(longest, cell.count)
            if allNumbers {
                if let number = SPSSExportWriter.number(cell), number.value.isFinite {
                    decimals = max(decimals, number.decimals)
                } else {
                    allNumbers = false
                }
            }
            if allDates, CivilDateTime(isoUTF8: cell) == nil { allDates = false }
        }
    }

    public mutating func begin(_ tables: [ExportTable]) throws {
        self.tables = tables
        destinations = ExportTable.destinations(of: tables, output: output, defaultExtension: "sav")
        let folder = output.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        spools = try tables.map { _ in try ExportSpool(in: folder) }
        profiles = tables.map { $0.columns.map { ColumnProfile(kind: $0.kind) } }
    }

    public mutating func write(_ row: ExportRow, table: Int) throws {
        profiles[table].withUnsafeMutableBufferPointer { profiles in
            row.forEachCell { index, cell in
                if index < profiles.count { profiles[index].add(cell) }
            }
        }
        try spools[table].append(row)
    }

    /// Writes every file under a temporary name, then moves them all into place, readable by their owner only.
    public mutating func finish() async throws {
        var written: [URL] = []
        defer { for url in written { try? FileManager.default.removeItem(at: url) } }
        for index in tables.indices {
            let temporary = destinations[index].deletingLastPathComponent()
                .appendingPathComponent(".sanarip-\(UUID().uuidString).sav")
            let variables = Self.variables(for: tables[index], profiles: profiles[index], language: language)
            let writer = try SPSSWriter(url: temporary, variables: variables.map(\.variable), fileLabel: tables[index].name)
            written.append(temporary)
            try await Self.write(spools[index], to: writer, conversions: variables.map(\.conversion))
            try writer.finish()
        }
        for (temporary, destination) in zip(written, destinations) {
            // Respondents' answers: readable by their owner only, as the CSV export's files are.
            guard chmod(temporary.path, 0o600) == 0, rename(temporary.path, destination.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: destination.path])
            }
        }
        written.removeAll()
        spools.removeAll()
    }

    /// Encodes the spooled batches of rows on every core and appends them to `writer` in their order, with a few
    /// batches in flight at most (memory stays flat).
    private static func write(_ spool: ExportSpool, to writer: SPSSWriter, conversions: [TypedVariable.Conversion]) async throws {
        let inFlight = 2 * max(1, ProcessInfo.processInfo.activeProcessorCount)
        try await withThrowingTaskGroup(of: (Int, SPSSCases).self) { group in
            var started = 0
            var appended = 0
            var exhausted = false
            var finished: [Int: SPSSCases] = [:]
            var unused: [SPSSCases] = []
            while true {
                if !exhausted, started - appended < inFlight {
                    if let batch = try spool.nextBatch() {
                        let (number, cases) = (started, unused.popLast() ?? writer.makeCases())
                        group.addTask { (number, try encode(batch, conversions: conversions, into: cases)) }
                        started += 1
                    } else {
                        exhausted = true
                    }
                    continue
                }
                guard let (number, cases) = try await group.next() else { break }
                finished[number] = cases
                while let cases = finished.removeValue(forKey: appended) {
                    try writer.append(cases)
                    unused.append(cases)
                    appended += 1
                }
            }
        }
    }

    /// A batch of spooled rows as SPSS cases (`cases` is emptied first; its storage is reused).
    static func encode(_ batch: ExportSpool.Batch, conversions: [TypedVariable.Conversion], into cases: SPSSCases) throws -> SPSSCases {
        var cases = cases
        cases.removeAll()
        try conversions.withUnsafeBufferPointer { conversions in
            try batch.forEachRow { index, cell in
                if index < conversions.count { try append(cell, as: conversions[index], to: &cases) }
            } endRow: {
                try cases.endCase()
            }
        }
        return cases
    }

    /// An SPSS variable and how a cell becomes its value.
    struct TypedVariable {
        enum Conversion: Sendable { case number, date, text(width: Int) }
        var variable: SPSSVariable
        var conversion: Conversion
    }

    /// Appends the value of a cell's UTF-8 bytes: missing when empty or not of the variable's type; text cut
    /// at a character boundary when longer than the variable (only past SPSS's longest string).
    static func append(_ cell: UnsafeBufferPointer<UInt8>, as conversion: TypedVariable.Conversion, to cases: inout SPSSCases) throws {
        guard !cell.isEmpty else { return try cases.appendMissing() }
        switch conversion {
        case .number:
            if let number = number(cell) { try cases.append(number: number.value) } else { try cases.appendMissing() }
        case .date:
            if let date = CivilDateTime(isoUTF8: cell) { try cases.append(.date(date)) } else { try cases.appendMissing() }
        case .text(let width):
            var end = min(cell.count, width)
            while end < cell.count, end > 0, cell[end] & 0xC0 == 0x80 { end -= 1 }
            try cases.append(utf8: UnsafeBufferPointer(rebasing: cell[..<end]))
        }
    }

    static let longestString = 32_767

    private static let powersOfTen: [Double] = (0...22).map { (0..<$0).reduce(1.0) { value, _ in value * 10 } }

    /// The number a cell holds and its count of digits after the point; nil when it is not a number.
    /// Plain decimals (`-12.50`) with at most 15 digits are read exactly without `strtod` (an integer below
    /// 2^53 divided by an exact power of ten is correctly rounded); anything else goes to `Double(_:)`.
    static func number(_ bytes: UnsafeBufferPointer<UInt8>) -> (value: Double, decimals: Int)? {
        let fast: (value: Double, decimals: Int)? = {
            var index = 0
            let negative = bytes.first == UInt8(ascii: "-")
            if negative { index = 1 }
            var mantissa: UInt64 = 0
            var digits = 0
            var decimals = -1
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "."), decimals < 0 {
                    decimals = 0
                } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                    mantissa = mantissa &* 10 &+ UInt64(byte &- UInt8(ascii: "0"))
                    digits += 1
                    if decimals >= 0 { decimals += 1 }
                } else {
                    return nil
                }
                index += 1
            }
            guard digits > 0, digits <= 15, decimals <= 22 else { return nil }
            let value = Double(mantissa) / powersOfTen[max(0, decimals)]
            return (negative ? -value : value, max(0, decimals))
        }()
        if let fast { return fast }
        let cell = String(decoding: bytes, as: UTF8.self)
        guard let value = Double(cell) else { return nil }
        let decimals = cell.firstIndex(of: ".").map { cell.distance(from: cell.index(after: $0), to: cell.endIndex) } ?? 0
        return (value, decimals)
    }

    /// The table's variables, typed by what its columns held.
    static func variables(for table: ExportTable, profiles: [ColumnProfile], language: String?) -> [TypedVariable] {
        var names = SPSSNameMaker()
        return zip(table.columns, profiles).map { column, profile in
            let name = names.name(for: column.name)
            let label = text(column.label, language) ?? column.name
            let hasValues = profile.longest > 0
            switch column.kind {
            case .number where profile.allNumbers, .indicator where profile.allNumbers:
                let width = min(40, max(8, profile.longest + 1))
                let decimals = min(16, profile.decimals, width - 2)
                let measure: SPSSVariable.Measure = column.kind == .indicator ? .nominal : .scale
                return TypedVariable(variable: SPSSVariable(name: name, label: label, format: .f(width, decimals), measure: measure), conversion: .number)
            case .date where profile.allDates && hasValues:
                return TypedVariable(variable: SPSSVariable(name: name, label: label, format: .date), conversion: .date)
            case .dateTime where profile.allDates && hasValues:
                let format = SPSSFormat(.dateTime, width: 24, decimals: 3)
                return TypedVariable(variable: SPSSVariable(name: name, label: label, format: format), conversion: .date)
            case .choice where profile.allNumbers && column.valueLabels.allSatisfy({ Double($0.value)?.isFinite == true }):
                let labels = column.valueLabels.map { SPSSValueLabel(.number(Double($0.value) ?? 0), text($0.label, language) ?? $0.value) }
                let width = min(40, max(8, profile.longest + 1))
                let format = SPSSFormat.f(width, min(16, profile.decimals, width - 2))
                return TypedVariable(variable: SPSSVariable(name: name, label: label, format: format, valueLabels: labels), conversion: .number)
            default:
                let longestChoice = column.valueLabels.map(\.value.utf8.count).max() ?? 0
                let width = min(longestString, max(1, profile.longest, longestChoice))
                let labels = column.valueLabels.filter { $0.value.utf8.count <= width }
                    .map { SPSSValueLabel(.string($0.value), text($0.label, language) ?? $0.value) }
                return TypedVariable(variable: SPSSVariable(name: name, label: label, kind: .string(width: width), valueLabels: labels), conversion: .text(width: width))
            }
        }
    }

    private static func text(_ label: LocalizedText, _ language: String?) -> String? {
        label.text(languageCode: language)
    }
}
