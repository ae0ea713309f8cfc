import SanaripStatistics

/// A design-based model of what drives an indicator (digital skills, cyber hygiene, e-service use): a linear or
/// logistic regression of the indicator on respondents' characteristics, fitted as R's `svyglm`.
///
/// Categorical predictors (questions or category indicators such as `sex`, `age_group`) are coded as R codes a
/// factor: one 0/1 term per level besides the reference level; a numeric indicator (a 0/1 share such as
/// `smartphone_owner`) enters as it is. Rows missing the response or any predictor are left out, the design kept.
public struct DriverModel: Sendable, Hashable {
    /// One characteristic the model holds the others equal for.
    public struct Predictor: Sendable, Hashable {
        /// A column of the data or an indicator.
        public var name: String
        /// Levels merged before coding (value → merged level), e.g. education's nine levels into three; empty: as they are.
        public var merge: [String: String]
        /// The level the others are compared with; nil: the first in sorted order (R's `factor` default).
        public var reference: String?

        public init(_ name: String, merge: [String: String] = [:], reference: String? = nil) {
            self.name = name
            self.merge = merge
            self.reference = reference
        }
    }

    /// A short identifier (`skills`), used in page addresses.
    public var name: String
    public var family: DesignRegression.Family
    /// The indicator (or numeric column) explained; a logistic model needs a 0/1 share.
    public var response: String
    public var predictors: [Predictor]

    public init(name: String, family: DesignRegression.Family, response: String, predictors: [Predictor]) {
        self.name = name
        self.family = family
        self.response = response
        self.predictors = predictors
    }

    /// A stable text of the model, for cache keys.
    public var fingerprint: String {
        "\(name)=\(family.rawValue):\(response)~" + predictors.map { predictor in
            predictor.name + (predictor.reference.map { "@" + $0 } ?? "") + predictor.merge.sorted { $0.key < $1.key }.map { "/\($0.key)>\($0.value)" }.joined()
        }.joined(separator: "+")
    }

    /// Education's levels of the study's instrument merged into three: basic or less, secondary or vocational, higher.
    public static let educationLevels: [String: String] = [
        "none": "edu_basic", "primary": "edu_basic", "basic_secondary": "edu_basic",
        "general_secondary": "edu_secondary", "initial_vocational": "edu_secondary", "secondary_vocational": "edu_secondary",
        "incomplete_higher": "edu_higher", "higher": "edu_higher", "postgraduate": "edu_higher",
    ]

    /// Sex, age group, urban/rural, oblast and education: who someone is and where they live.
    public static let standardPredictors: [Predictor] = [
        Predictor("sex"), Predictor("age_group"), Predictor("settlement_type"), Predictor("oblast"),
        Predictor("education", merge: educationLevels, reference: "edu_basic"),
    ]

    /// The programme's questions of what drives internet use, digital skills, cyber hygiene and e-service use.
    public static let standard: [DriverModel] = [
        DriverModel(name: "skills", family: .logistic, response: "dsi2_at_least_basic", predictors: standardPredictors + [Predictor("smartphone_owner")]),
        DriverModel(name: "hygiene", family: .linear, response: "cyber_hygiene_score", predictors: standardPredictors),
        DriverModel(name: "egov", family: .logistic, response: "egov_online_any", predictors: standardPredictors + [Predictor("smartphone_owner")]),
        DriverModel(name: "internet", family: .logistic, response: "internet_use", predictors: standardPredictors),
    ]
}
