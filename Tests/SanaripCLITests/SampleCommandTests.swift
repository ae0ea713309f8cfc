import Foundation
import Testing

/// Reads a CSV written by the CLI into a header and rows keyed by column name (no quoted commas in these files' key columns).
struct CSVFile {
    var header: [String]
    var rows: [[String: String]]

    init(_ url: URL) throws {
        let lines = try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline).map(CSVFile.fields)
        header = lines.first ?? []
        rows = lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(lines[0], $0)) }
    }

    /// Splits a CSV line on commas outside double quotes, removing the quotes.
    static func fields(_ line: Substring) -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var previous: Character?
        for character in line {
            switch character {
            case "\"":
                if quoted, previous == "\"" { field.append("\"") }
                quoted.toggle()
            case "," where !quoted:
                fields.append(field)
                field = ""
            default:
                field.append(character)
            }
            previous = character
        }
        return fields + [field]
    }
}

/// Expects a failed command: status 1, one line on standard error that names `phrase`, nothing crashed.
func expectOneLineFailure(_ result: CommandRunner.Result, naming phrase: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(result.status == 1, "status \(result.status): \(result.stderr)", sourceLocation: sourceLocation)
    let lines = result.stderr.split(separator: "\n")
    #expect(lines.count == 1, "\(result.stderr)", sourceLocation: sourceLocation)
    #expect(lines.first?.hasPrefix("error: ") == true, "\(result.stderr)", sourceLocation: sourceLocation)
    #expect(result.stderr.contains(phrase), "\(result.stderr)", sourceLocation: sourceLocation)
}

@Suite("sample pps, size and plan, end to end")
struct SampleCommandTests {
    static let frame = CommandRunner.repositoryRoot.appendingPathComponent("data/frames/municipalities.csv").path

    /// `sample pps` on the shipped frame: 6 municipalities and 2 reserves per oblast, those without a population left out.
    func pps(seed: Int, into directory: URL, name: String = "sample.csv") throws -> (CommandRunner.Result, URL) {
        let output = directory.appendingPathComponent(name)
        let result = try CommandRunner.run([
            "sample", "pps", "--frame", Self.frame, "--size", "population", "--strata", "oblast", "--n", "6",
            "--reserve", "2", "--seed", String(seed), "--skip-missing-size", "-o", output.path,
        ])
        return (result, output)
    }

    @Test("pps: the same seed gives the same file, another seed another one; π in (0, 1], certainty means π = 1")
    func ppsReproducible() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (first, a) = try pps(seed: 2026, into: directory, name: "a.csv")
        let (_, b) = try pps(seed: 2026, into: directory, name: "b.csv")
        let (_, c) = try pps(seed: 7, into: directory, name: "c.csv")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("without population left out"))
        #expect(try Data(contentsOf: a) == Data(contentsOf: b))
        #expect(try Data(contentsOf: a) != Data(contentsOf: c))

        for url in [a, c] {
            let sample = try CSVFile(url)
            let frameHeader = try CSVFile(URL(fileURLWithPath: Self.frame)).header
            #expect(sample.header == frameHeader + ["pi", "certainty", "order", "reserve"])
            #expect(sample.rows.count == 16)
            for row in sample.rows {
                let pi = try #require(Double(row["pi"] ?? ""))
                #expect(pi > 0 && pi <= 1, "\(row)")
                if row["certainty"] == "true" { #expect(pi == 1, "\(row)") }
            }
            for oblast in ["Issyk-Kul", "Osh"] {
                let rows = sample.rows.filter { $0["oblast"] == oblast }
                #expect(rows.count { $0["reserve"] == "false" } == 6)
                #expect(rows.count { $0["reserve"] == "true" } == 2)
                #expect(Set(rows.compactMap { $0["municipality_ru"] }).count == 8)
            }
            // In Osh the largest municipality (49,410 of 277,876 people) has n·x/Σx > 1.
            #expect(sample.rows.contains { $0["oblast"] == "Osh" && $0["certainty"] == "true" && $0["population"] == "49410" })
        }
    }

    @Test("pps: a size column the frame lacks fails on one line naming it")
    func ppsMissingColumn() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CommandRunner.run([
            "sample", "pps", "--frame", Self.frame, "--size", "households", "--n", "6", "--seed", "1",
            "-o", directory.appendingPathComponent("s.csv").path,
        ])
        expectOneLineFailure(result, naming: "no column 'households' (given by --size)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("s.csv").path))
    }

    @Test("pps: a negative size fails naming its row and column, and nothing is written")
    func ppsNegativeSize() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let frame = directory.appendingPathComponent("frame.csv")
        try "id,name,population\n1,A,100\n2,B,-5\n3,C,300\n".write(to: frame, atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent("s.csv")
        let result = try CommandRunner.run(["sample", "pps", "--frame", frame.path, "--size", "population", "--n", "2", "--seed", "1", "-o", output.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("row 3, column population: size -5.0 is not positive"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").last?.hasPrefix("error: ") == true, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test("size: n0 = 1.96²·0.25/0.05² = 384.15 → 385; deff 2 → 769, 962 issued at 80 % response; N = 1000 → 278")
    func sampleSize() throws {
        let simple = try CommandRunner.run(["sample", "size", "--proportion", "0.5", "--moe", "0.05"])
        #expect(simple.status == 0, "\(simple.stderr)")
        #expect(simple.stdout.contains("n0 = z²·p(1−p)/e² = 384.1459"), "\(simple.stdout)")
        #expect(simple.stdout.contains("interviews = 385;"), "\(simple.stdout)")

        let clustered = try CommandRunner.run(["sample", "size", "--proportion", "0.5", "--moe", "0.05", "--deff", "2", "--response-rate", "0.8"])
        #expect(clustered.stdout.contains("interviews = 769;"), "\(clustered.stdout)")
        #expect(clustered.stdout.contains("= 962"), "\(clustered.stdout)")

        let finite = try CommandRunner.run(["sample", "size", "--proportion", "0.5", "--moe", "0.05", "--population", "1000"])
        #expect(finite.stdout.contains("interviews = 278;"), "\(finite.stdout)")
    }

    @Test("size: a confidence level outside (0, 1) fails on one line")
    func sampleSizeBadInput() throws {
        let result = try CommandRunner.run(["sample", "size", "--proportion", "0.5", "--moe", "0.05", "--confidence", "1.5"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    }

    @Test("plan save stores a pps sample with its targets; plan list shows it; the same name twice is refused")
    func planSaveAndList() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (selection, sample) = try pps(seed: 2026, into: directory)
        #expect(selection.status == 0, "\(selection.stderr)")
        let data = directory.appendingPathComponent("data").path

        let saved = try CommandRunner.run([
            "sample", "plan", "save", sample.path, "--name", "Main 2026", "--interviews-per-unit", "12", "--seed", "2026", "--data", data,
        ])
        #expect(saved.status == 0, "\(saved.stderr)")
        let certainty = try CSVFile(sample).rows.count { $0["certainty"] == "true" }
        #expect(saved.stdout.contains("'Main 2026': 12 selected (\(certainty) with certainty), 4 reserve, 144 expected interviews in 2 strata"), "\(saved.stdout)")

        let list = try CommandRunner.run(["sample", "plan", "list", "--data", data])
        #expect(list.status == 0, "\(list.stderr)")
        let lines = list.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("id  name"))
        let fields = lines[1].split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        #expect(Array(fields.prefix(10)) == ["1", "Main", "2026", "digital-divide-kg", "systematic", "2026", "12", "\(certainty)", "4", "144"])

        let again = try CommandRunner.run(["sample", "plan", "save", sample.path, "--name", "Main 2026", "--data", data])
        expectOneLineFailure(again, naming: "sampling plan Main 2026 exists in study digital-divide-kg")
    }

    @Test("plan save: a sample without pi, or with a bad pi or flag, fails naming the file, row and column", arguments: [
        ("id,name,certainty,order,reserve\n1,A,false,1,false\n", "no column 'pi'"),
        ("id,name,pi,certainty,order,reserve\n1,A,0.5,false,1,false\n2,B,1.5,false,2,false\n", "row 3, column pi: is '1.5'; it must be a probability in (0, 1]"),
        ("id,name,pi,certainty,order,reserve\n1,A,0.5,maybe,1,false\n", "row 2, column certainty: is 'maybe'; it must be true or false"),
        ("id,name,pi,certainty,order,reserve\n1,A,0.5,true,1,false\n", "row 2, column pi: is 0.5 but the unit is a certainty unit"),
        ("id,name,pi,certainty,order,reserve\n1,A,0.5,false,1,false\n1,B,0.5,false,2,false\n", "row 3, column id: unit '1' is also on row 2"),
        ("id,name,population,pi,certainty,order,reserve\n1,A,-3,0.5,false,1,false\n", "row 2, column population: is '-3'; it must be a size ≥ 0"),
    ])
    func planSaveBadInput(text: String, phrase: String) throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let sample = directory.appendingPathComponent("sample.csv")
        try text.write(to: sample, atomically: true, encoding: .utf8)
        let data = directory.appendingPathComponent("data")
        let result = try CommandRunner.run(["sample", "plan", "save", sample.path, "--name", "x", "--data", data.path])
        expectOneLineFailure(result, naming: phrase)
        #expect(result.stderr.contains("sample.csv"))
        let list = try CommandRunner.run(["sample", "plan", "list", "--data", data.path])
        #expect(list.stdout.split(separator: "\n").count == 1, "\(list.stdout)")
    }
}
