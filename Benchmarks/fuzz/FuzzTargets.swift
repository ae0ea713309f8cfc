// libFuzzer targets for the parsers that read what people upload: XLSX (ZIP + XML), XLSForm (as CSV sheets;
// a form that reads is also written as an XForm), the XLSForm expression language and CSV (the sheet reader,
// the CSV codec and the statistics table reader), and submissions' XML as ODK Collect sends it.
// Built by run.sh with `swiftc -sanitize=fuzzer`; FUZZ_TARGET chooses the target. Every input must end in a
// value or a thrown error: a trap, a crash or a hang over 1 s is a finding.
import Foundation
import SanaripCore
import SanaripInstrument
import SanaripStatistics

/// Small limits, so that inputs claiming huge sizes are refused fast, as the real limits refuse huge files.
let limits: SpreadsheetLimits = {
    var limits = SpreadsheetLimits.default
    limits.maxTotalUncompressedBytes = 4 << 20
    limits.maxEntryBytes = 2 << 20
    limits.maxCells = 50_000
    return limits
}()

/// The sheets of an XLSForm written as CSV texts separated by NUL bytes: survey, choices, settings.
func xlsform(_ data: Data) {
    let parts = data.split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false)
    var sheets: [Sheet] = []
    for (name, part) in zip(["survey", "choices", "settings"], parts) {
        guard let sheet = try? CSVSheetReader(limits: limits).sheet(named: name, data: Data(part), file: "\(name).csv") else { return }
        sheets.append(sheet)
    }
    let result = XLSFormReader().read(Workbook(sheets: sheets, source: "fuzz"))
    if let instrument = try? result.get() {
        _ = try? XFormWriter().xml(for: instrument)
    }
}

/// The form submissions are read against: the field-collection test form (`FUZZ_FORM`, a folder of CSV sheets).
let submissionForm: Instrument? = {
    guard let folder = ProcessInfo.processInfo.environment["FUZZ_FORM"] else { return nil }
    var sheets: [Sheet] = []
    for name in ["survey", "choices", "settings"] {
        guard let data = FileManager.default.contents(atPath: "\(folder)/\(name).csv"),
            let sheet = try? CSVSheetReader(limits: limits).sheet(named: name, data: data, file: "\(name).csv")
        else { continue }
        sheets.append(sheet)
    }
    return try? XLSFormReader().read(Workbook(sheets: sheets, source: folder)).get()
}()

/// A submission's XML as ODK Collect sends it: parsed, then its answers typed against the form.
func submission(_ data: Data) {
    guard let document = try? SubmissionDocument(xml: data), let form = submissionForm else { return }
    _ = document.content(for: form)
}

func target(_ name: String) -> (Data) -> Void {
    switch name {
    case "xlsx":
        return { data in _ = try? XLSXReader(limits: limits).read(data: data, name: "fuzz.xlsx") }
    case "xlsform":
        return xlsform
    case "expression":
        return { data in _ = try? ExpressionParser.parse(String(decoding: data, as: UTF8.self)) }
    case "csv":
        return { data in
            _ = try? CSVCodec().records(in: data)
            _ = try? CSVSheetReader(limits: limits).sheet(named: "survey", data: data, file: "fuzz.csv")
            _ = try? DataTable(csv: data)
        }
    case "submission":
        guard submissionForm != nil else {
            FileHandle.standardError.write(Data("FUZZ_FORM must name a readable form folder\n".utf8))
            exit(2)
        }
        return submission
    default:
        FileHandle.standardError.write(Data("FUZZ_TARGET must be xlsx, xlsform, expression, csv or submission\n".utf8))
        exit(2)
    }
}

nonisolated(unsafe) let run = target(ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? "")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    run(Data(bytes: bytes, count: count))
    return 0
}
