/// One unit of a ``SamplingPlan``: selected (possibly with certainty) or held in reserve.
public struct SamplingPlanUnit: Sendable, Hashable, Codable {
    /// Set by the store on insert.
    public var planID: Int64?
    /// The unit's row in the sample file, from 1; keeps the file's order.
    public var position: Int
    /// Empty for an unstratified sample.
    public var stratum: String
    public var unitID: String
    public var unitName: String
    /// Every frame column's value (oblast, district, …), keyed by column name.
    public var columns: [String: String]
    /// The size measure, when the frame gives one.
    public var size: Double?
    /// The inclusion probability π, in (0, 1].
    public var probability: Double
    public var certainty: Bool
    /// True for the units that replace refusals, in ``order``.
    public var reserve: Bool
    /// The selection order within the stratum (reserves continue after the selected units).
    public var order: Int
    public var expectedInterviews: Int

    public init(
        planID: Int64? = nil,
        position: Int,
        stratum: String,
        unitID: String,
        unitName: String,
        columns: [String: String] = [:],
        size: Double? = nil,
        probability: Double,
        certainty: Bool = false,
        reserve: Bool = false,
        order: Int,
        expectedInterviews: Int = 0
    ) {
        self.planID = planID
        self.position = position
        self.stratum = stratum
        self.unitID = unitID
        self.unitName = unitName
        self.columns = columns
        self.size = size
        self.probability = probability
        self.certainty = certainty
        self.reserve = reserve
        self.order = order
        self.expectedInterviews = expectedInterviews
    }

    enum CodingKeys: String, CodingKey {
        case planID = "plan_id"
        case position, stratum
        case unitID = "unit_id"
        case unitName = "unit_name"
        case columns, size
        case probability = "pi"
        case certainty, reserve
        case order = "selection_order"
        case expectedInterviews = "expected_interviews"
    }
}
