import SanaripStatistics

/// A fitted ``DriverModel``: each predictor level's coefficient (log odds for a logistic model) against its
/// reference level, with its design-based interval and p-value, as R's `svyglm` gives them.
public struct DriverResult: Sendable {
    /// One coefficient: a level of a categorical predictor against its reference level, or a numeric predictor.
    public struct Term: Sendable, Hashable {
        public var predictor: String
        /// The level compared with ``reference``; nil for a numeric predictor.
        public var level: String?
        public var reference: String?
        public var estimate: Double
        public var standardError: Double
        public var pValue: Double
        public var low: Double
        public var high: Double
    }

    /// A predictor the model had to leave out, and why.
    public struct Omission: Sendable, Hashable {
        public var predictor: String
        public var reason: String
    }

    public var model: DriverModel
    /// The terms after the intercept, in the model's order (levels in sorted order).
    public var terms: [Term]
    public var omitted: [Omission]
    /// The whole fit (intercept included), nil when it failed (see ``problem``).
    public var regression: DesignRegression?
    /// Why there is no fit, for the reader.
    public var problem: String?

    /// The respondents the model used.
    public var n: Int { regression?.n ?? 0 }
}

extension DriverModel {
    /// Fits the model on `design`: the response and numeric predictors are `numbers(name)` (indicator values) or
    /// else numeric columns of `table`; other predictors are `table`'s columns, coded as factors. Never throws: a
    /// model that cannot be fitted says why in ``DriverResult/problem``.
    public func fit(design: SurveyDesign, table: DataTable, numbers: (String) -> [Double]?, level: Double = 0.95) -> DriverResult {
        var result = DriverResult(model: self, terms: [], omitted: [], regression: nil, problem: nil)
        guard let y = numbers(response) ?? (try? table.numbers(response)) else {
            result.problem = "'\(response)' is neither an indicator nor a numeric column of the data"
            return result
        }
        if family == .logistic, let bad = y.first(where: { !$0.isNaN && $0 != 0 && $0 != 1 }) {
            result.problem = "a logistic model needs a 0/1 share; '\(response)' has the value \(bad)"
            return result
        }
        enum Coded { case factor(DataFactor), numeric([Double]) }
        var present = y.indices.map { !y[$0].isNaN && design.weights[$0] != 0 }
        var kept: [(Predictor, Coded)] = []
        for predictor in predictors {
            let coded: Coded
            if let values = numbers(predictor.name) {
                coded = .numeric(values)
            } else if let column = try? table.column(predictor.name) {
                coded = .factor(Self.merged(column.factor(), predictor.merge))
            } else {
                result.omitted.append(.init(predictor: predictor.name, reason: "not in the data"))
                continue
            }
            let isPresent: (Int) -> Bool = {
                switch coded {
                case .factor(let factor): { factor.codes[$0] >= 0 }
                case .numeric(let values): { !values[$0].isNaN }
                }
            }()
            guard present.indices.contains(where: { present[$0] && isPresent($0) }) else {
                result.omitted.append(.init(predictor: predictor.name, reason: "not answered by anyone the model is about"))
                continue
            }
            for row in present.indices where present[row] && !isPresent(row) { present[row] = false }
            kept.append((predictor, coded))
        }
        var columns: [(name: String, values: [Double])] = []
        var terms: [(predictor: String, level: String?, reference: String?)] = []
        for (predictor, coded) in kept {
            switch coded {
            case .numeric(let values):
                columns.append((predictor.name, values))
                terms.append((predictor.name, nil, nil))
            case .factor(let factor):
                var used = Set<Int32>()
                for row in present.indices where present[row] { used.insert(factor.codes[row]) }
                let levels = used.sorted()
                guard levels.count > 1 else {
                    result.omitted.append(.init(predictor: predictor.name, reason: "one value only (\(levels.first.map { factor.levels[Int($0)] } ?? "-"))"))
                    continue
                }
                let reference = predictor.reference.flatMap { name in levels.first { factor.levels[Int($0)] == name } } ?? levels[0]
                for code in levels where code != reference {
                    let values = factor.codes.map { $0 == code ? 1.0 : used.contains($0) ? 0 : .nan }
                    columns.append((predictor.name + "=" + factor.levels[Int(code)], values))
                    terms.append((predictor.name, factor.levels[Int(code)], factor.levels[Int(reference)]))
                }
            }
        }
        guard let regression = design.regression(family, response: y, predictors: columns, level: level) else {
            result.problem = "the model cannot be fitted: too few respondents, predictors that say the same, or a logistic fit that does not converge"
            return result
        }
        result.regression = regression
        result.terms = terms.enumerated().map { index, term in
            let j = index + 1
            return DriverResult.Term(predictor: term.predictor, level: term.level, reference: term.reference, estimate: regression.coefficients[j],
                                     standardError: regression.standardErrors[j], pValue: regression.pValues[j], low: regression.ciLow[j], high: regression.ciHigh[j])
        }
        return result
    }

    /// `factor` with its levels merged as `merge` says (levels it does not name stay), levels sorted again.
    static func merged(_ factor: DataFactor, _ merge: [String: String]) -> DataFactor {
        guard !merge.isEmpty else { return factor }
        let names = factor.levels.map { merge[$0] ?? $0 }
        let levels = Array(Set(names)).sorted()
        let index = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, Int32($0)) })
        let recode = names.map { index[$0]! }
        return DataFactor(codes: factor.codes.map { $0 < 0 ? -1 : recode[Int($0)] }, levels: levels)
    }
}
