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
    /// Each variable's width, 0 for numbers: the per-case loop reads this rather than the whole dictionary.
    private let widths: [Int]
    /// Each string variable's segment widths (one segment up to 255 bytes), computed once.
    private let segments: [[Int]]
    private let output: FileOutput
    private let compressed: Bool
    private var compressor = SPSSBytecodeBlock()
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
        widths = variables.map(\.width)
        segments = dictionary.entries.map { $0.variable.width > 255 ? $0.segmentWidths : [$0.variable.width] }
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

    /// Appends one case: one value per variable, in dictionary order. A case that does not fit (wrong count,
    /// a string for a number, a string wider than its variable) throws and writes nothing.
    public func append(row: [SPSSValue]) throws {
        guard !finished else { throw SPSSError("the file is already finished; create a new writer to write more") }
        let number = rowCount + 1
        guard row.count == dictionary.entries.count else {
            throw SPSSError(row: number, "\(row.count) values given for \(dictionary.entries.count) variables; give one value per variable, in order")
        }
        for index in widths.indices {
            switch (widths[index], row[index]) {
            case (0, .number(let x)):
                if x.isInfinite { throw problem(index, number, "is \(x); SPSS stores finite numbers only; write .missing instead") }
            case (0, .string(let text)):
                throw problem(index, number, "is numeric but the value is the text \"\(text)\"; convert it to a number or make the variable a string")
            case (let width, .string(let text)) where text.utf8.count > width:
                throw problem(index, number, "holds \(width) bytes but the value is \(text.utf8.count) bytes of UTF-8; widen the variable")
            case (let width, .number(let x)) where width > 0:
                throw problem(index, number, "is a string but the value is the number \(x); give it as text")
            default:
                break
            }
        }
        rowBuffer.removeAll()
        for index in widths.indices {
            let width = widths[index]
            if width == 0 {
                if case .number(let x) = row[index], !x.isNaN { emit(number: x) } else { emit(number: Self.systemMissing) }
                continue
            }
            if case .string(var text) = row[index] {
                text.withUTF8 { emit(string: $0, segments: segments[index]) }
            } else {
                emit(string: UnsafeBufferPointer(start: nil, count: 0), segments: segments[index])
            }
        }
        try output.write(rowBuffer)
        rowCount += 1
    }

    private func problem(_ index: Int, _ row: Int, _ message: String) -> SPSSError {
        SPSSError(variable: index + 1, row: row, "\(dictionary.entries[index].variable.name) \(message)")
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

    private func emit(number: Double) {
        if compressed {
            compressor.add(number: number, into: &rowBuffer)
        } else {
            rowBuffer.float64LE(number)
        }
    }

    /// A string's bytes across its segments: segment i holds bytes [255·i, 255·(i+1)), padded with spaces
    /// to its 8-byte units.
    private func emit(string bytes: UnsafeBufferPointer<UInt8>, segments: [Int]) {
        for (segment, width) in segments.enumerated() {
            let start = min(bytes.count, segment * 255)
            let end = min(bytes.count, start + min(width, 255))
            let units = SPSSDictionary.units(ofWidth: width)
            for unit in 0..<units {
                let from = min(end, start + unit * 8)
                let to = min(end, from + 8)
                emit(chunk: bytes[from..<to])
            }
        }
    }

    private func emit(chunk: Slice<UnsafeBufferPointer<UInt8>>) {
        if compressed {
            compressor.add(chunk: chunk, into: &rowBuffer)
        } else {
            rowBuffer.append(chunk, paddedTo: 8)
        }
    }
}
