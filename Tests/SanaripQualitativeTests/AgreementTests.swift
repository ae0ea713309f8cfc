import Foundation
import Testing
@testable import SanaripInstrument
@testable import SanaripQualitative

@Suite struct AgreementTests {
    /// The fixture project with random overlapping codings by three coders (the third codes only the Kyrgyz
    /// transcript, so the Russian one has missing values).
    static func randomlyCoded(seed: UInt64, coders: [String]) throws -> QualitativeProject {
        var project = try ProjectFixture.imported()
        var random = ExpressionEvaluator.SeededGenerator(seed: seed) // SplitMix64: the same codings in every run
        let codes = ["barrier.cost", "barrier.trust", "eservice.help", "needs.format"]
        for transcript in project.transcripts {
            for (index, coder) in coders.enumerated() where !(index == 2 && transcript.name == "fg-osh-ru") {
                for _ in 0..<8 {
                    let start = Int.random(in: 0..<(transcript.length - 5), using: &random)
                    let end = min(transcript.length, start + Int.random(in: 1...120, using: &random))
                    try project.codeSpan(start, end, transcript: transcript.name, code: codes[Int.random(in: 0..<codes.count, using: &random)], coder: coder)
                }
            }
        }
        return project
    }

    /// The reliability data (coders × units; nil: the coder did not code that transcript) of each code, built
    /// naively, one unit per character or turn, independently of the sweep the library uses.
    static func reliabilityData(_ project: QualitativeProject, unit: AgreementUnit) -> [String: [[Int?]]] {
        let coders = project.coders.filter { coder in project.codings.contains { $0.coderID == coder.id } }
        var result: [String: [[Int?]]] = [:]
        for code in project.codebook.codes where project.codings.contains(where: { $0.codeID == code.id }) {
            var rows = [[Int?]](repeating: [], count: coders.count)
            for transcript in project.transcripts {
                let units: [Range<Int>] = unit == .character ? (0..<transcript.length).map { $0..<($0 + 1) } : transcript.turns.map { $0.start..<$0.end }
                for (row, coder) in coders.enumerated() {
                    let took = project.codings.contains { $0.transcriptID == transcript.id && $0.coderID == coder.id }
                    let mine = project.codings.filter { $0.transcriptID == transcript.id && $0.coderID == coder.id && $0.codeID == code.id }
                    for range in units {
                        rows[row].append(took ? (mine.contains { $0.start < range.upperBound && $0.end > range.lowerBound } ? 1 : 0) : nil)
                    }
                }
            }
            result[code.key] = rows
        }
        return result
    }

    /// α per code and pooled (`*`: every code's units side by side) from PyPI `krippendorff`; nil where it refuses
    /// (a single value in the domain).
    static func pythonAlpha(_ data: [String: [[Int?]]]) throws -> [String: Double?] {
        let input = ReferenceTool.file(".json")
        let json = data.mapValues { rows in rows.map { row in row.map { $0.map { Double($0) } ?? -1 } } }
        try JSONSerialization.data(withJSONObject: json).write(to: input)
        let script = """
        import sys, json, numpy as np, krippendorff
        data = json.load(open(sys.argv[1]))
        def alpha(rows):
            matrix = np.array(rows, dtype=float)
            matrix[matrix < 0] = np.nan
            try:
                value = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
                return None if np.isnan(value) else float(value)
            except ValueError:
                return None
        out = {code: alpha(rows) for code, rows in data.items()}
        out["*"] = alpha(np.concatenate([np.array(rows, dtype=float) for rows in data.values()], axis=1).tolist())
        print(json.dumps(out))
        """
        let output = try ReferenceTool.output(ReferenceTool.python, ["-c", script, input.path])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        return object.mapValues { $0 as? Double }
    }

    @Test(arguments: [(AgreementUnit.character, UInt64(1)), (.character, 2), (.turn, 3), (.turn, 4)])
    func alphaEqualsPythonKrippendorff(unit: AgreementUnit, seed: UInt64) throws {
        let project = try Self.randomlyCoded(seed: seed, coders: ["aida", "nurlan", "zarina"])
        let report = project.agreement(unit: unit)
        let reference = try Self.pythonAlpha(Self.reliabilityData(project, unit: unit))
        #expect(report.entries.count == reference.count)
        var compared = 0
        for entry in report.entries {
            let expected = try #require(reference[entry.code], "python gave no α for \(entry.code)")
            #expect(entry.kappa == nil, "three coders: no κ")
            switch (entry.alpha, expected) {
            case (let mine?, let theirs?):
                #expect(abs(mine - theirs) < 1e-9, "\(entry.code): α \(mine) vs krippendorff \(theirs)")
                compared += 1
            case (nil, nil): break
            default: Issue.record("\(entry.code): α \(String(describing: entry.alpha)) vs krippendorff \(String(describing: expected))")
            }
        }
        #expect(compared >= 3)
    }

    /// Cohen's κ per code for two coders, against R computing it from the same naive unit vectors with `table()`.
    @Test(arguments: [AgreementUnit.character, .turn])
    func kappaEqualsR(unit: AgreementUnit) throws {
        let project = try Self.randomlyCoded(seed: 7, coders: ["aida", "nurlan"])
        let report = project.agreement(unit: unit)
        let data = Self.reliabilityData(project, unit: unit)
        var csv = "code,a,b\n"
        for (code, rows) in data.sorted(by: { $0.key < $1.key }) {
            for index in rows[0].indices {
                guard let a = rows[0][index], let b = rows[1][index] else { continue }
                csv += "\(code),\(a),\(b)\n"
            }
        }
        let file = ReferenceTool.file(".csv")
        try csv.write(to: file, atomically: true, encoding: .utf8)
        let script = """
        d <- read.csv(commandArgs(TRUE)[1], stringsAsFactors = FALSE)
        kappa <- function(a, b) { t <- table(factor(a, 0:1), factor(b, 0:1)); n <- sum(t); po <- sum(diag(t)) / n
          pe <- sum(rowSums(t) * colSums(t)) / n^2; if (pe == 1) NA else (po - pe) / (1 - pe) }
        for (code in unique(d$code)) { s <- d[d$code == code, ]; cat(code, sprintf("%.15f", kappa(s$a, s$b)), "\\n") }
        cat("*", sprintf("%.15f", kappa(d$a, d$b)), "\\n")
        """
        let output = try ReferenceTool.output("Rscript", ["-e", script, file.path])
        var compared = 0
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count >= 2 else { continue }
            let entry = try #require(report.entries.first { $0.code == String(parts[0]) })
            if let expected = Double(parts[1]) {
                let kappa = try #require(entry.kappa, "\(entry.code): no κ, R gives \(expected)")
                #expect(abs(kappa - expected) < 1e-9, "\(entry.code): κ \(kappa) vs R \(expected)")
                compared += 1
            } else {
                #expect(entry.kappa == nil)
            }
        }
        #expect(compared == report.entries.count)
    }

    /// A 50-character text: both code 20 characters, only A 5, only B 10, neither 15 → p_o = 0.7, p_e = 0.5, κ = 0.4.
    @Test func handComputedKappaAtCharacterLevel() throws {
        var project = QualitativeProject(name: "hand", codebook: try Codebook.starter())
        let text = String(repeating: "а", count: 50)
        project.transcripts.append(Transcript(name: "t", text: text, turns: [SpeakerTurn(number: 1, start: 0, end: 50, speaker: "P1", participantID: nil)]))
        try project.codeSpan(0, 25, transcript: "t", code: "barrier.cost", coder: "A")
        try project.codeSpan(0, 20, transcript: "t", code: "barrier.cost", coder: "B")
        try project.codeSpan(25, 35, transcript: "t", code: "barrier.cost", coder: "B")
        let entry = try #require(project.agreement(unit: .character).entries.first { $0.code == "barrier.cost" })
        #expect(abs(try #require(entry.kappa) - 0.4) < 1e-12)
        #expect(entry.units == 50 && entry.disagreements == 15)
        // α by hand: o01 = o10 = 15, o11 = 40, o00 = 30, n1 = 55, n0 = 45, n = 100 → 1 − 99·30/(2·45·55) = 0.4.
        let alpha = try #require(entry.alpha)
        #expect(abs(alpha - 0.4) < 1e-12)
    }

    @Test func edgeCases() throws {
        var counts = ReliabilityCounts()
        // Perfect agreement with both values: κ = α = 1.
        counts.add(present: 0b11, coded: 0b11, units: 4)
        counts.add(present: 0b11, coded: 0, units: 6)
        #expect(counts.kappa(0, 1) == 1 && counts.alpha == 1)
        // Complete disagreement, balanced: κ = −1; α = 1 − (n−1)·2·o01/(2·n0·n1) with n = 20, o01 = 10 → −0.9.
        var opposite = ReliabilityCounts()
        opposite.add(present: 0b11, coded: 0b01, units: 5)
        opposite.add(present: 0b11, coded: 0b10, units: 5)
        #expect(abs(try #require(opposite.kappa(0, 1)) + 1) < 1e-12)
        #expect(abs(try #require(opposite.alpha) + 0.9) < 1e-12)
        // One value only (nobody coded): both undefined, as krippendorff refuses it.
        var none = ReliabilityCounts()
        none.add(present: 0b11, coded: 0, units: 10)
        #expect(none.kappa(0, 1) == nil && none.alpha == nil)
        // A single coder: nothing is pairable.
        var alone = ReliabilityCounts()
        alone.add(present: 0b1, coded: 0b1, units: 3)
        alone.add(present: 0b1, coded: 0, units: 3)
        #expect(alone.alpha == nil && alone.pairableUnits == 0)
        // Overlapping codings by the same coder count once.
        var project = QualitativeProject(name: "overlap", codebook: try Codebook.starter())
        project.transcripts.append(Transcript(name: "t", text: String(repeating: "ө", count: 10), turns: [SpeakerTurn(number: 1, start: 0, end: 10, speaker: "P1", participantID: nil)]))
        try project.codeSpan(0, 6, transcript: "t", code: "barrier.cost", coder: "A")
        try project.codeSpan(3, 8, transcript: "t", code: "barrier.cost", coder: "A")
        try project.codeSpan(0, 8, transcript: "t", code: "barrier.cost", coder: "B")
        let entry = try #require(project.agreement(unit: .character).entries.first { $0.code == "barrier.cost" })
        #expect(entry.kappa == 1 && entry.alpha == 1 && entry.disagreements == 0)
    }

    @Test func fixtureCodingAgreementAndDisagreementsSideBySide() throws {
        let report = try ProjectFixture.coded().agreement(unit: .turn)
        let cost = try #require(report.entries.first { $0.code == "barrier.cost" })
        #expect(cost.coders == ["aida", "nurlan"] && cost.kappa == 1 && cost.alpha == 1)
        let devices = try #require(report.entries.first { $0.code == "barrier.devices" })
        #expect(devices.kappa == 0 && devices.disagreements == 1) // 14 turns: aida 1, nurlan 0 → p_o = 13/14 = p_e
        #expect(report.entries.last?.code == "*")
        let listed = report.disagreements.filter { $0.code == "barrier.time" }
        let time = try #require(listed.first)
        #expect(listed.count == 1)
        #expect(time.turn == 7 && time.speaker == "P2")
        #expect(time.codedBy == ["aida"])
        #expect(time.notCodedBy == ["nurlan"])
        #expect(time.excerpt.contains("Балдар менен убакыт жок"))
    }
}
