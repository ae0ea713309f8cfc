import SanaripCore

/// One table of an export: the submissions (`repeatPath` empty) or the instances of one repeat.
///
/// Writers (CSV here; SPSS `.sav`, XLSX elsewhere) get the tables' descriptions first, then their rows
/// (``ExportRow``: UTF-8 cells in column order), so any of them can write the same export.
public struct ExportTable: Sendable, Hashable {
    /// The table's name: the form id, or `formid-repeat` for a repeat (as ODK Central names its files).
    public var name: String
    /// The repeat's path from the root (`household/member`); empty for the submissions' table.
    public var repeatPath: String
    public var columns: [ExportColumn]

    public init(name: String, repeatPath: String, columns: [ExportColumn]) {
        self.name = name
        self.repeatPath = repeatPath
        self.columns = columns
    }
}

/// A column of an ``ExportTable``, with what a labelled format needs: the question's label, its kind and the
/// labels of its values.
public struct ExportColumn: Sendable, Hashable {
    /// What the column holds, for writers that type their variables.
    public enum Kind: Sendable, Hashable {
        case text
        case number
        case date
        case dateTime
        /// One choice of a `select_one`: the cell is the choice name; ``ExportColumn/valueLabels`` label them.
        case choice
        /// A `select_multiple` option: `1` chosen, `0` not (also when the question was not answered, as Central writes it).
        case indicator
    }

    /// The header, as ODK Central writes it (`access-used_internet`, `apps/whatsapp`, `KEY`).
    public var name: String
    public var label: LocalizedText
    public var kind: Kind
    /// Labels of the values a choice column holds, in the choice list's order.
    public var valueLabels: [(value: String, label: LocalizedText)]

    public init(name: String, label: LocalizedText = LocalizedText(), kind: Kind = .text, valueLabels: [(value: String, label: LocalizedText)] = []) {
        self.name = name
        self.label = label
        self.kind = kind
        self.valueLabels = valueLabels
    }

    public static func == (lhs: ExportColumn, rhs: ExportColumn) -> Bool {
        lhs.name == rhs.name && lhs.label == rhs.label && lhs.kind == rhs.kind
            && lhs.valueLabels.map(\.value) == rhs.valueLabels.map(\.value) && lhs.valueLabels.map(\.label) == rhs.valueLabels.map(\.label)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
    }
}

/// Where an export goes: the tables are announced once, then rows arrive table by table, interleaved.
public protocol ExportTableWriter {
    /// Called once, before any row.
    mutating func begin(_ tables: [ExportTable]) throws
    /// One row of `tables[table]`, a cell per column; the row's storage is reused for the next one.
    mutating func write(_ row: ExportRow, table: Int) throws
    /// Called once after the last row; a writer makes its files appear only now.
    mutating func finish() async throws
}
