/// Something a signed-in person may be allowed to do; ``AccessPolicy`` says which roles may.
public enum Permission: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Their own account: change their password, sign out.
    case ownAccount
    /// The home page and lists (which show only the studies the person belongs to).
    case browse
    /// A study's pages: instruments and their sections.
    case viewInstruments
    /// An instrument's files: XLSForm, XForm, interviewer manuals.
    case downloadInstruments
    /// A study's sampling plans on screen.
    case viewPlans
    /// A plan's unit lists as CSV or printable pages, for the field team.
    case downloadPlans
    /// Add or change a study's instruments and plans.
    case editStudies
    /// Fetch forms and send submissions (ODK Collect over OpenRosa).
    case collectData
    /// Read and review submissions.
    case reviewSubmissions
    /// Export respondents' answers.
    case exportData
    /// See the answers the instrument marks sensitive (names, phone numbers, exact GPS) in exports.
    case viewSensitive
    /// Add, change and disable users other than admins.
    case manageUsers
    /// A study's results on screen: the analysis workspace (indicators, gaps, barriers, design).
    case viewResults
    /// A study's results as files: charts (SVG), tables (CSV) and reports.
    case downloadResults
    // Focus groups (issue 12).
    /// Focus-group transcripts, participants' attributes and quotes, on screen and as files (sensitive: audited).
    case viewTranscripts
    /// Code transcripts and edit the codebook.
    case codeTranscripts

    public var description: String { rawValue }

    /// Whether the permission is about one study's objects, so that the person must belong to that study.
    public var isStudyScoped: Bool {
        switch self {
        case .ownAccount, .browse, .manageUsers: false
        default: true
        }
    }
}
