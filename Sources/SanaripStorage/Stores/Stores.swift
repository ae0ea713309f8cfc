/// Every store the server uses, behind protocols so that another database can stand in for SQLite.
public struct Stores: Sendable {
    public var studies: any StudyStore
    public var instruments: any InstrumentStore
    public var users: any UserStore
    public var auditLog: any AuditLogStore
    public var sessions: any SessionStore
    public var samplingPlans: any SamplingPlanStore
    /// Published form versions for ODK Collect.
    public var forms: any FormStore
    /// Data collectors' devices and their tokens.
    public var collectors: any CollectorStore
    /// Submissions, their answers and attachments.
    public var submissions: any SubmissionStore
    /// Review states, comments and interviewers' assignments.
    public var reviews: any SubmissionReviewStore
    /// Answers whether the database can be reached, for `/health`.
    public var health: any StorageHealthCheck
    /// Each study's analysis dataset, design and weights.
    public var analysis: any AnalysisStore
    /// The municipal web audit: sites, rounds, results, snapshots, checklist answers.
    public var webAudits: any WebAuditStore
    /// Each study's catalogues (courses, providers, e-services, legal acts, initiatives).
    public var catalogue: any CatalogueStore
    /// Focus-group projects: transcripts, participants, codebooks and codings (sensitive).
    public var qualitative: any QualitativeStore
    /// Media narratives: outlets, articles and fetch rounds.
    public var media: any MediaStore
    /// Media narratives: the numbered versions of each study's frame dictionary.
    public var mediaFrames: any MediaFrameStore
    /// Media narratives: near-duplicate groups of articles (syndicated copies).
    public var mediaCopies: any MediaCopyStore

    public init(
        studies: any StudyStore,
        instruments: any InstrumentStore,
        users: any UserStore,
        auditLog: any AuditLogStore,
        sessions: any SessionStore,
        samplingPlans: any SamplingPlanStore,
        forms: any FormStore,
        collectors: any CollectorStore,
        submissions: any SubmissionStore,
        reviews: any SubmissionReviewStore,
        health: any StorageHealthCheck,
        analysis: any AnalysisStore,
        webAudits: any WebAuditStore,
        catalogue: any CatalogueStore,
        qualitative: any QualitativeStore,
        media: any MediaStore,
        mediaFrames: any MediaFrameStore,
        mediaCopies: any MediaCopyStore
    ) {
        self.studies = studies
        self.instruments = instruments
        self.users = users
        self.auditLog = auditLog
        self.sessions = sessions
        self.samplingPlans = samplingPlans
        self.forms = forms
        self.collectors = collectors
        self.submissions = submissions
        self.reviews = reviews
        self.health = health
        self.analysis = analysis
        self.webAudits = webAudits
        self.catalogue = catalogue
        self.qualitative = qualitative
        self.media = media
        self.mediaFrames = mediaFrames
        self.mediaCopies = mediaCopies
    }
}

/// A cheap round trip to the database.
public protocol StorageHealthCheck: Sendable {
    /// Returns when the database answers a query; throws otherwise.
    func checkHealth() async throws
}
