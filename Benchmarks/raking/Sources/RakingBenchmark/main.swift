// Usage: RakingBenchmark generate RECORDS SEED OUT.csv      — writes the survey for R
//        RakingBenchmark rake RECORDS SEED R_WEIGHTS.bin RUNS — times Raking.rake and compares with R's weights
import Foundation
import SanaripStatistics

/// The benchmark survey: oblast × urban/rural (4 levels), sex (2), age group (8), with unequal base weights.
struct Survey {
    static let regions = ["Issyk-Kul urban", "Issyk-Kul rural", "Osh urban", "Osh rural"]
    static let sexes = ["f", "m"]
    static let ages = ["15-19", "20-24", "25-29", "30-39", "40-49", "50-59", "60-69", "70+"]
    static let margins: [WeightingMargin] = {
        let region: [Double] = [130_000, 360_000, 100_000, 1_000_000]
        let sex: [Double] = [810_000, 780_000]
        let age: [Double] = [170_000, 160_000, 180_000, 300_000, 250_000, 230_000, 180_000, 120_000]
        return zip(regions, region).map { WeightingMargin(variable: "region", level: $0, total: $1) }
            + zip(sexes, sex).map { WeightingMargin(variable: "sex", level: $0, total: $1) }
            + zip(ages, age).map { WeightingMargin(variable: "age", level: $0, total: $1) }
    }()

    var region: [Int32] = [], sex: [Int32] = [], age: [Int32] = [], weights: [Double] = []

    init(records: Int, seed: UInt64) {
        var g = SeededGenerator(seed: seed)
        region.reserveCapacity(records); sex.reserveCapacity(records); age.reserveCapacity(records); weights.reserveCapacity(records)
        for _ in 0..<records {
            let r = Int32(g.nextInt(below: 4))
            region.append(r)
            sex.append(g.nextUniform() < 0.47 ? 1 : 0)
            age.append(Int32(min(7, Int(g.nextUniform() * g.nextUniform() * 14))))
            weights.append(0.5 + 2 * g.nextUniform() + (r == 3 ? 1 : 0))
        }
    }

    func variables() -> [WeightingVariable] {
        [
            WeightingVariable(name: "region", levels: Self.regions, codes: region),
            WeightingVariable(name: "sex", levels: Self.sexes, codes: sex),
            WeightingVariable(name: "age", levels: Self.ages, codes: age),
        ]
    }
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

let arguments = CommandLine.arguments
guard arguments.count >= 5, let records = Int(arguments[2]), let seed = UInt64(arguments[3]) else {
    FileHandle.standardError.write(Data("usage: RakingBenchmark generate|rake RECORDS SEED FILE [RUNS]\n".utf8))
    exit(2)
}
let survey = Survey(records: records, seed: seed)
// R's default control, used on both sides: at most 10 passes, stop when no cell moves by 1 or more.
let options = Raking.Options(maxIterations: 10, epsilon: 1)

switch arguments[1] {
case "generate":
    var text = "region,sex,age,w\n"
    text.reserveCapacity(records * 32)
    for k in 0..<records {
        text += "\(Survey.regions[Int(survey.region[k])]),\(Survey.sexes[Int(survey.sex[k])]),\(Survey.ages[Int(survey.age[k])]),\(survey.weights[k])\n"
    }
    try text.write(toFile: arguments[4], atomically: true, encoding: .utf8)
    var margins = "variable,level,total\n"
    for m in Survey.margins { margins += "\(m.variable),\(m.level),\(m.total)\n" }
    try margins.write(toFile: arguments[4] + ".margins.csv", atomically: true, encoding: .utf8)
case "rake":
    let runs = arguments.count > 5 ? Int(arguments[5]) ?? 5 : 5
    let variables = survey.variables()
    var result: WeightingResult?
    var coded: [Double] = []
    for _ in 0..<runs {
        coded.append(try seconds { result = try Raking.rake(weights: survey.weights, variables: variables, margins: Survey.margins, options: options) })
    }
    let strings = variables.map { v in v.codes.map { v.levels[Int($0)] } }
    var fromStrings: [Double] = []
    for _ in 0..<runs {
        fromStrings.append(try seconds {
            let encoded = zip(variables, strings).map { WeightingVariable(name: $0.name, values: $1) }
            _ = try Raking.rake(weights: survey.weights, variables: encoded, margins: Survey.margins, options: options)
        })
    }
    let data = try Data(contentsOf: URL(fileURLWithPath: arguments[4]))
    let rWeights = data.withUnsafeBytes { Array($0.bindMemory(to: Double.self)) }
    guard let weights = result?.weights, rWeights.count == weights.count else {
        print("ERROR: R wrote \(rWeights.count) weights for \(records) records")
        exit(1)
    }
    var maxAbs = 0.0, maxRel = 0.0
    for k in weights.indices {
        maxAbs = max(maxAbs, abs(weights[k] - rWeights[k]))
        maxRel = max(maxRel, abs(weights[k] - rWeights[k]) / abs(rWeights[k]))
    }
    print(String(format: "swift_coded_median_s %.6f", median(coded)))
    print(String(format: "swift_coded_min_s %.6f", coded.min()!))
    print(String(format: "swift_strings_median_s %.6f", median(fromStrings)))
    print("swift_iterations \(result!.diagnostics.iterations)")
    print(String(format: "max_abs_diff %.3e", maxAbs))
    print(String(format: "max_rel_diff %.3e", maxRel))
default:
    FileHandle.standardError.write(Data("unknown mode \(arguments[1])\n".utf8))
    exit(2)
}
