import ArgumentParser
import Foundation
import SanaripCatalogue
import SanaripServer

/// `sanarip catalogue`: the study's catalogues of courses, providers, e-services, legal acts and initiatives.
struct CatalogueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalogue",
        abstract: "Catalogues of courses, providers, e-services, legal acts and initiatives: templates, import, export, search.",
        discussion: """
        KIND is one of \(CatalogueKind.names). Example:
          sanarip catalogue template courses -o courses.xlsx
          sanarip catalogue import courses courses.xlsx --data ./sanarip-data
          sanarip catalogue search "цифровая грамотность" --kind courses
        """,
        subcommands: [CatalogueTemplateCommand.self, CatalogueImportCommand.self, CatalogueExportCommand.self, CatalogueSearchCommand.self,
                      CatalogueSeriesCommand.self, CatalogueEventsCommand.self]
    )
}

/// The study and instruments options every catalogue command shares.
struct CatalogueOptions: ParsableArguments {
    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: "The study.")
    var study = "digital-divide-kg"

    @Option(name: .long, help: ArgumentHelp("The instruments folder (the study's district list is checked against places).", valueName: "dir"))
    var instruments = "instruments"

    /// The bytes of `file`, or a clear error.
    func contents(of file: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: file) else {
            Terminal.error("error: \(file): no such file; check the path")
            throw ExitCode(1)
        }
        return data
    }

    /// Runs `body`, printing an import's problems (every row and column) and failing when it refuses the file.
    func reportingProblems(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as CatalogueImportError {
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        }
    }

    func service() throws -> CatalogueService {
        let folder = URL(fileURLWithPath: instruments)
        return CatalogueService(stores: try store.openDatabase().stores, instrumentsDirectory: FileManager.default.fileExists(atPath: folder.path) ? folder : nil)
    }
}

extension CatalogueKind: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

struct CatalogueTemplateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template", abstract: "Write the empty template of a kind: .xlsx (with a sheet explaining each column) or .csv (the header).")

    @Argument(help: "The kind.") var kind: CatalogueKind
    @Option(name: .shortAndLong, help: "The file to write, ending in .csv or .xlsx.") var output: String

    func validate() throws {
        guard ["csv", "xlsx"].contains(URL(fileURLWithPath: output).pathExtension.lowercased()) else { throw ValidationError("-o must end in .csv or .xlsx") }
    }

    func run() async throws {
        try Terminal.writeAtomically(try CatalogueTemplate.data(kind, fileName: output), to: URL(fileURLWithPath: output))
        print("\(output): template of \(kind.rawValue) (\(kind.schema.fields.count) columns)")
    }
}

struct CatalogueImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import a filled-in template (CSV or XLSX); every bad row and column is named and nothing is imported then.")

    @Argument(help: "The kind.") var kind: CatalogueKind
    @Argument(help: "The .csv or .xlsx file.") var file: String
    @OptionGroup var options: CatalogueOptions

    func run() async throws {
        let url = URL(fileURLWithPath: file)
        let data = try options.contents(of: file)
        try await options.reportingProblems {
            let counts = try await options.service().importFile(data, fileName: url.lastPathComponent, kind: kind, studyID: options.study, by: "cli")
            print("\(file): \(counts.created) new and \(counts.updated) changed \(kind.rawValue) in study \(options.study)")
        }
    }
}

struct CatalogueExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export a kind as CSV or XLSX (the template's columns), JSON, or for courses schema.org JSON-LD.")

    @Argument(help: "The kind.") var kind: CatalogueKind
    @Option(name: .long, help: "csv, xlsx, json or jsonld.") var format: String
    @Option(name: .shortAndLong, help: "The file to write.") var output: String
    @OptionGroup var options: CatalogueOptions

    func run() async throws {
        guard let chosen = CatalogueExport.Format(rawValue: format.lowercased()) else { throw ValidationError("--format must be csv, xlsx, json or jsonld") }
        do {
            let data = try await options.service().export(studyID: options.study, kind: kind, format: chosen)
            try Terminal.writeAtomically(data, to: URL(fileURLWithPath: output))
            let count = try await options.service().entries(studyID: options.study, kind: kind).count
            print("\(output): \(count) \(kind.rawValue) as \(chosen.rawValue)")
        } catch let error as CatalogueExportError {
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        }
    }
}

struct CatalogueSearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Find entries holding every word of TEXT (word beginnings, in Kyrgyz, Russian or English).")

    @Argument(help: "The words to find.") var text: String
    @Option(name: .long, help: "Only this kind.") var kind: CatalogueKind?
    @Option(name: .long, help: "Only entries with this topic (e.g. basic_use).") var topic: String?
    @Option(name: .long, help: "Only entries offered in this place (a district code, or online).") var place: String?
    @Option(name: .long, help: "Only entries aimed at this group (e.g. women).") var group: String?
    @Option(name: .long, help: "table or json.") var format = "table"
    @OptionGroup var options: CatalogueOptions

    func validate() throws {
        guard ["table", "json"].contains(format) else { throw ValidationError("--format must be table or json") }
    }

    func run() async throws {
        let found = try await options.service().search(studyID: options.study, text: text, filter: CatalogueService.Filter(kind: kind, topic: topic, place: place, group: group))
        if format == "json" {
            let data = try JSONSerialization.data(withJSONObject: found.map(CatalogueExport.jsonObject), options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        var rows = [["kind", "id", "name", "state"]]
        rows += found.map { [$0.kind.rawValue, $0.id, $0.name("ru") + ($0.demo ? " [demo]" : ""), $0.reviewState] }
        let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            print(row.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }.joined(separator: "  "))
        }
        print("\(found.count) found")
    }
}
