/// What agreement is measured over: every character of the transcripts (as NVivo and QualCoder compare coders), or
/// every speaker turn (a turn counts as coded by a coder when any of the coder's codings touches it).
public enum AgreementUnit: String, Sendable, Hashable, Codable, CaseIterable {
    case character
    case turn
}
