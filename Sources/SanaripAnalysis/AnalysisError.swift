/// A problem the user can fix, as one line naming the file, row and column and what to do.
public struct AnalysisError: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
