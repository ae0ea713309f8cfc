import Foundation
import Testing

/// Data past the five million cells the questionnaire loader allows: the statistics commands read any size.
@Suite("large data files")
struct LargeDataTests {
    /// 560,000 records × 9 columns = 5,040,000 cells (the old limit refused more than 5,000,000). The records form a
    /// balanced full cross of region (4) × sex (2) × age (7), 10,000 in each cell, with base weight 1, so raking to
    /// margins T·pᵣ, T·pₛ, T·pₐ has the closed-form solution w = T·pᵣ·pₛ·pₐ / 10,000 for every record.
    @Test func weightRakesPastTheOldCellLimit() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let regions = ["issyk-kul", "osh", "bishkek", "naryn"], sexes = ["f", "m"], ages = (1...7).map { "a\($0)" }
        let pRegion = [0.4, 0.3, 0.2, 0.1], pSex = [0.52, 0.48], pAge = [0.1, 0.2, 0.15, 0.15, 0.2, 0.1, 0.1]
        let perCell = 10_000, total = 6_000_000.0
        let records = regions.count * sexes.count * ages.count * perCell
        var text = "id,region,sex,age,w0,x1,x2,x3,x4\n"
        text.reserveCapacity(records * 40)
        for id in 0..<records {
            let cell = id % (regions.count * sexes.count * ages.count)
            let r = cell % regions.count, s = cell / regions.count % sexes.count, a = cell / (regions.count * sexes.count)
            text += "\(id),\(regions[r]),\(sexes[s]),\(ages[a]),1,\(id % 97),\(id % 13).5,x\(id % 5),\(id % 2)\n"
        }
        #expect(records * 9 > 5_000_000)
        let data = directory.appendingPathComponent("big.csv")
        try text.write(to: data, atomically: true, encoding: .utf8)
        var margins = "variable,level,total\n"
        for (level, p) in zip(regions, pRegion) { margins += "region,\(level),\(total * p)\n" }
        for (level, p) in zip(sexes, pSex) { margins += "sex,\(level),\(total * p)\n" }
        for (level, p) in zip(ages, pAge) { margins += "age,\(level),\(total * p)\n" }
        let marginsFile = directory.appendingPathComponent("margins.csv")
        try margins.write(to: marginsFile, atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent("weighted.csv")

        let result = try CommandRunner.run(["weight", "--data", data.path, "--base", "w0", "--margins", marginsFile.path, "--method", "rake", "-o", output.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("cells"), "\(result.stderr)")
        #expect(result.stderr.contains("wrote \(output.path) (\(records) records, method rake)"), "\(result.stderr)")

        // Every input record is copied as it was, with its weight appended; the weights are the closed form.
        let written = try String(contentsOf: output, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let input = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(written.count == input.count)
        #expect(written.first == "id,region,sex,age,w0,x1,x2,x3,x4,weight")
        var worst = 0.0
        for (line, original) in zip(written.dropFirst(), input.dropFirst()) where !line.isEmpty {
            guard let comma = line.lastIndex(of: ","), line[..<comma] == original, let weight = Double(line[line.index(after: comma)...]) else {
                Issue.record("record changed: \(line) from \(original)")
                return
            }
            let fields = original.split(separator: ",")
            let r = try #require(regions.firstIndex(of: String(fields[1]))), s = try #require(sexes.firstIndex(of: String(fields[2])))
            let a = try #require(ages.firstIndex(of: String(fields[3])))
            let expected = total * pRegion[r] * pSex[s] * pAge[a] / Double(perCell)
            worst = max(worst, abs(weight - expected) / expected)
        }
        #expect(worst < 1e-9, "largest relative difference from the closed form: \(worst)")
    }
}
