import Foundation
import SanaripCore

/// Writes an SPSS system file (`.sav`) as a stream: the dictionary first, then one case at a time,
/// with flat memory, and the case count patched into the header by `finish()`.
///
/// The file declares UTF-8 (character encoding record), so Kyrgyz and Russian names and labels survive.
/// Long names use the long variable names record, strings over 255 bytes the very long string record, and
/// value labels and missing values of strings over 8 bytes their own records, as PSPP and SPSS write them.
/// Data are bytecode-compressed unless `compressed` is false. The file is written beside `url` and moved
/// into place by `finish()`; a writer dropped or cancelled before that leaves nothing behind.
///
/// ```swift
/// let writer = try SPSSWriter(url: url, variables: [
///     SPSSVariable(name: "age", label: "Жашы"),
///     SPSSVariable(name: "sex", label: "Жынысы", valueLabels: [.init(1, "Эркек"), .init(2, "Аял")]),
/// ])
/// try writer.append(row: [34, 2])
/// try writer.finish()
/// ```
public final class SPSSWriter {
    /// Offset of the case count in the file header.
    static let caseCountOffset: UInt64 = 80
    /// The system-missing value: the most negative double.
    static let systemMissing = -Double.greatestFiniteMagnitude
    static let compressionBias = 100.0

    private let dictionary: SPSSDictionary
    /// What encoding a case needs of the dictionary, shared by every ``SPSSCases`` of this writer.
    private let layout: SPSSCases.Layout
    private let output: FileOutput
    private let compressed: Bool
    private var compressor = SPSSBytecodeBlock()
    /// The run ``append(row:)`` encodes each case into.
    private var single: SPSSCases
    private var rowBuffer = ByteBuffer(capacity: 4096)
    /// Cases written so far.
    public private(set) var rowCount = 0
    private var finished = false

    /// Checks the dictionary (names, widths, formats, value labels, missing values) and writes it.
    /// A bad dictionary throws `SPSSError` before anything is created.
    public init(
        url: URL,
        variables: [SPSSVariable],
        fileLabel: String = "",
        compressed: Bool = true,
        created: CivilDateTime? = nil
    ) throws {
        dictionary = try SPSSDictionary(variables: variables)
        layout = SPSSCases.Layout(
            names: variables.map(\.name),
            widths: variables.map(\.width),
            segments: dictionary.entries.map { $0.variable.width > 255 ? $0.segmentWidths : [$0.variable.width] },
            compressed: compressed
        )
        single = SPSSCases(layout: layout)
        self.compressed = compressed
        output = try FileOutput(destination: url)
        let now = created ?? CivilDateTime(secondsSinceEpoch: Date().timeIntervalSince1970, utcOffsetSeconds: 0)
        var header = ByteBuffer(capacity: 4096)
        SPSSDictionaryRecords.write(dictionary, fileLabel: fileLabel, compressed: compressed, created: now, into: &header)
        try output.write(header)
    }

    deinit {
        output.discard()
    }

    /// The variables, in order.
    public var variables: [SPSSVariable] { dictionary.entries.map(\.variable) }

    /// An empty run of cases for this writer's variables, to fill on any thread and give to ``append(_:)``.
    public func makeCases() -> SPSSCases {
        SPSSCases(layout: layout)
    }

    /// Appends one case: one value per variable, in dictionary order. A case that does not fit (wrong count,
    /// a string for a number, a string wider than its variable) throws and writes nothing.
    public func append(row: [SPSSValue]) throws {
        guard !finished else { throw SPSSError("the file is already finished; create a new writer to write more") }
        guard row.count == layout.widths.count else {
            throw SPSSError(row: rowCount + 1, "\(row.count) values given for \(layout.widths.count) variables; give one value per variable, in order")
        }
        single.removeAll()
        do {
            for value in row { try single.append(value) }
            try single.endCase()
        } catch {
            throw SPSSError(variable: error.variable, row: rowCount + 1, error.message)
        }
        try append(single)
    }

    /// Appends the whole cases of a run made by ``makeCases()``, after those appended before.
    public func append(_ cases: SPSSCases) throws {
        guard !finished else { throw SPSSError("the file is already finished; create a new writer to write more") }
        guard cases.layout.widths == layout.widths, cases.layout.compressed == compressed else {
            throw SPSSError("the cases were encoded for another dictionary; make them with this writer's makeCases()")
        }
        guard cases.variable == 0 else {
            throw SPSSError(row: rowCount + cases.count + 1, "the case was begun but not ended; call endCase() after its last value")
        }
        if compressed {
            rowBuffer.removeAll()
            compressor.add(codes: cases.codes, raw: cases.raw, into: &rowBuffer)
            try output.write(rowBuffer)
        } else {
            try output.write(cases.raw)
        }
        rowCount += cases.count
    }

    /// Ends the data, writes the case count into the header, syncs and moves the file into place.
    public func finish() throws {
        guard !finished else { return }
        finished = true
        if compressed {
            rowBuffer.removeAll()
            compressor.flush(into: &rowBuffer)
            try output.write(rowBuffer)
        }
        var count = ByteBuffer()
        count.int32LE(rowCount <= Int(Int32.max) ? Int32(rowCount) : -1)
        try output.patch(count.bytes, at: Self.caseCountOffset)
        try output.commit()
    }

    /// Abandons the file: the partial file is deleted and nothing appears at the destination.
    public func cancel() {
        finished = true
        output.discard()
    }
}
