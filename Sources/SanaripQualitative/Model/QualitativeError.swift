/// What went wrong reading or checking focus-group material, worded for the person who supplied it: the file, the
/// place in it and what to do.
public enum QualitativeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A file that cannot be read as what it claims to be.
    case unreadable(file: String, reason: String)
    /// A transcript line naming a speaker who is not among the participants.
    case unknownSpeaker(file: String, line: Int, speaker: String)
    /// Anything else inconsistent, already phrased.
    case invalid(String)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            "\(file): \(reason)"
        case .unknownSpeaker(let file, let line, let speaker):
            "\(file), line \(line): the speaker \"\(speaker)\" is not a participant of this session; add them to the participants file (name,role,sex,age_group,…) or correct the name"
        case .invalid(let message):
            message
        }
    }
}
