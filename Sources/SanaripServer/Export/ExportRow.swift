/// One row of an export table: its cells' UTF-8 bytes one after another in a single buffer, with where each
/// cell ends, so a row of hundreds of cells is built and written without a string or an array per cell.
/// A writer keeps one and empties it for the next row, so its storage is reused.
///
/// ```swift
/// var row = ExportRow()
/// row.append("uuid:6f0c…")
/// row.forEachCell { index, bytes in … }   // UTF-8 bytes of each cell
/// ```
public struct ExportRow: Sendable, Hashable {
    /// The cells' bytes, one after another.
    public private(set) var bytes: [UInt8] = []
    /// The end of each cell in ``bytes`` (its start is the previous cell's end).
    public private(set) var ends: [Int] = []

    public init() {}

    /// A row of `cells`.
    public init(_ cells: [String]) {
        for cell in cells { append(cell) }
    }

    /// How many cells the row has.
    public var count: Int { ends.count }

    /// Empties the row, keeping its storage.
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    /// Appends a cell holding `text`.
    public mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
        ends.append(bytes.count)
    }

    /// Appends a cell holding `cell`, UTF-8.
    public mutating func append(_ cell: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: cell)
        ends.append(bytes.count)
    }

    /// Appends bytes to a cell that ``endCell()`` then closes, for cells written in pieces.
    mutating func appendToCell(_ part: some Sequence<UInt8>) {
        bytes.append(contentsOf: part)
    }

    /// Closes the cell written since the previous one.
    mutating func endCell() {
        ends.append(bytes.count)
    }

    /// Calls `body` with each cell's index and UTF-8 bytes, in order.
    public func forEachCell(_ body: (_ index: Int, _ cell: UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        try bytes.withUnsafeBufferPointer { buffer in
            var start = 0
            for (index, end) in ends.enumerated() {
                try body(index, UnsafeBufferPointer(rebasing: buffer[start..<end]))
                start = end
            }
        }
    }

    /// The cells as strings, for writers that keep strings.
    public var strings: [String] {
        var strings: [String] = []
        strings.reserveCapacity(count)
        forEachCell { _, cell in strings.append(String(decoding: cell, as: UTF8.self)) }
        return strings
    }
}
