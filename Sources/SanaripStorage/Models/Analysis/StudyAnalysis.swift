import Foundation

/// A study's analysis settings: where its dataset comes from and its sample design (as JSON the analysis layer
/// reads), with a revision that changes on every save so cached results are recomputed.
public struct StudyAnalysis: Sendable, Hashable, Codable {
    /// Where the respondents' data comes from.
    public enum Source: String, Sendable, Hashable, Codable {
        /// The current submissions of ``StudyAnalysis/formID``.
        case submissions
        /// A CSV or XLSX export imported as ``StudyAnalysis/importData``.
        case `import`
    }

    /// Which submissions are analysed.
    public enum ReviewFilter: String, Sendable, Hashable, Codable {
        case all
        case approved
    }

    public var studyID: String
    public var source: Source
    public var formID: String?
    public var reviewFilter: ReviewFilter
    /// The imported file's name (its extension says how to read it) and bytes.
    public var importName: String?
    public var importData: Data?
    /// The design as JSON (`AnalysisDesign` of `SanaripAnalysis`).
    public var design: Data
    /// The sampling plan the weights come from.
    public var planID: Int64?
    /// Synthetic data (the demo study): every page and report says so.
    public var synthetic: Bool
    /// Raised by every save.
    public var revision: Int64
    public var updatedAt: Date
    public var updatedBy: String

    public init(
        studyID: String, source: Source, formID: String? = nil, reviewFilter: ReviewFilter = .all, importName: String? = nil,
        importData: Data? = nil, design: Data, planID: Int64? = nil, synthetic: Bool = false, revision: Int64 = 1,
        updatedAt: Date = Date(), updatedBy: String = ""
    ) {
        self.studyID = studyID
        self.source = source
        self.formID = formID
        self.reviewFilter = reviewFilter
        self.importName = importName
        self.importData = importData
        self.design = design
        self.planID = planID
        self.synthetic = synthetic
        self.revision = revision
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
    }

    enum CodingKeys: String, CodingKey {
        case studyID = "study_id"
        case source
        case formID = "form_id"
        case reviewFilter = "review_filter"
        case importName = "import_name"
        case importData = "import_data"
        case design
        case planID = "plan_id"
        case synthetic, revision
        case updatedAt = "updated_at"
        case updatedBy = "updated_by"
    }
}

/// One submission's weights: the base weight from the sampling plan and the final (raked) weight.
public struct AnalysisWeight: Sendable, Hashable, Codable {
    public var instanceID: String
    public var baseWeight: Double
    public var weight: Double

    public init(instanceID: String, baseWeight: Double, weight: Double) {
        self.instanceID = instanceID
        self.baseWeight = baseWeight
        self.weight = weight
    }
}
