/// A secondary instance the form reads from a file attached to it (`xml-external NAME`, `csv-external NAME`).
///
/// It has no node in the submission and no control: expressions read it as `instance('NAME')/root/item…`. The
/// XForm declares it among the other file instances (`pulldata`, selects from files) in document order, which is
/// why its survey-sheet row is kept.
public struct ExternalInstance: Sendable, Hashable {
    /// The kind of file, from the type's first word.
    public enum Format: String, Sendable, Hashable {
        case xml, csv
    }

    public var name: String
    public var format: Format
    /// The survey-sheet row: its place among the questions, and where messages point.
    public var row: Int?

    public init(name: String, format: Format, row: Int? = nil) {
        self.name = name
        self.format = format
        self.row = row
    }

    /// The file's URI as ODK Collect resolves it (`jr://file/NAME.xml`, `jr://file-csv/NAME.csv`).
    public var source: String {
        switch format {
        case .xml: "jr://file/\(name).xml"
        case .csv: "jr://file-csv/\(name).csv"
        }
    }
}
