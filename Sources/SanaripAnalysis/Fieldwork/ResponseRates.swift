/// Response rates of a fielded sample, from its sampling plan's units and the interviews and refusals received:
/// per group (overall, oblast, urban/rural, their cross) the primary sampling units that responded and the
/// interviews against the plan's target; overall also the AAPOR-style outcome rates that refusals allow.
///
/// AAPOR outcome codes as the data gives them: I = interviews (consent given), R = refusals (consent not given),
/// NC = the target's cases with neither (not reached: counted as non-contacts), no cases of unknown eligibility.
/// Then RR1 = I / (I + R + NC), COOP1 = I / (I + R), REF1 = R / (I + R + NC), CON1 = (I + R) / (I + R + NC).
public struct ResponseRates: Sendable {
    /// One sampled unit (PSU) of the plan, as fieldwork left it.
    public struct Unit: Sendable, Hashable {
        public var oblast: String
        /// `urban` or `rural`, as the plan's frame says; empty when it does not.
        public var settlement: String
        /// Interviews the plan expects of the unit (a replaced unit's target moves to its reserve).
        public var target: Int
        public var interviews: Int
        /// Whether the unit is in the sample: a selected unit, or a reserve taken into use.
        public var sampled: Bool

        public init(oblast: String, settlement: String, target: Int, interviews: Int, sampled: Bool) {
            self.oblast = oblast
            self.settlement = settlement
            self.target = target
            self.interviews = interviews
            self.sampled = sampled
        }
    }

    /// The counts and rates of one group of units.
    public struct Row: Sendable, Hashable {
        /// The group's columns (`oblast`, `settlement_type`) and values; empty: the whole sample.
        public var names: [String]
        public var values: [String]
        public var unitsSampled = 0
        public var unitsResponding = 0
        public var target = 0
        public var interviews = 0
        /// Refusals, when the group is the whole sample (the form records no place for a refusal); else nil.
        public var refusals: Int?

        /// Responding PSUs / sampled PSUs.
        public var unitRate: Double { unitsSampled > 0 ? Double(unitsResponding) / Double(unitsSampled) : .nan }
        /// Interviews / target.
        public var completion: Double { target > 0 ? Double(interviews) / Double(target) : .nan }
        /// I + R + NC: the target, or more when interviews and refusals exceed it.
        var eligible: Int { max(target, interviews + (refusals ?? 0)) }
        /// AAPOR RR1, overall only.
        public var rr1: Double? { refusals.map { _ in eligible > 0 ? Double(interviews) / Double(eligible) : .nan } }
        /// AAPOR COOP1, overall only.
        public var coop1: Double? { refusals.map { interviews + $0 > 0 ? Double(interviews) / Double(interviews + $0) : .nan } }
        /// AAPOR REF1, overall only.
        public var ref1: Double? { refusals.map { eligible > 0 ? Double($0) / Double(eligible) : .nan } }
        /// AAPOR CON1, overall only.
        public var con1: Double? { refusals.map { eligible > 0 ? Double(interviews + $0) / Double(eligible) : .nan } }
    }

    /// The whole sample, then each oblast, urban/rural and oblast × urban/rural (where the plan says urban/rural).
    public var rows: [Row]
    /// Interviews outside the plan's units (no municipality, or one the plan did not select).
    public var outsidePlan: Int

    public init(units: [Unit], refusals: Int, outsidePlan: Int) {
        self.outsidePlan = outsidePlan
        let sampled = units.filter(\.sampled)
        func row(_ names: [String], _ values: [String], _ members: [Unit]) -> Row {
            var row = Row(names: names, values: values)
            row.unitsSampled = members.count
            row.unitsResponding = members.filter { $0.interviews > 0 }.count
            row.target = members.reduce(0) { $0 + $1.target }
            row.interviews = members.reduce(0) { $0 + $1.interviews }
            return row
        }
        func distinct(_ key: (Unit) -> String) -> [String] {
            sampled.map(key).reduce(into: [String]()) { if !$0.contains($1) && !$1.isEmpty { $0.append($1) } }
        }
        var overall = row([], [], sampled)
        overall.refusals = refusals
        var rows = [overall]
        let oblasts = distinct(\.oblast), settlements = distinct(\.settlement).sorted()
        rows += oblasts.map { oblast in row(["oblast"], [oblast], sampled.filter { $0.oblast == oblast }) }
        rows += settlements.map { settlement in row(["settlement_type"], [settlement], sampled.filter { $0.settlement == settlement }) }
        for oblast in oblasts {
            rows += settlements.map { settlement in
                row(["oblast", "settlement_type"], [oblast, settlement], sampled.filter { $0.oblast == oblast && $0.settlement == settlement })
            }.filter { $0.unitsSampled > 0 }
        }
        self.rows = rows
    }
}
