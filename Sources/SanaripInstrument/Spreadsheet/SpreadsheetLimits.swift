/// Bounds on what one workbook may expand to, so a small hostile upload (a zip bomb, a sheet of
/// millions of cells) is refused with a message instead of exhausting memory.
public struct SpreadsheetLimits: Sendable, Hashable {
    /// The most bytes all entries read from one archive may inflate to together; also the largest file read.
    public var maxTotalUncompressedBytes: Int
    /// The most bytes one entry (a sheet, the shared strings) may inflate to.
    public var maxEntryBytes: Int
    /// The largest inflated-to-compressed size ratio accepted for an entry once it has inflated past
    /// 1 MB; ordinary sheets stay well below 100, zip bombs reach 1000.
    public var maxCompressionRatio: Int
    /// The most cells (counting empty cells before the last non-empty one in each row) a workbook may hold.
    public var maxCells: Int

    public init(
        maxTotalUncompressedBytes: Int = 200_000_000,
        maxEntryBytes: Int = 100_000_000,
        maxCompressionRatio: Int = 200,
        maxCells: Int = 5_000_000
    ) {
        self.maxTotalUncompressedBytes = maxTotalUncompressedBytes
        self.maxEntryBytes = maxEntryBytes
        self.maxCompressionRatio = maxCompressionRatio
        self.maxCells = maxCells
    }

    /// 200 MB in all, 100 MB per entry, a ratio of 200, five million cells.
    public static let `default` = SpreadsheetLimits()

    /// Entries smaller than this are never refused for their compression ratio.
    static let compressionRatioFloor = 1_000_000
}

extension XLSXReader {
    /// The bounds an ``XLSXReader`` reads within.
    public typealias Limits = SpreadsheetLimits
}
