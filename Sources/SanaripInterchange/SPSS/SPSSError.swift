/// Why an SPSS dictionary or case cannot be written, naming the variable (and case) and what to do.
/// Nothing is written for a bad dictionary; a bad case is refused whole and the file stays valid.
public struct SPSSError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The 1-based position of the variable concerned, when there is one.
    public let variable: Int?
    /// The 1-based case (row) concerned, when there is one.
    public let row: Int?
    public let message: String

    init(variable: Int? = nil, row: Int? = nil, _ message: String) {
        self.variable = variable
        self.row = row
        self.message = message
    }

    public var description: String {
        var place: [String] = []
        if let row { place.append("case \(row)") }
        if let variable { place.append("variable \(variable)") }
        return place.isEmpty ? "SPSS file: \(message)" : "SPSS file, \(place.joined(separator: ", ")): \(message)"
    }
}
