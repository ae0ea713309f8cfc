import ArgumentParser
import Foundation
import SanaripQualitative
import SanaripStorage

/// `sanarip qual …`: focus-group transcripts, codebook, coding, agreement, matrices and REFI-QDA exchange.
struct QualCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qual",
        abstract: "Focus groups: transcripts, codebook, coding, agreement, matrices, REFI-QDA .qdpx.",
        discussion: """
            Transcripts and participants are sensitive: participants are pseudonymised (P1, P2…; moderators M1…) in \
            the coded text and in every export, their names stay in the store, and every import, view and export is \
            written to the audit log. Offsets (codings, --span) count Unicode characters (code points) from 0.
            """,
        subcommands: [
            QualImportCommand.self, QualCodebookCommand.self, QualCodeCommand.self, QualAgreementCommand.self,
            QualMatrixCommand.self, QualQuotesCommand.self, QualExportCommand.self,
        ]
    )
}

struct QualImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a transcript (.txt, .docx, .odt) or a REFI-QDA project (.qdpx, .qde).",
        discussion: """
            A transcript needs its session's participants: a CSV (name,role,sex,age_group,urban_rural,eservice_use,\
            education,consent; role participant or moderator) given with --participants or found beside it as \
            NAME.participants.csv. Each turn starts a line with an optional timestamp and the speaker's name and a \
            colon ("[00:01:10] Айгүл: …"); a name that is not a participant is an error. A new project starts with \
            the programme's starter codebook.

            A .qdpx (from Sanarip, QualCoder, ATLAS.ti, MAXQDA…) becomes a new project named --project (default: the \
            file's project name) with its codebook, coders, cases (as participants), sources and codings.
            """
    )

    @Argument(help: "FILE.txt, FILE.docx, FILE.odt, FILE.qdpx or FILE.qde.")
    var file: String

    @Option(help: "The focus-group project (default: focus-groups; for .qdpx the file's project name).")
    var project: String?

    @Option(help: "The study.")
    var study = "digital-divide-kg"

    @OptionGroup var store: StoreOptions

    @Option(help: "The participants CSV (default: FILE's name with .participants.csv).")
    var participants: String?

    @Option(help: "The session's title (default: the file name).")
    var title: String?
    @Option(help: "The session's date (YYYY-MM-DD).")
    var date = ""
    @Option(help: "Where the session was held.")
    var place = ""
    @Option(help: "The municipality (aiyl aimak or town).")
    var municipality = ""
    @Option(help: "The moderator's name (a speaker label besides Модератор/Moderator).")
    var moderator = ""
    @Option(help: "The language: ky, ru or mixed.")
    var language = ""
    @Option(name: .customLong("session-attribute"), help: ArgumentHelp("A group attribute of the session, KEY=VALUE (e.g. oblast=Osh, eservice_use=non-user); repeatable.", valueName: "key=value"))
    var sessionAttributes: [String] = []

    func run() async throws {
        let url = URL(fileURLWithPath: file)
        let database = try store.openDatabase()
        let qual = database.stores.qualitative
        let fileName = url.lastPathComponent
        switch url.pathExtension.lowercased() {
        case "qdpx", "qde":
            let data = try Data(contentsOf: url)
            let imported = try REFIQDA.readProject(data, file: fileName, name: project)
            if let existing = try await qual.project(study: study, name: imported.name), !existing.transcripts.isEmpty {
                throw QualCommandError("study \(study) already has a project \(imported.name) with transcripts; import into a new one with --project NAME")
            }
            try await qual.save(imported, study: study)
            try await database.stores.auditLog.record(AuditEntry(user: UserCommand.actor, action: "qual.import", objectType: "qual_project", objectID: "\(study)/\(imported.name)", detail: ["file": fileName, "format": "qdpx"]))
            print("imported \(fileName) into \(study)/\(imported.name): \(imported.transcripts.count) transcripts, \(imported.participants.count) cases, \(imported.codebook.codes.count) codes, \(imported.coders.count) coders, \(imported.codings.count) codings")
        default:
            let name = project ?? "focus-groups"
            let participantsURL = participants.map { URL(fileURLWithPath: $0) }
                ?? url.deletingPathExtension().appendingPathExtension("participants.csv")
            guard FileManager.default.fileExists(atPath: participantsURL.path) else {
                throw QualCommandError("\(fileName): no participants file \(participantsURL.lastPathComponent) beside it; give --participants FILE.csv (name,role,sex,age_group,urban_rural,eservice_use,education,consent)")
            }
            let table = try ParticipantTable.parse(String(contentsOf: participantsURL, encoding: .utf8), file: participantsURL.lastPathComponent)
            var attributes: [String: String] = [:]
            for pair in sessionAttributes {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, !parts[0].isEmpty else { throw ValidationError("--session-attribute \(pair): write KEY=VALUE") }
                attributes[parts[0]] = parts[1]
            }
            let stem = url.deletingPathExtension().lastPathComponent
            let session = FocusGroupSession(title: title ?? stem, date: date, place: place, municipality: municipality, moderator: moderator, language: language, attributes: attributes)
            var target = try await qual.project(study: study, name: name) ?? QualitativeProject(name: name, codebook: try Codebook.starter())
            let transcript = try target.importTranscript(name: stem, text: DocumentText.read(url), participants: table, session: session, file: fileName)
            try await qual.save(target, study: study)
            try await database.stores.auditLog.record(AuditEntry(user: UserCommand.actor, action: "qual.import", objectType: "qual_project", objectID: "\(study)/\(name)", detail: ["file": fileName, "transcript": stem]))
            let speakers = Set(transcript.turns.map(\.speaker)).sorted().joined(separator: ", ")
            print("imported \(fileName) into \(study)/\(name) as \(stem): \(transcript.turns.count) turns, speakers \(speakers), \(transcript.length) characters")
        }
    }
}

struct QualCodebookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codebook",
        abstract: "Import or export a project's codebook (REFI-QDA .qdc, or the trilingual CSV).",
        subcommands: [Import.self, Export.self]
    )

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add the codes of FILE.qdc or FILE.csv whose keys are new to the project (creating it if needed).")
        @Argument(help: "FILE.qdc or FILE.csv (key,parent,name_ky,name_ru,name_en,definition_ky,…,source).") var file: String
        @OptionGroup var options: QualProjectOptions

        func run() async throws {
            let url = URL(fileURLWithPath: file)
            let incoming = url.pathExtension.lowercased() == "csv"
                ? try Codebook.fromCSV(String(contentsOf: url, encoding: .utf8), file: url.lastPathComponent)
                : try REFIQDA.readCodebook(Data(contentsOf: url), file: url.lastPathComponent)
            let database = try options.store.openDatabase()
            var project = try await database.stores.qualitative.project(study: options.study, name: options.project) ?? QualitativeProject(name: options.project)
            let before = project.codebook.codes.count
            project.codebook.merge(incoming)
            try await database.stores.qualitative.save(project, study: options.study)
            try await options.audit(database, "qual.codebook.import", detail: ["file": url.lastPathComponent])
            print("added \(project.codebook.codes.count - before) of \(incoming.codes.count) codes to \(options.study)/\(options.project)")
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the codebook as REFI-QDA .qdc (names in --lang) or as the trilingual CSV.")
        @OptionGroup var options: QualProjectOptions
        @Option(name: .shortAndLong, help: "FILE.qdc or FILE.csv.") var output: String
        @Option(help: "The language of code names in a .qdc: ky, ru or en.") var lang = "en"

        func run() async throws {
            let database = try options.store.openDatabase()
            let project = try await options.load(database)
            let text = output.lowercased().hasSuffix(".csv") ? project.codebook.csv() : REFIQDA.codebookXML(project.codebook, language: lang)
            try writeOutput(text, to: output)
            print("wrote \(project.codebook.codes.count) codes to \(output)")
        }
    }
}

struct QualCodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "code",
        abstract: "Apply a code to whole speaker turns or to a span of a transcript, as a coder."
    )
    @OptionGroup var options: QualProjectOptions
    @Option(help: "The transcript (its file name without extension).") var transcript: String
    @Option(help: "The code's key (barrier.cost) or name in any language.") var code: String
    @Option(help: "Who codes (each coder's codings are kept apart for agreement).") var coder: String
    @Option(help: "Turn numbers, from 1 (e.g. 2,5).") var turns: String?
    @Option(help: "Character offsets START-END (Unicode code points, END exclusive).") var span: String?
    @Option(help: "A memo on the coded segment.") var memo = ""

    func run() async throws {
        let database = try options.store.openDatabase()
        var project = try await options.load(database)
        if let turns {
            let numbers = try turns.split(separator: ",").map { part -> Int in
                guard let number = Int(part.trimmingCharacters(in: .whitespaces)) else { throw ValidationError("--turns \(turns): give turn numbers such as 2,5") }
                return number
            }
            try project.codeTurns(numbers, transcript: transcript, code: code, coder: coder, memo: memo)
        } else if let span {
            let bounds = span.split(separator: "-").compactMap { Int($0) }
            guard bounds.count == 2 else { throw ValidationError("--span \(span): write START-END, e.g. 120-245") }
            try project.codeSpan(bounds[0], bounds[1], transcript: transcript, code: code, coder: coder, memo: memo)
        } else {
            throw ValidationError("give --turns N,M or --span START-END")
        }
        try await database.stores.qualitative.save(project, study: options.study)
        try await options.audit(database, "qual.code", detail: ["transcript": transcript, "code": code, "coder": coder])
        print("\(coder): \(code) on \(transcript) \(turns.map { "turns \($0)" } ?? "span \(span ?? "")")")
    }
}

struct QualAgreementCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agreement",
        abstract: "Agreement between coders per code and overall (*): Cohen's kappa (two coders) and Krippendorff's alpha (nominal).",
        discussion: """
            --unit character compares every character (coded with the code or not by each coder); --unit turn every \
            speaker turn (coded when a coding touches it). A coder takes part in the transcripts they coded anything \
            in. '*' pools every code's units. JSON: an array of {code, coders, kappa, alpha, units, disagreements}, \
            kappa null unless there are two coders, either null when undefined (all units alike).
            """
    )
    @OptionGroup var options: QualProjectOptions
    @Option(help: "character or turn.") var unit: AgreementUnit
    @Option(help: "table or json.") var format: OutputFormat = .table
    @Flag(help: "Also list the disagreements side by side (table format).") var disagreements = false

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case table, json }

    func run() async throws {
        let database = try options.store.openDatabase()
        let project = try await options.load(database)
        let report = project.agreement(unit: unit)
        switch format {
        case .json: print(report.json())
        case .table:
            print(report.table())
            if disagreements {
                for item in report.disagreements {
                    print("\n\(item.code) — \(item.transcript) \(item.turn.map { "turn \($0)" } ?? "\(item.start)–\(item.end)") \(item.speaker ?? ""): coded by \(item.codedBy.joined(separator: ", ")), not by \(item.notCodedBy.joined(separator: ", "))\n  \(item.excerpt.replacingOccurrences(of: "\n", with: " "))")
                }
            }
        }
        try await options.audit(database, "qual.view", detail: ["view": "agreement", "unit": unit.rawValue])
    }
}

extension AgreementUnit: ExpressibleByArgument {}

struct QualMatrixCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matrix",
        abstract: "Code × group matrix: participants in each group who raised each code, by a participant or session attribute."
    )
    @OptionGroup var options: QualProjectOptions
    @Option(help: "The attribute: sex, age_group, urban_rural, eservice_use, education, oblast…") var by: String
    @Option(help: "table, csv or json.") var format = "table"
    @Option(name: .shortAndLong, help: "Write to FILE instead of standard output.") var output: String?

    func run() async throws {
        let database = try options.store.openDatabase()
        let project = try await options.load(database)
        let matrix = project.matrix(by: by)
        switch format {
        case "json":
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try writeOutput(String(decoding: try encoder.encode(matrix), as: UTF8.self), to: output)
        case "csv", "table":
            let separator = format == "csv" ? "," : "\t"
            var lines = [(["code"] + matrix.groups.flatMap { format == "csv" ? ["\($0) participants", "\($0) of", "\($0) share"] : [$0] }).joined(separator: separator)]
            for (row, code) in matrix.codes.enumerated() {
                let cells = matrix.cells[row].flatMap { cell -> [String] in
                    let share = cell.share.map { String(format: "%.3f", $0) } ?? ""
                    return format == "csv" ? ["\(cell.participants)", "\(cell.ofParticipants)", share] : ["\(cell.participants)/\(cell.ofParticipants)"]
                }
                lines.append(([code] + cells).joined(separator: separator))
            }
            try writeOutput(lines.joined(separator: "\n") + "\n", to: output)
        default:
            throw ValidationError("--format \(format): use table, csv or json")
        }
        try await options.audit(database, "qual.view", detail: ["view": "matrix", "by": by])
    }
}

struct QualQuotesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quotes",
        abstract: "Every passage coded with a code (and its sub-codes), with the speaker's pseudonym and attributes."
    )
    @OptionGroup var options: QualProjectOptions
    @Option(help: "The code's key or name.") var code: String
    @Option(name: .customLong("where"), help: ArgumentHelp("Only speakers with ATTRIBUTE=VALUE.", valueName: "attribute=value")) var filter: String?
    @Option(help: "table, csv or json.") var format = "table"
    @Option(name: .shortAndLong, help: "Write to FILE instead of standard output.") var output: String?

    func run() async throws {
        let database = try options.store.openDatabase()
        let project = try await options.load(database)
        var condition: (attribute: String, value: String)?
        if let filter {
            let parts = filter.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw ValidationError("--where \(filter): write ATTRIBUTE=VALUE") }
            condition = (parts[0], parts[1])
        }
        let quotes = try project.quotes(code: code, where: condition)
        switch format {
        case "json":
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try writeOutput(String(decoding: try encoder.encode(quotes), as: UTF8.self), to: output)
        case "csv":
            let lines = Quote.rows(quotes).map { $0.map(Codebook.csvField).joined(separator: ",") }
            try writeOutput(lines.joined(separator: "\n") + "\n", to: output)
        default:
            let text: String = quotes.map { quote -> String in
                let attributes = quote.attributes.keys.sorted().map { "\($0)=\(quote.attributes[$0] ?? "")" }.joined(separator: " ")
                return "\(quote.transcript) \(quote.start)–\(quote.end) \(quote.speaker ?? "?") (\(attributes)) [\(quote.coders.joined(separator: ", "))]\n  \(quote.text.replacingOccurrences(of: "\n", with: "\n  "))"
            }.joined(separator: "\n")
            try writeOutput(text + "\n", to: output)
        }
        try await options.audit(database, "qual.view", detail: ["view": "quotes", "code": code])
    }
}

struct QualExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the project as REFI-QDA .qdpx (QualCoder, ATLAS.ti, MAXQDA, NVivo open it).",
        discussion: """
            project.qde (users, codebook, variables, one case per participant with its attributes, sources, \
            selections with codings by user) and Sources/<guid>.txt, the pseudonymised transcripts. Participants' \
            names are not exported. Check it: xmllint --noout --schema data/refi-qda/Project-mrt2019.xsd project.qde
            """
    )
    @OptionGroup var options: QualProjectOptions
    @Option(name: .shortAndLong, help: "FILE.qdpx") var output: String
    @Option(help: "The language of code names: ky, ru or en.") var lang = "en"

    func run() async throws {
        let database = try options.store.openDatabase()
        let project = try await options.load(database)
        let data = try REFIQDA.qdpx(project, language: lang)
        try data.write(to: URL(fileURLWithPath: output), options: .atomic)
        try await options.audit(database, AuditAction.export.rawValue, detail: ["format": "qdpx", "file": URL(fileURLWithPath: output).lastPathComponent])
        print("wrote \(output): \(project.transcripts.count) transcripts, \(project.codings.count) codings by \(project.coders.count) coders")
    }
}
