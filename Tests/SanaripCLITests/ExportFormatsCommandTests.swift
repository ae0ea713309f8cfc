import Foundation
import SanaripInstrument
import Testing

/// `sanarip export --format sav` read back by PSPP and compared with the CSV export of the same submissions,
/// which reach the store as Collect sends them: over OpenRosa to `sanarip serve`, with curl.
@Suite("sanarip export --format sav|xlsx|json, read by PSPP, openpyxl and Python", .serialized)
struct ExportFormatsCommandTests {
    static let form = FieldCollectionCommandTests.form

    /// Publishes the field-check form (or `form`), posts `submissions` to a running server with a collector's key, stops it.
    static func store(_ submissions: [String], in data: URL, form: URL = form) throws {
        #expect(try CommandRunner.run(["form", "publish", form.path, "--data", data.path]).status == 0)
        let key = try CommandRunner.run(["collector", "add", "Export test", "--data", data.path]).stdout.trimmingCharacters(in: .newlines)
        let server = try ServeProcess(data: data, adminPassword: "export-test-password")
        defer { server.stop() }
        let url = server.baseURL + key + "/submission"
        for (index, xml) in submissions.enumerated() {
            let file = data.appendingPathComponent("submission-\(index).xml")
            try xml.write(to: file, atomically: true, encoding: .utf8)
            let status = try CommandRunner.tool("curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "X-OpenRosa-Version: 1.0", "-F", "xml_submission_file=@\(file.path);type=text/xml", url])
            #expect(status == "201", "submission \(index) stored")
        }
    }

    static func submission(_ id: Int, usedInternet: String, apps: String, age: String, members: [(String, String)]) -> String {
        let memberXML = members.map { "<member><member_name>\($0.0)</member_name><member_age>\($0.1)</member_age></member>" }.joined()
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <data xmlns:jr="http://openrosa.org/javarosa" xmlns:orx="http://openrosa.org/xforms" id="field_check" version="1">\
            <start>2026-12-04T10:0\(id):00.000+06:00</start><access><used_internet>\(usedInternet)</used_internet><apps>\(apps)</apps>\
            <age>\(age)</age></access><photo/>\(memberXML)<meta><instanceID>uuid:6f0c5d7e-0000-4000-8000-00000000000\(id)</instanceID></meta></data>
            """
    }

    static func csv(_ url: URL) throws -> [[String]] {
        try CSVCodec().records(in: String(contentsOf: url, encoding: .utf8))
    }

    /// PSPP's dictionary of `file`: (name, label) per variable and (variable, value, label) per value label.
    static func dictionary(of file: URL, scratch: URL) throws -> (variables: [(String, String)], valueLabels: [(String, String, String)], transcript: String) {
        let syntax = scratch.appendingPathComponent("dictionary.sps"), output = scratch.appendingPathComponent("dictionary.csv")
        try "GET FILE='\(file.path)'.\nDISPLAY DICTIONARY.\n".write(to: syntax, atomically: true, encoding: .utf8)
        try CommandRunner.tool("pspp", ["-o", output.path, syntax.path])
        let transcript = try String(contentsOf: output, encoding: .utf8)
        var variables: [(String, String)] = [], valueLabels: [(String, String, String)] = []
        for block in transcript.components(separatedBy: "\n\n") {
            let rows = try CSVCodec().records(in: block)
            guard rows.count > 2 else { continue }
            if rows[0].first == "Table: Variables", let label = rows[1].firstIndex(of: "Label") {
                for row in rows.dropFirst(2) where row.count > label { variables.append((row[0], row[label])) }
            } else if rows[0].first == "Table: Value Labels" {
                var current = ""
                for row in rows.dropFirst(2) where row.count >= 3 {
                    if !row[0].isEmpty { current = row[0] }
                    valueLabels.append((current, row[1], row[2]))
                }
            }
        }
        return (variables, valueLabels, transcript)
    }

    @Test func savExportHasTheCSVsNamesValuesAndRussianLabelsAsPSPPReadsThem() throws {
        let data = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: data) }
        try Self.store([
            Self.submission(1, usedInternet: "1", apps: "whatsapp telegram", age: "34", members: [("Айгүл Асанова", "34"), ("Bek", "61")]),
            Self.submission(2, usedInternet: "0", apps: "", age: "71", members: []),
            Self.submission(3, usedInternet: "1", apps: "instagram", age: "19", members: [("Нурлан", "5")]),
        ], in: data)

        let csvOut = data.appendingPathComponent("export.csv"), savOut = data.appendingPathComponent("export.sav")
        let csvRun = try CommandRunner.run(["export", "field_check", "--format", "csv", "--data", data.path, "-o", csvOut.path])
        #expect(csvRun.status == 0, "\(csvRun.stderr)")
        let savRun = try CommandRunner.run(["export", "field_check", "--format", "sav", "--lang", "ru", "--data", data.path, "-o", savOut.path])
        #expect(savRun.status == 0, "\(savRun.stderr)")
        #expect(savRun.stderr.contains("wrote \(savOut.path) (3 submissions) and export-member.sav"))
        for file in [csvOut, savOut] {
            #expect(try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int == 0o600, "\(file.lastPathComponent) is readable by its owner only")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: data.path).filter { $0.hasPrefix(".sanarip-") }
        #expect(leftovers.isEmpty, "no spool or temporary file is left: \(leftovers)")

        for (csvFile, savFile) in [(csvOut, savOut), (data.appendingPathComponent("export-member.csv"), data.appendingPathComponent("export-member.sav"))] {
            let expected = try Self.csv(csvFile)
            let converted = data.appendingPathComponent("pspp-\(savFile.lastPathComponent).csv")
            try CommandRunner.tool("pspp-convert", [savFile.path, converted.path])
            let actual = try Self.csv(converted)
            try #require(actual.count == expected.count, "\(savFile.lastPathComponent): one case per CSV row")
            // Names: the CSV headers with - and / made _ (every header here is otherwise valid and short).
            let names = expected[0].map { $0.replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: "/", with: "_") }
            #expect(actual[0] == names)
            for (row, (want, got)) in zip(expected, actual).enumerated().dropFirst() {
                for (column, name) in names.enumerated() {
                    let w = want[column], g = got[column].trimmingCharacters(in: .whitespaces)
                    if name == "SubmissionDate" || name == "start" {
                        // pspp-convert writes date-times as MM/DD/YYYY HH:MM:SS(.sss): the wall-clock time of the CSV's.
                        let parts = w.prefix(19).split(whereSeparator: { "-T:".contains($0) }).map(String.init)
                        #expect(g.hasPrefix("\(parts[1])/\(parts[2])/\(parts[0]) \(parts[3]):\(parts[4]):\(parts[5])"), "\(name) row \(row): \(g) for \(w)")
                    } else if let number = Double(w) {
                        #expect(Double(g) == number, "\(name) row \(row): \(g) for \(w)")
                    } else {
                        #expect(g == w, "\(name) row \(row)")
                    }
                }
            }
        }

        let dictionary = try Self.dictionary(of: savOut, scratch: data)
        #expect(!dictionary.transcript.contains("warning:"), "\(dictionary.transcript)")
        let labels = Dictionary(dictionary.variables, uniquingKeysWith: { first, _ in first })
        #expect(labels["access_used_internet"] == "Пользовались интернетом?")
        #expect(labels["access_apps"] == "Приложения")
        #expect(labels["access_apps_whatsapp"] == "Приложения: WhatsApp")
        #expect(labels["access_age"] == "Возраст")
        #expect(labels["meta_instanceID"] == "meta-instanceID")
        let used = dictionary.valueLabels.filter { $0.0 == "Пользовались интернетом?" || $0.0 == "access_used_internet" }.map { "\($0.1)=\($0.2)" }
        #expect(Set(used) == ["1=Да", "0=Нет"], "\(dictionary.valueLabels)")
        let member = try Self.dictionary(of: data.appendingPathComponent("export-member.sav"), scratch: data)
        #expect(member.variables.map(\.0) == ["member_name", "member_age", "PARENT_KEY", "KEY"])
        #expect(member.variables.first?.1 == "Имя")

        let english = data.appendingPathComponent("english.sav")
        #expect(try CommandRunner.run(["export", "field_check", "--format", "sav", "--lang", "en", "--data", data.path, "-o", english.path]).status == 0)
        let englishLabels = Dictionary(try Self.dictionary(of: english, scratch: data).variables, uniquingKeysWith: { first, _ in first })
        #expect(englishLabels["access_apps_telegram"] == "Apps used: Telegram")

        let kyrgyz = try CommandRunner.run(["export", "field_check", "--format", "sav", "--lang", "ky", "--data", data.path, "-o", data.appendingPathComponent("ky.sav").path])
        #expect(kyrgyz.status == 1 && kyrgyz.stderr.contains("form field_check has no labels in that language; it has en, ru."), "\(kyrgyz.stderr)")
        #expect(!FileManager.default.fileExists(atPath: data.appendingPathComponent("ky.sav").path))
        let csvWithLang = try CommandRunner.run(["export", "field_check", "--lang", "ru", "--data", data.path, "-o", data.appendingPathComponent("ru.csv").path])
        #expect(csvWithLang.status == 1 && csvWithLang.stderr.contains("a CSV export has none"))
    }

    @Test func aFormWithoutSubmissionsExportsAnEmptySavThatPSPPReads() throws {
        let data = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: data) }
        #expect(try CommandRunner.run(["form", "publish", Self.form.path, "--data", data.path]).status == 0)
        let out = data.appendingPathComponent("empty.sav")
        let run = try CommandRunner.run(["export", "field_check", "--format", "sav", "--data", data.path, "-o", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let dictionary = try Self.dictionary(of: out, scratch: data)
        #expect(dictionary.variables.count == 19 && !dictionary.transcript.contains("warning:"), "\(dictionary.transcript)")
        #expect(dictionary.variables.first { $0.0 == "access_used_internet" }?.1 == "Used the internet?", "the default language, English")
        let info = data.appendingPathComponent("info.sps")
        try "SYSFILE INFO FILE='\(out.path)'.\n".write(to: info, atomically: true, encoding: .utf8)
        let cases = try CommandRunner.tool("pspp", [info.path]).split(separator: "\n").first { $0.hasPrefix("|Cases ") }
        #expect(cases?.replacingOccurrences(of: " ", with: "") == "|Cases|0|", "\(cases ?? "no case count")")
    }

    static let threeSubmissions = [
        submission(1, usedInternet: "1", apps: "whatsapp telegram", age: "34", members: [("Айгүл \"Асанова\", &lt;1&gt;", "34"), ("Bek", "61")]),
        submission(2, usedInternet: "0", apps: "", age: "71", members: []),
        submission(3, usedInternet: "1", apps: "instagram", age: "19", members: [("Нурлан", "5")]),
    ]

    /// Every sheet of an .xlsx as openpyxl reads it (cells as text, numbers as Python writes them), and every
    /// JSON file as Python's json module reads it, printed as JSON.
    static func pythonRead(xlsx: URL, json: [URL]) throws -> [String: [[String]]] {
        let venv = ProcessInfo.processInfo.environment["SANARIP_VENV"].map { URL(fileURLWithPath: $0) }
            ?? CommandRunner.repositoryRoot.appendingPathComponent(".venv")
        let script = """
            import json, sys, openpyxl
            out = {}
            book = openpyxl.load_workbook(sys.argv[1], read_only=True)
            def text(v):
                if v is None: return ""
                if isinstance(v, float) and v.is_integer(): return str(int(v))
                return str(v)
            for sheet in book.worksheets:
                out["xlsx:" + sheet.title] = [[text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
            for path in sys.argv[2:]:
                rows = json.load(open(path, encoding="utf-8"))
                keys = list(rows[0].keys()) if rows else []
                out["json:" + path.rsplit("/", 1)[-1]] = [keys] + [["" if r[k] is None else (str(r[k]) if not isinstance(r[k], str) else r[k]) for k in keys] for r in rows]
            print(json.dumps(out))
            """
        let result = try CommandRunner.run(["-c", script, xlsx.path] + json.map(\.path), executable: venv.appendingPathComponent("bin/python"))
        guard result.status == 0, let data = result.stdout.data(using: .utf8),
            let decoded = try JSONSerialization.jsonObject(with: data) as? [String: [[String]]]
        else { throw CommandRunner.RFailure(description: "python could not read the exports (run scripts/setup.sh): \(result.stderr)") }
        return decoded
    }

    /// Cells equal as text, or as numbers when the CSV's is one (a spreadsheet may write 34 as 34.0).
    static func sameCells(_ csv: [[String]], _ other: [[String]], _ what: String) {
        #expect(other.count == csv.count, "\(what): \(other.count) rows for the CSV's \(csv.count)")
        for (row, (want, got)) in zip(csv, other).enumerated() {
            #expect(got.count == want.count, "\(what) row \(row): \(got.count) cells")
            for (column, (w, g)) in zip(want, got).enumerated() where w != g {
                #expect(Double(w) != nil && Double(w) == Double(g), "\(what) row \(row) column \(csv[0][column]): \(g) for \(w)")
            }
        }
    }

    @Test func xlsxAndJSONHoldTheCSVsTablesAsOpenpyxlAndPythonReadThem() throws {
        let data = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: data) }
        try Self.store(Self.threeSubmissions, in: data)
        let csv = data.appendingPathComponent("export.csv"), xlsx = data.appendingPathComponent("export.xlsx"), json = data.appendingPathComponent("export.json")
        for (format, file) in [("csv", csv), ("xlsx", xlsx), ("json", json)] {
            let run = try CommandRunner.run(["export", "field_check", "--format", format, "--data", data.path, "-o", file.path])
            #expect(run.status == 0, "\(format): \(run.stderr)")
            #expect(try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int == 0o600, "\(format) is readable by its owner only")
        }
        let read = try Self.pythonRead(xlsx: xlsx, json: [json, data.appendingPathComponent("export-member.json")])
        #expect(Set(read.keys) == ["xlsx:field_check", "xlsx:member", "json:export.json", "json:export-member.json"])
        let main = try Self.csv(csv), members = try Self.csv(data.appendingPathComponent("export-member.csv"))
        #expect(main.count == 4 && members.count == 4)
        Self.sameCells(main, try #require(read["xlsx:field_check"]), "xlsx submissions")
        Self.sameCells(members, try #require(read["xlsx:member"]), "xlsx members")
        Self.sameCells(main, try #require(read["json:export.json"]), "json submissions")
        Self.sameCells(members, try #require(read["json:export-member.json"]), "json members")
        // Central writes 0 in every option column of a select_multiple left unanswered.
        let header = try #require(main.first)
        let second = try #require(main.first { $0.contains("uuid:6f0c5d7e-0000-4000-8000-000000000002") })
        let whatsapp = try #require(header.firstIndex(of: "access-apps/whatsapp"))
        #expect(second[whatsapp] == "0")
    }

    @Test func sensitiveQuestionsAreLeftOutUnlessAskedForAndLabelsReplaceChoiceNames() throws {
        let data = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: data) }
        let form = data.appendingPathComponent("form")
        try FileManager.default.copyItem(at: Self.form, to: form)
        let survey = form.appendingPathComponent("survey.csv")
        let marked = try String(contentsOf: survey, encoding: .utf8).split(separator: "\n").enumerated().map { index, line in
            index == 0 ? line + ",sensitive" : line + (line.hasPrefix("text,member_name,") || line.hasPrefix("image,photo,") ? ",yes" : ",")
        }.joined(separator: "\n") + "\n"
        try marked.write(to: survey, atomically: true, encoding: .utf8)
        try Self.store(Self.threeSubmissions, in: data, form: form)

        let plain = data.appendingPathComponent("plain.csv")
        let run = try CommandRunner.run(["export", "field_check", "--data", data.path, "-o", plain.path])
        #expect(run.status == 0 && run.stderr.contains("left out 2 sensitive questions (member/member_name, photo); --include-sensitive keeps them"), "\(run.stderr)")
        #expect(try Self.csv(plain).first?.contains("photo") == false)
        #expect(try Self.csv(data.appendingPathComponent("plain-member.csv")).first == ["member_age", "PARENT_KEY", "KEY"])

        let full = data.appendingPathComponent("full.csv")
        let included = try CommandRunner.run(["export", "field_check", "--include-sensitive", "--data", data.path, "-o", full.path])
        #expect(included.status == 0 && !included.stderr.contains("left out"))
        #expect(try Self.csv(data.appendingPathComponent("full-member.csv")).first == ["member_name", "member_age", "PARENT_KEY", "KEY"])

        let labelled = data.appendingPathComponent("labels.csv")
        let labels = try CommandRunner.run(["export", "field_check", "--labels", "--lang", "ru", "--data", data.path, "-o", labelled.path])
        #expect(labels.status == 0, "\(labels.stderr)")
        let table = try Self.csv(labelled)
        let header = try #require(table.first)
        let rows = table.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
        #expect(rows.map { $0["access-used_internet"] ?? "?" } == ["Да", "Нет", "Да"])
        #expect(rows.first?["access-apps"] == "WhatsApp; Telegram" && rows.first?["access-apps/whatsapp"] == "1")
        let savLabels = try CommandRunner.run(["export", "field_check", "--format", "sav", "--labels", "--data", data.path, "-o", data.appendingPathComponent("x.sav").path])
        #expect(savLabels.status == 1 && savLabels.stderr.contains("--labels is for csv, xlsx and json"))
    }
}
