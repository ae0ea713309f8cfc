import Foundation
import Testing

@Suite("weight, end to end")
struct WeightCommandTests {
    /// Twelve respondents with base weights 10–21, sex and area.
    static let data = """
        id,sex,area,w0
        1,m,urban,10
        2,m,urban,11
        3,m,rural,12
        4,m,rural,13
        5,m,rural,14
        6,f,urban,15
        7,f,urban,16
        8,f,rural,17
        9,f,rural,18
        10,f,rural,19
        11,f,rural,20
        12,m,urban,21
        """

    static let margins = """
        variable,level,total
        sex,m,480
        sex,f,520
        area,urban,350
        area,rural,650
        """

    static let targets = [("sex", "m", 480.0), ("sex", "f", 520.0), ("area", "urban", 350.0), ("area", "rural", 650.0)]

    func run(data: String = data, margins: String = margins, extra: [String] = []) throws -> (CommandRunner.Result, URL, URL) {
        let directory = try CommandRunner.temporaryDirectory()
        let dataFile = directory.appendingPathComponent("survey.csv")
        let marginsFile = directory.appendingPathComponent("margins.csv")
        try data.write(to: dataFile, atomically: true, encoding: .utf8)
        try margins.write(to: marginsFile, atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent("weighted.csv")
        let result = try CommandRunner.run(
            ["weight", "--data", dataFile.path, "--base", "w0", "--margins", marginsFile.path, "-o", output.path] + extra)
        return (result, output, directory)
    }

    /// Raking calibration stops at a relative misfit of 1e-7 unless told otherwise.
    @Test("rake and calibration reach every margin to 1e-6 and keep every input column", arguments: [
        ("rake", []), ("linear", []), ("raking-calibration", ["--epsilon", "1e-12"]),
    ])
    func rakeReachesMargins(method: String, options: [String]) throws {
        let (result, output, directory) = try run(extra: ["--method", method] + options)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(result.status == 0, "\(result.stderr)")
        let weighted = try CSVFile(output)
        #expect(weighted.header == ["id", "sex", "area", "w0", "weight"])
        #expect(weighted.rows.map { $0["id"] } == (1...12).map { String($0) })
        let weights = try weighted.rows.map { try #require(Double($0["weight"] ?? "")) }
        for (variable, level, total) in Self.targets {
            let sum = zip(weighted.rows, weights).filter { $0.0[variable] == level }.reduce(0) { $0 + $1.1 }
            #expect(abs(sum - total) < 1e-6, "\(method) \(variable)=\(level): \(sum) vs \(total)")
        }
        #expect(weights.allSatisfy { $0 > 0 })
        #expect(result.stderr.contains("wrote \(output.path) (12 records, method \(method))"))
    }

    @Test("raking one margin is post-stratification: each level's weights scale by target / base total")
    func singleMarginScales() throws {
        let (result, output, directory) = try run(margins: "variable,level,total\nsex,m,480\nsex,f,520\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try CSVFile(output).rows
        // Men's base weights sum to 10+11+12+13+14+21 = 81, women's to 15+…+20 = 105.
        let first = try #require(rows.first.flatMap { Double($0["weight"] ?? "") })
        #expect(abs(first - 10 * 480 / 81) < 1e-9)
        let sixth = try #require(Double(rows[5]["weight"] ?? ""))
        #expect(abs(sixth - 15 * 520 / 105) < 1e-9)
    }

    @Test("a margin naming a column the data lacks fails on one line naming it")
    func missingColumn() throws {
        let (result, output, directory) = try run(margins: Self.margins + "\nage,15-29,400\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        expectOneLineFailure(result, naming: "no column 'age' (given by --margins)")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test("a negative base weight fails on one line naming its row and column")
    func negativeWeight() throws {
        let (result, _, directory) = try run(data: Self.data.replacingOccurrences(of: "2,m,urban,11", with: "2,m,urban,-11"))
        defer { try? FileManager.default.removeItem(at: directory) }
        expectOneLineFailure(result, naming: "survey.csv, row 3, column w0: is '-11'; it must be a weight ≥ 0")
    }

    @Test("a negative margin total fails on one line naming the column")
    func negativeTotal() throws {
        let (result, _, directory) = try run(margins: Self.margins.replacingOccurrences(of: "sex,f,520", with: "sex,f,-520"))
        defer { try? FileManager.default.removeItem(at: directory) }
        expectOneLineFailure(result, naming: "margins.csv, row 3, column total: is '-520'; it must be a total ≥ 0")
    }

    @Test("a margin level nobody in the data has is an error naming the margin and level")
    func emptyCell() throws {
        let (result, _, directory) = try run(margins: Self.margins + "\narea,nomadic,10\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("area") && result.stderr.contains("nomadic"), "\(result.stderr)")
    }
}
