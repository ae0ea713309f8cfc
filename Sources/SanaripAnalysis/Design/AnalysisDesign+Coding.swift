import SanaripStatistics

/// The stored form of a design (`study_analysis.design`, migration `v7.analysis`): one flat JSON object with the
/// specification's fields and the weighting record, `lonelyPSU` as its policy's name. Designs stored before
/// `ultimateCluster` existed read as false.
extension AnalysisDesign: Codable {
    enum CodingKeys: String, CodingKey {
        case ids, strata, weights, probabilities, fpc, nest, lonelyPSU, ultimateCluster, calibration
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let policy = try container.decodeIfPresent(String.self, forKey: .lonelyPSU) ?? LonelyPSUPolicy.fail.rawValue
        guard let lonelyPSU = LonelyPSUPolicy(rawValue: policy) else {
            throw DecodingError.dataCorruptedError(forKey: .lonelyPSU, in: container,
                                                   debugDescription: "'\(policy)' is not a lonely-PSU policy (\(LonelyPSUPolicy.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        self.init(
            SurveyDesignSpecification(
                ids: try container.decodeIfPresent([String].self, forKey: .ids) ?? [],
                strata: try container.decodeIfPresent(String.self, forKey: .strata),
                weights: try container.decodeIfPresent(String.self, forKey: .weights),
                probabilities: try container.decodeIfPresent([String].self, forKey: .probabilities) ?? [],
                fpc: try container.decodeIfPresent([String].self, forKey: .fpc) ?? [],
                nest: try container.decodeIfPresent(Bool.self, forKey: .nest) ?? false,
                lonelyPSU: lonelyPSU,
                ultimateCluster: try container.decodeIfPresent(Bool.self, forKey: .ultimateCluster) ?? false),
            calibration: try container.decodeIfPresent(WeightingRecord.self, forKey: .calibration))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(specification.ids, forKey: .ids)
        try container.encodeIfPresent(specification.strata, forKey: .strata)
        try container.encodeIfPresent(specification.weights, forKey: .weights)
        try container.encode(specification.probabilities, forKey: .probabilities)
        try container.encode(specification.fpc, forKey: .fpc)
        try container.encode(specification.nest, forKey: .nest)
        try container.encode(specification.lonelyPSU.rawValue, forKey: .lonelyPSU)
        if specification.ultimateCluster { try container.encode(true, forKey: .ultimateCluster) }
        try container.encodeIfPresent(calibration, forKey: .calibration)
    }
}
