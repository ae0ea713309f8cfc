import Foundation

/// A selected sample kept for the field: how it was drawn, and what each stratum must deliver.
///
/// The units themselves are ``SamplingPlanUnit`` rows; ``strata`` holds the per-stratum targets the
/// fieldwork dashboard compares progress with.
public struct SamplingPlan: Sendable, Hashable, Codable, Identifiable {
    /// Assigned by the store on insert.
    public var id: Int64?
    public var studyID: String
    /// Unique within the study.
    public var name: String
    /// The selection method (`systematic`, `brewer`, `sampford`, …).
    public var method: String
    /// The random seed, as text so that every `UInt64` fits.
    public var seed: String
    /// The size-measure column of the frame, if any.
    public var sizeColumn: String?
    /// The stratum column of the frame; nil for an unstratified sample.
    public var strataColumn: String?
    /// The sample size as the designer wrote it (`10 per stratum`, `allocation.csv`).
    public var sampleSize: String
    /// Interviews expected in each selected (non-reserve) unit; nil when not set.
    public var interviewsPerUnit: Int?
    /// The frame's columns in file order, the keys of every unit's ``SamplingPlanUnit/columns``.
    public var frameColumns: [String]
    /// Per-stratum counts and targets, in the order strata first appear.
    public var strata: [SamplingPlanStratum]
    public var createdAt: Date
    public var createdBy: String
    /// The sample file the plan was read from.
    public var sourceFile: String

    public init(
        id: Int64? = nil,
        studyID: String,
        name: String,
        method: String,
        seed: String,
        sizeColumn: String? = nil,
        strataColumn: String? = nil,
        sampleSize: String = "",
        interviewsPerUnit: Int? = nil,
        frameColumns: [String] = [],
        strata: [SamplingPlanStratum] = [],
        createdAt: Date = Date(),
        createdBy: String,
        sourceFile: String
    ) {
        self.id = id
        self.studyID = studyID
        self.name = name
        self.method = method
        self.seed = seed
        self.sizeColumn = sizeColumn
        self.strataColumn = strataColumn
        self.sampleSize = sampleSize
        self.interviewsPerUnit = interviewsPerUnit
        self.frameColumns = frameColumns
        self.strata = strata
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.sourceFile = sourceFile
    }

    enum CodingKeys: String, CodingKey {
        case id
        case studyID = "study_id"
        case name, method, seed
        case sizeColumn = "size_column"
        case strataColumn = "strata_column"
        case sampleSize = "sample_size"
        case interviewsPerUnit = "interviews_per_unit"
        case frameColumns = "frame_columns"
        case strata
        case createdAt = "created_at"
        case createdBy = "created_by"
        case sourceFile = "source_file"
    }

    /// Units selected for interviewing, reserves left out.
    public var selectedCount: Int { strata.reduce(0) { $0 + $1.selected } }
    public var certaintyCount: Int { strata.reduce(0) { $0 + $1.certainty } }
    public var reserveCount: Int { strata.reduce(0) { $0 + $1.reserve } }
    public var expectedInterviews: Int { strata.reduce(0) { $0 + $1.expectedInterviews } }
}

/// What one stratum of a plan holds and must deliver.
public struct SamplingPlanStratum: Sendable, Hashable, Codable {
    /// The stratum's value in the frame; empty for an unstratified sample.
    public var name: String
    /// Selected units, certainty units included, reserves not.
    public var selected: Int
    public var certainty: Int
    public var reserve: Int
    public var expectedInterviews: Int

    public init(name: String, selected: Int = 0, certainty: Int = 0, reserve: Int = 0, expectedInterviews: Int = 0) {
        self.name = name
        self.selected = selected
        self.certainty = certainty
        self.reserve = reserve
        self.expectedInterviews = expectedInterviews
    }

    enum CodingKeys: String, CodingKey {
        case name, selected, certainty, reserve
        case expectedInterviews = "expected_interviews"
    }

    /// The counts of `units` per stratum, strata in the order they first appear.
    public static func counts(of units: [SamplingPlanUnit]) -> [SamplingPlanStratum] {
        var strata: [SamplingPlanStratum] = []
        var index: [String: Int] = [:]
        for unit in units {
            let position = index[unit.stratum] ?? {
                strata.append(SamplingPlanStratum(name: unit.stratum))
                index[unit.stratum] = strata.count - 1
                return strata.count - 1
            }()
            if unit.reserve {
                strata[position].reserve += 1
            } else {
                strata[position].selected += 1
                if unit.certainty { strata[position].certainty += 1 }
            }
            strata[position].expectedInterviews += unit.expectedInterviews
        }
        return strata
    }
}
