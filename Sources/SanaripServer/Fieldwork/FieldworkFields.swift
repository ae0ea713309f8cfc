import SanaripCore

/// Where a form keeps what fieldwork is followed by, found by the names the study's instruments use: the
/// place (`oblast`, `district`, `municipality`), the interview's `start` and `end`, the first `geopoint`, `consent`, and the
/// answers that together identify a respondent (for spotting the same person interviewed twice).
///
/// Paths are as submissions store them (`interview/location/municipality`); questions inside repeats are not used.
struct FieldworkFields: Sendable, Hashable {
    var oblast: Question?
    var district: Question?
    var municipality: Question?
    var start: String?
    var end: String?
    var gps: String?
    /// The consent question (`consent`): a submission without its `OK` is a refusal, not an interview.
    var consent: String?
    /// Respondent-identifying questions present in the form, in this order.
    var respondentKey: [String]
    /// Every question outside repeats by name, with its path.
    private var paths: [String: String]

    /// Questions whose answers together identify a respondent, when the form has them.
    static let respondentNames = ["respondent_name", "phone", "municipality", "village", "sex", "age", "hh_size"]

    init(instrument: Instrument) {
        var paths: [String: String] = [:]
        var questions: [String: Question] = [:]
        var start: String?, end: String?, gps: String?
        for located in instrument.walk() where !located.ancestors.contains(where: \.isRepeat) {
            guard case .question(let question) = located.element else { continue }
            let path = located.path.joined(separator: "/")
            paths[question.name] = path
            questions[question.name] = question
            switch question.type {
            case .metadata(.start): start = start ?? path
            case .metadata(.end): end = end ?? path
            case .geopoint: gps = gps ?? path
            default: break
            }
        }
        self.paths = paths
        oblast = questions["oblast"]
        district = questions["district"]
        municipality = questions["municipality"]
        self.start = start
        self.end = end
        self.gps = gps
        consent = paths["consent"]
        respondentKey = Self.respondentNames.compactMap { paths[$0] }
    }

    /// The stored path of the question named `name` (outside repeats).
    func path(of name: String?) -> String? {
        name.flatMap { paths[$0] }
    }

    /// Every path the dashboard reads.
    var all: [String] {
        Array(Set([path(of: oblast?.name), path(of: district?.name), path(of: municipality?.name), start, end, gps, consent].compactMap { $0 } + respondentKey)).sorted()
    }
}
