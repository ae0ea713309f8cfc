import Foundation
import Testing

@Suite("sanarip weight from stage probabilities with a nonresponse adjustment")
struct NonresponseTests {
    @Test func baseWeightsFromProbabilitiesThenNonresponseThenPostStratification() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("data.csv")
        let margins = directory.appendingPathComponent("margins.csv")
        let output = directory.appendingPathComponent("weighted.csv")
        // Two stages: municipality π and household π; two cells; one nonrespondent in each.
        try """
            id,cell,p1,p2,responded
            1,a,0.5,0.1,1
            2,a,0.5,0.2,1
            3,a,0.25,0.1,0
            4,b,0.5,0.5,yes
            5,b,1,0.25,no
            6,b,1,0.5,yes
            """.write(to: data, atomically: true, encoding: .utf8)
        try "variable,level,total\ncell,a,100\ncell,b,30\n".write(to: margins, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run([
            "weight", "--data", data.path, "--probs", "p1,p2", "--responded", "responded", "--nonresponse-cells", "cell",
            "--margins", margins.path, "--method", "poststratify", "-o", output.path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        // Base weights 20, 10, 40 | 4, 4, 2. Cell a: respondents 20 and 10 carry 70 → 46.67, 23.33; b: 4 and 2 carry 10 → 6.67, 3.33.
        #expect(result.stderr.contains("4 of 6 responded; base weights now sum to 80"))
        let rows = try String(contentsOf: output, encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        let weights = rows.map { Double($0.last!)! }
        #expect(weights[2] == 0 && weights[4] == 0)
        #expect(abs(weights[0] + weights[1] - 100) < 1e-9)
        #expect(abs(weights[0] / weights[1] - 2) < 1e-12)
        #expect(abs(weights[3] + weights[5] - 30) < 1e-9)
        #expect(abs(weights[3] / weights[5] - 2) < 1e-12)
        let record = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output.path + ".weighting.json"))) as? [String: Any])
        #expect(record["method"] as? String == "poststratify")
        #expect(record["variables"] as? [String] == ["cell"])
        #expect(record["base"] as? String == "1/(p1·p2)")
        #expect(record["nonresponseCells"] as? String == "cell")
    }

    @Test func badResponseValueNamesRowAndColumn() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("data.csv")
        try "id,cell,p,responded\n1,a,0.5,1\n2,a,0.5,maybe\n".write(to: data, atomically: true, encoding: .utf8)
        let margins = directory.appendingPathComponent("margins.csv")
        try "variable,level,total\ncell,a,4\n".write(to: margins, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run([
            "weight", "--data", data.path, "--probs", "p", "--responded", "responded", "--margins", margins.path,
            "-o", directory.appendingPathComponent("w.csv").path,
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains("row 3, column responded: is 'maybe'"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("w.csv").path))
    }
}
