import Foundation

/// PPS selection of frame units, stratum by stratum, with certainty units and reserves.
extension SamplingFrame {
    /// What to select.
    public struct PPSDesign: Sendable, Hashable {
        public var sizeColumn: String
        public var strataColumn: String?
        /// n per stratum; key "" when there are no strata.
        public var allocation: [String: Int]
        public var method: PPSSelection.Method
        public var seed: UInt64
        /// Reserve units per stratum, to replace refusals in the order given.
        public var reserve: Int
        /// Columns to sort by within strata before selection (implicit stratification for systematic PPS);
        /// empty keeps the frame order. Numbers sort numerically, text lexicographically.
        public var sortColumns: [String]

        public init(sizeColumn: String, strataColumn: String? = nil, allocation: [String: Int], method: PPSSelection.Method = .systematic,
                    seed: UInt64, reserve: Int = 0, sortColumns: [String] = []) {
            self.sizeColumn = sizeColumn
            self.strataColumn = strataColumn
            self.allocation = allocation
            self.method = method
            self.seed = seed
            self.reserve = reserve
            self.sortColumns = sortColumns
        }
    }

    /// One frame unit in the selection output.
    public struct SelectedUnit: Sendable, Hashable {
        /// Index into `rows`.
        public var row: Int
        public var stratum: String
        /// π_i for the main sample of its stratum.
        public var probability: Double
        public var certainty: Bool
        /// 1, 2, … within the stratum: certainty units first, then the sample in list order, then the
        /// reserves in the order they are to be used.
        public var order: Int
        public var reserve: Bool
    }

    /// The selection: the selected and reserve units, and the systematic starts (to audit the draw).
    public struct PPSSample: Sendable, Hashable {
        public var units: [SelectedUnit]
        /// Stratum → random start u of systematic selection (systematic method only).
        public var starts: [String: Double]
    }

    /// Selects units with probability proportional to size in every stratum of `design.allocation`.
    ///
    /// In each stratum, π_i = ``InclusionProbabilities/compute(sizes:sampleSize:)`` with certainty units, and the
    /// sample is drawn with `design.method`. Reserves are then drawn by the same method with probability
    /// proportional to size among the units not selected, and put in a random order: using a reserve is a
    /// substitution, so their `probability` is their π in the main design and the weights of a sample with
    /// substitutes are approximate. Strata are processed in order of first appearance in the frame, all from
    /// one ``SeededGenerator`` stream, so the seed fixes the whole selection.
    ///
    /// - Throws: ``SamplingError`` when a size is invalid or a stratum is too small.
    public func selectPPS(_ design: PPSDesign) throws(SamplingError) -> PPSSample {
        guard let sizeIndex = column(design.sizeColumn) else {
            throw .invalidParameter(name: "size column '\(design.sizeColumn)'", requirement: "is not in the frame")
        }
        let strataIndex: Int?
        if let name = design.strataColumn {
            guard let index = column(name) else { throw .invalidParameter(name: "strata column '\(name)'", requirement: "is not in the frame") }
            strataIndex = index
        } else {
            strataIndex = nil
        }
        let sortIndices = try design.sortColumns.map { name throws(SamplingError) -> Int in
            guard let index = column(name) else { throw .invalidParameter(name: "sort column '\(name)'", requirement: "is not in the frame") }
            return index
        }
        let strata = unitsByStratum(column: strataIndex)
        let members = Dictionary(uniqueKeysWithValues: strata.map { ($0.stratum, $0.units) })
        for stratum in design.allocation.keys.sorted() where members[stratum] == nil {
            throw .invalidParameter(name: "stratum '\(stratum)'", requirement: "is in the allocation but has no unit in the frame")
        }
        var generator = SeededGenerator(seed: design.seed)
        var units: [SelectedUnit] = []
        var starts: [String: Double] = [:]
        for (stratum, stratumUnits) in strata {
            let n = design.allocation[stratum] ?? 0
            guard n > 0 else { continue }
            var list = stratumUnits
            if !sortIndices.isEmpty { list = sorted(list, by: sortIndices) }
            let sizes = try list.map { k throws(SamplingError) -> Double in
                let text = rows[k][sizeIndex].trimmingCharacters(in: .whitespaces)
                guard let value = Double(text), value.isFinite, value >= 0 else {
                    throw .invalidParameter(name: "row \(rowNumbers[k]), column \(header[sizeIndex])", requirement: "has size '\(text)'; it must be a number ≥ 0")
                }
                return value
            }
            let available = sizes.count { $0 > 0 }
            guard n + design.reserve <= available else {
                throw .sampleTooLarge(requested: n + design.reserve, available: available, stratum: stratum)
            }
            let pi = try InclusionProbabilities.compute(sizes: sizes, sampleSize: n)
            let selected: [Int]
            if design.method == .systematic {
                let u = generator.nextUniform()
                starts[stratum] = u
                let flags = try PPSSelection.systematicFlags(pi, start: u)
                selected = flags.indices.filter { flags[$0] }
            } else {
                selected = try PPSSelection.select(probabilities: pi, method: design.method, using: &generator)
            }
            let certain = selected.filter { pi[$0] >= 1 - PPSSelection.epsilon }
            let others = selected.filter { pi[$0] < 1 - PPSSelection.epsilon }
            var order = 0
            for i in certain + others {
                order += 1
                units.append(SelectedUnit(row: list[i], stratum: stratum, probability: pi[i], certainty: pi[i] >= 1 - PPSSelection.epsilon, order: order, reserve: false))
            }
            guard design.reserve > 0 else { continue }
            let chosen = Set(selected)
            let rest = sizes.indices.filter { !chosen.contains($0) }
            let restPi = try InclusionProbabilities.compute(sizes: rest.map { sizes[$0] }, sampleSize: design.reserve)
            var reserves = try PPSSelection.select(probabilities: restPi, method: design.method, using: &generator).map { rest[$0] }
            for j in stride(from: reserves.count - 1, to: 0, by: -1) { reserves.swapAt(j, generator.nextInt(below: j + 1)) }
            for i in reserves {
                order += 1
                units.append(SelectedUnit(row: list[i], stratum: stratum, probability: pi[i], certainty: false, order: order, reserve: true))
            }
        }
        return PPSSample(units: units, starts: starts)
    }

    private func sorted(_ list: [Int], by columns: [Int]) -> [Int] {
        list.enumerated().sorted { a, b in
            for c in columns {
                let x = rows[a.element][c], y = rows[b.element][c]
                if x == y { continue }
                if let p = Double(x), let q = Double(y) { return p < q }
                return x < y
            }
            return a.offset < b.offset
        }.map(\.element)
    }
}
