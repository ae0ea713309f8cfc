import Foundation
import SanaripCore
import Testing
@testable import SanaripInterchange

@Suite struct SPSSWriterTests {
    /// A dictionary exercising every feature: Kyrgyz, Russian and English labels, long and Cyrillic names,
    /// short names that collide, value labels on numbers, short strings and long strings, missing values
    /// (discrete, range, string), a very long string, dates and date-times.
    static let variables: [SPSSVariable] = [
        SPSSVariable(name: "id", label: "Respondent ID", format: .f(8, 0)),
        SPSSVariable(name: "age", label: "Респонденттин жашы (толук жыл)", format: .f(3, 0), missingValues: .values([98, 99])),
        SPSSVariable(name: "sex", label: "Жынысы / Пол", valueLabels: [.init(1, "Эркек / Мужской"), .init(2, "Аял / Женский"), .init(9, "Жооп жок")], missingValues: .values([9])),
        SPSSVariable(
            name: "internet_use_frequency_last_3_months", label: "Как часто вы пользовались интернетом за последние 3 месяца?",
            valueLabels: [.init(1, "Каждый день"), .init(2, "Хотя бы раз в неделю"), .init(3, "Реже"), .init(4, "Не пользовался(ась)")],
            missingValues: .range(low: 97, high: 99, plus: -1), measure: .ordinal
        ),
        SPSSVariable(
            name: "Облус", label: "Облус", kind: .string(width: 36),
            valueLabels: [.init("issyk_kul", "Ысык-Көл облусу"), .init("osh", "Ош облусу")], missingValues: .values(["—"])
        ),
        SPSSVariable(name: "code", label: "Short code", kind: .string(width: 4), valueLabels: [.init("NA", "Not applicable"), .init("KG", "Кыргызстан")], missingValues: .values(["NA"])),
        SPSSVariable(name: "respondent_name_first", label: "Аты", kind: .string(width: 48)),
        SPSSVariable(name: "respondent_name_last", label: "Фамилиясы", kind: .string(width: 40)),
        SPSSVariable(
            name: "comment", label: "Интервьюердин эскертүүсү", kind: .string(width: 700),
            valueLabels: [.init("-", "Эскертүү жок / No comment")], missingValues: .values(["-"])
        ),
        SPSSVariable(name: "interview_date", label: "Date of interview", format: .date),
        SPSSVariable(name: "start_time", label: "Башталган убакыт", format: .dateTime),
        SPSSVariable(name: "weight", label: String(repeating: "Салмак (вес, weight) ", count: 12), format: .f(12, 6)),
        SPSSVariable(name: "q" + String(repeating: "x", count: 62) + "9", label: "A name of exactly 64 bytes", format: .f(8, 0)),
    ]

    /// Deterministic cases covering small integers (compression codes), fractions, negatives, large values,
    /// system-missing, user-missing codes, blank and full-width strings, and a 700-byte Cyrillic comment.
    static func rows(count: Int) -> [[SPSSValue]] {
        var draws = 0
        func next() -> UInt64 {
            draws += 1
            return scrambled(draws, seed: 18004)
        }
        func pick<T>(_ options: [T]) -> T { options[Int(next() % UInt64(options.count))] }
        let words = ["интернет", "телефон", "WhatsApp", "Telegram", "e-Kyzmat", "банк", "окуу", "жумуш", "Ош", "Каракол"]
        return (0..<count).map { i in
            let comment: SPSSValue = switch i % 4 {
            case 0: i % 8 == 0 ? .missing : "-"
            case 1: .string(String(repeating: "Санарип ажырым; ", count: 24) + "abcd")   // exactly 700 bytes
            default: .string((0..<Int(next() % 40)).map { _ in pick(words) }.joined(separator: " "))
            }
            let date = CivilDateTime(year: 2026, month: 1 + i % 12, day: 1 + i % 28)
            let time = CivilDateTime(year: 2026, month: 3, day: 8, hour: i % 24, minute: (i * 7) % 60, second: (i * 13) % 60)
            return [
                .number(Double(i + 1)),
                i % 10 == 3 ? .missing : .number(Double(pick([15, 18, 24, 35, 64, 98, 99]))),
                .number(Double(pick([1, 2, 9]))),
                .number(Double(pick([-1, 1, 2, 3, 4, 97, 98, 99]))),
                i % 7 == 0 ? .missing : .string(pick(["issyk_kul", "osh", "n/a", "—", "Ысык-Көл, Түп району", String(repeating: "ө", count: 15)])),
                .string(pick(["NA", "KG", "a,b", "\"q\"", ""])),
                .string(pick(["Айгүл", "Нурбек", "Ainura", "Бермет-Гүлзат Асанбековна"])),
                .string(pick(["Асанова", "Токтогулов", "O'Brien"])),
                comment,
                i % 9 == 0 ? .missing : .date(date),
                .date(time),
                .number(pick([0.5, 1.25, 123.456789, 1234567.125, -0.001, 3.141592653589793, 151, -99, 152, -100])),
                .number(Double(i) * 1e9),
            ]
        }
    }

    /// What pspp-convert prints for `value` of `variable`.
    static func expectedCell(_ value: SPSSValue, _ variable: SPSSVariable) -> String {
        switch value {
        case .missing:
            return variable.kind == .numeric ? " " : ""
        case .string(let text):
            return String(text.reversed().drop { $0 == " " }.reversed())
        case .number(let number):
            if variable.format.kind == .date || variable.format.kind == .dateTime {
                let seconds = number - 12_219_379_200
                guard let civil = CivilDateTime(secondsSinceEpoch: seconds, utcOffsetSeconds: 0) else { return "?" }
                func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
                let date = "\(two(civil.month))/\(two(civil.day))/\(civil.year)"
                return variable.format.kind == .date ? date : "\(date) \(two(civil.hour)):\(two(civil.minute)):\(two(civil.second))"
            }
            return psppNumber(number)
        }
    }

    @Test(arguments: [true, false])
    func psppReadsNamesLabelsAndEveryValue(compressed: Bool) throws {
        let url = ExternalTool.file(".sav")
        let rows = Self.rows(count: 240)
        let writer = try SPSSWriter(url: url, variables: Self.variables, fileLabel: "Санарип: digital divide survey", compressed: compressed)
        for row in rows { try writer.append(row: row) }
        #expect(!FileManager.default.fileExists(atPath: url.path), "the file appears only when finished")
        try writer.finish()
        #expect(writer.rowCount == rows.count)

        // The case count patched into the header.
        let header = try Data(contentsOf: url).prefix(84)
        #expect(header.suffix(4).withUnsafeBytes { $0.loadUnaligned(as: Int32.self).littleEndian } == Int32(rows.count))

        let info = try PSPP.fileInfo(of: url)
        #expect(info.contains("Character Encoding,UTF-8") || info.contains("Encoding,UTF-8"), "SYSFILE INFO: \(info.prefix(1500))")
        #expect(info.contains("Cases,\(rows.count)"), "SYSFILE INFO: \(info.prefix(1500))")
        #expect(info.contains(compressed ? "SAV" : "None"), "SYSFILE INFO: \(info.prefix(1500))")

        let dictionary = try PSPP.dictionary(of: url)
        try #require(dictionary.variables.count == Self.variables.count, "PSPP read \(dictionary.variables.count) variables:\n\(dictionary.transcript.prefix(2000))")
        for (index, (read, written)) in zip(dictionary.variables, Self.variables).enumerated() {
            #expect(read.name == written.name)
            #expect(read.position == "\(index + 1)")
            // Labels over 255 bytes are cut at a character boundary, as SPSS does.
            #expect(read.label == String(decoding: written.label.utf8Prefix(maxBytes: 255), as: UTF8.self), "label of \(written.name)")
            #expect(read.measure == "\(written.measure)".capitalized, "measure of \(written.name)")
            #expect(read.alignment == (written.kind == .numeric ? "Right" : "Left"))
            #expect(read.printFormat == written.format.description, "print format of \(written.name)")
            #expect(read.writeFormat == written.format.description, "write format of \(written.name)")
            #expect(read.missingValues == Self.psppMissing(written.missingValues, width: written.width), "missing values of \(written.name)")
        }
        var expectedLabels: [String] = []
        for variable in Self.variables {
            for label in variable.valueLabels {
                let value = switch label.value {
                case .number(let n): Self.psppNumber(n)
                case .string(let s): s
                case .missing: ""
                }
                let shown = variable.label.isEmpty ? variable.name : String(decoding: variable.label.utf8Prefix(maxBytes: 255), as: UTF8.self)
                expectedLabels.append("\(shown) | \(value) | \(label.label)")
            }
        }
        // PSPP lists each variable's labels sorted by value.
        #expect(dictionary.valueLabels.map { "\($0.variable) | \($0.value) | \($0.label)" }.sorted() == expectedLabels.sorted())

        let data = try PSPP.data(of: url)
        try #require(data.count == rows.count + 1, "pspp-convert gave \(data.count - 1) cases for \(rows.count)")
        #expect(data[0] == Self.variables.map(\.name))
        for (number, (read, written)) in zip(data.dropFirst(), rows).enumerated() {
            try #require(read.count == written.count, "case \(number + 1) has \(read.count) values")
            for (index, variable) in Self.variables.enumerated() {
                #expect(read[index] == Self.expectedCell(written[index], variable), "case \(number + 1), \(variable.name)")
            }
        }
    }

    /// PSPP's rendering of missing values in DISPLAY DICTIONARY.
    static func psppMissing(_ missing: SPSSMissingValues, width: Int) -> String {
        switch missing {
        case .none: ""
        case .values(let values): values.map { value in
            switch value {
            case .number(let n): psppNumber(n)
            case .string(let s): "\"\(s)\(String(repeating: " ", count: max(0, min(8, width) - s.utf8.count)))\""
            case .missing: ""
            }
        }.joined(separator: "; ")
        case .range(let low, let high, let plus): "\(psppNumber(low)) THRU \(psppNumber(high))" + (plus.map { "; \(psppNumber($0))" } ?? "")
        }
    }

    static func psppNumber(_ n: Double) -> String {
        n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
    }

    @Test func writesManyCasesStreaming() throws {
        let url = ExternalTool.file(".sav")
        let variables = (1...40).map { SPSSVariable(name: "v\($0)", kind: $0 % 5 == 0 ? .string(width: 12) : .numeric) }
        let writer = try SPSSWriter(url: url, variables: variables)
        let count = 20_000
        for i in 0..<count {
            try writer.append(row: variables.enumerated().map { j, v in v.kind == .numeric ? .number(Double(i * j) / 4) : .string("r\(i)c\(j)") })
        }
        try writer.finish()
        let data = try PSPP.data(of: url)
        try #require(data.count == count + 1)
        let last = try #require(data.last)
        #expect(last[1] == Self.psppNumber(Double((count - 1) * 1) / 4))
        #expect(last[4] == "r\(count - 1)c4")
    }

    @Test func badDictionaryIsRefusedAndNothingIsWritten() throws {
        let cases: [(variables: [SPSSVariable], says: String, variable: Int)] = [
            ([SPSSVariable(name: "ok"), SPSSVariable(name: "1st_visit")], "must start with a letter", 2),
            ([SPSSVariable(name: "has space")], "contains \" \"", 1),
            ([SPSSVariable(name: "AND")], "reserved word", 1),
            ([SPSSVariable(name: "total.")], "ends with a period", 1),
            ([SPSSVariable(name: String(repeating: "ж", count: 33))], "66 bytes", 1),
            ([SPSSVariable(name: "age"), SPSSVariable(name: "sex"), SPSSVariable(name: "Age")], "already used by variable 1", 3),
            ([SPSSVariable(name: "")], "empty", 1),
            ([SPSSVariable(name: "s", kind: .string(width: 0))], "out of range", 1),
            ([SPSSVariable(name: "s", kind: .string(width: 3), valueLabels: [.init("long", "x")])], "4 bytes long", 1),
            ([SPSSVariable(name: "n", valueLabels: [.init("a", "x")])], "variable is numeric", 1),
            ([SPSSVariable(name: "n", missingValues: .values([1, 2, 3, 4]))], "at most three", 1),
            ([SPSSVariable(name: "s", kind: .string(width: 20), missingValues: .values(["ninebytes"]))], "at most 8 bytes", 1),
            ([SPSSVariable(name: "s", kind: .string(width: 20), missingValues: .values(["a", "b"]))], "give one", 1),
            ([SPSSVariable(name: "n", format: .a(8))], "string format", 1),
            ([SPSSVariable(name: "d", format: SPSSFormat(.dateTime, width: 10))], "too narrow", 1),
            ([], "no variables", 0),
        ]
        let directory = ExternalTool.file("-refused")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (variables, says, variable) in cases {
            let url = directory.appendingPathComponent("refused.sav")
            do {
                _ = try SPSSWriter(url: url, variables: variables)
                Issue.record("\(variables.map(\.name)) was accepted")
            } catch let error as SPSSError {
                #expect(error.description.contains(says), "\(error)")
                #expect(error.variable == (variable == 0 ? nil : variable), "\(error)")
            }
            #expect(!FileManager.default.fileExists(atPath: url.path))
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(leftovers.isEmpty, "files left: \(leftovers)")
    }

    @Test func badCaseIsRefusedWholeAndTheFileStaysValid() throws {
        let url = ExternalTool.file(".sav")
        let variables = [SPSSVariable(name: "n"), SPSSVariable(name: "s", kind: .string(width: 5))]
        let writer = try SPSSWriter(url: url, variables: variables)
        try writer.append(row: [1, "ok"])
        let bad: [([SPSSValue], String)] = [
            ([2], "1 values given for 2 variables"),
            (["two", "x"], "numeric but the value is the text \"two\""),
            ([2, "toolong"], "holds 5 bytes but the value is 7 bytes"),
            ([2, "аяа"], "holds 5 bytes but the value is 6 bytes"),
            ([2, 5], "is a string but the value is the number"),
            ([.number(.infinity), "x"], "finite numbers only"),
        ]
        for (row, says) in bad {
            do {
                try writer.append(row: row)
                Issue.record("\(row) was accepted")
            } catch let error as SPSSError {
                #expect(error.row == 2 && error.description.contains(says), "\(error)")
            }
        }
        try writer.append(row: [3, "ай"])
        try writer.finish()
        #expect(try PSPP.data(of: url) == [["n", "s"], ["1", "ok"], ["3", "ай"]])
    }

    @Test func nameMakerGivesValidUniqueNamesThatPSPPReads() throws {
        let sources = [
            "_id", "meta/instanceID", "meta/instanceID", "1st_visit", "a-b", "AND", "and", "total.", "Облус",
            "internet/use/frequency/" + String(repeating: "very_long_part_", count: 8), "internet/use/frequency/" + String(repeating: "very_long_part_", count: 8),
            "Age", "age", "", "q 1", "ж" + String(repeating: "ө", count: 40), "@weird", "x.y",
        ]
        var maker = SPSSNameMaker()
        let names = sources.map { maker.name(for: $0) }
        #expect(Set(names.map { $0.uppercased() }).count == names.count, "\(names)")
        for (source, name) in zip(sources, names) {
            #expect(SPSSName.problem(with: name) == nil, "\(source) → \(name)")
        }
        #expect(names[0] == "v_id" && names[1] == "meta_instanceID" && names[2] == "meta_instanceID_2")
        #expect(names[5] == "AND_" && names[7] == "total._" && names[8] == "Облус")
        let url = ExternalTool.file(".sav")
        let writer = try SPSSWriter(url: url, variables: names.map { SPSSVariable(name: $0, label: $0) })
        try writer.append(row: names.indices.map { .number(Double($0)) })
        try writer.finish()
        let data = try PSPP.data(of: url)
        #expect(data.first == names)
        let dictionary = try PSPP.dictionary(of: url)
        #expect(dictionary.variables.map(\.name) == names, "\(dictionary.transcript.prefix(3000))")
    }

    @Test func missingFolderGivesAClearError() throws {
        let url = ExternalTool.file("-no-such-folder").appendingPathComponent("out.sav")
        do {
            _ = try SPSSWriter(url: url, variables: [SPSSVariable(name: "x")])
            Issue.record("writing into a missing folder was accepted")
        } catch let error as InterchangeIOError {
            #expect(error.path == url.path && error.description.contains("check that the folder exists"), "\(error)")
        }
    }

    @Test func cancelledOrDroppedWriterLeavesNoFile() throws {
        let cancelled = ExternalTool.file(".sav")
        let writer = try SPSSWriter(url: cancelled, variables: [SPSSVariable(name: "x")])
        try writer.append(row: [1])
        writer.cancel()
        #expect(!FileManager.default.fileExists(atPath: cancelled.path))
        let dropped = ExternalTool.file(".sav")
        do {
            let other = try SPSSWriter(url: dropped, variables: [SPSSVariable(name: "x")])
            try other.append(row: [1])
        }
        #expect(!FileManager.default.fileExists(atPath: dropped.path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: ExternalTool.scratch.path).filter { $0.contains(cancelled.lastPathComponent) || $0.contains(dropped.lastPathComponent) }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }
}
