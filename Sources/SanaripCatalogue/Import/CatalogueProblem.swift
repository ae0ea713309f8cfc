/// One thing wrong in an imported catalogue file, pointing at the row and column.
public struct CatalogueProblem: Sendable, Hashable, CustomStringConvertible {
    /// The spreadsheet row number (1 is the header), nil for a problem with the whole file.
    public var row: Int?
    /// The column name, nil for a problem with the whole row.
    public var column: String?
    /// What is wrong and what to do.
    public var message: String

    public init(row: Int?, column: String?, message: String) {
        self.row = row
        self.column = column
        self.message = message
    }

    public var description: String {
        var place: [String] = []
        if let row { place.append("row \(row)") }
        if let column { place.append("column \(column)") }
        return place.isEmpty ? message : "\(place.joined(separator: ", ")): \(message)"
    }
}

/// Why a catalogue file was refused: every problem found, nothing imported.
public struct CatalogueImportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file name.
    public var file: String
    public var problems: [CatalogueProblem]

    public init(file: String, problems: [CatalogueProblem]) {
        self.file = file
        self.problems = problems
    }

    public var description: String {
        let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
        return "\(file): nothing imported, \(count):\n" + problems.map { "  \(file): \($0)" }.joined(separator: "\n")
    }
}
