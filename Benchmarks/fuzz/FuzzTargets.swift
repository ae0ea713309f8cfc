// libFuzzer targets for the parsers that read what people upload: XLSX (ZIP + XML), XLSForm (as CSV sheets;
// a form that reads is also written as an XForm), the XLSForm expression language and CSV (the sheet reader,
// the CSV codec and the statistics table reader), submissions' XML as ODK Collect sends it, and the OpenRosa
// server's multipart parser (its source file is compiled into this harness: it needs no NIO).
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

/// The parts a multipart body holds (headers and bytes) or the error it ends in, fed in pieces of the given sizes.
func multipartParts(contentType: String, body: Data, pieces: [Int]) -> String {
    do {
        var parser = try MultipartParser(contentType: contentType)
        var parts: [(headers: String, body: [UInt8])] = []
        var index = body.startIndex, piece = 0
        while index < body.endIndex {
            let end = min(index + pieces[piece % pieces.count], body.endIndex)
            piece += 1
            try parser.feed(body[index..<end]) { event in
                switch event {
                case .partStart(let headers): parts.append(("\(headers.name ?? "-")|\(headers.filename ?? "-")|\(headers.contentType ?? "-")", []))
                case .bodyChunk(let bytes): parts[parts.count - 1].body += bytes
                case .partEnd: parts[parts.count - 1].headers += "|end"
                }
            }
            index = end
        }
        try parser.finish()
        return parts.map { "\($0.headers):\($0.body)" }.joined(separator: "\n")
    } catch {
        return "error: \(error)"
    }
}

/// A multipart request: the first line is its Content-Type, the rest its body. The body is parsed whole, then in
/// pieces whose sizes (1 to 64 bytes) come from the input's hash; the parts or the error must be the same.
func multipart(_ data: Data) {
    let newline = data.firstIndex(of: 0x0A) ?? data.endIndex
    let contentType = String(decoding: data[..<newline], as: UTF8.self)
    let body = newline < data.endIndex ? Data(data[(newline + 1)...]) : Data()
    var state = data.reduce(UInt64(1469598103934665603)) { ($0 ^ UInt64($1)) &* 1099511628211 }
    let pieces = (0..<16).map { _ in
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int(state >> 58) + 1
    }
    let whole = multipartParts(contentType: contentType, body: body, pieces: [max(1, body.count)])
    let split = multipartParts(contentType: contentType, body: body, pieces: pieces)
    if whole != split { fatalError("the pieces a body arrives in changed the parts:\n\(whole)\n---\n\(split)") }
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
    case "multipart":
        return multipart
    default:
        FileHandle.standardError.write(Data("FUZZ_TARGET must be xlsx, xlsform, expression, csv, submission or multipart\n".utf8))
        exit(2)
    }
}

nonisolated(unsafe) let run = target(ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? "")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    run(Data(bytes: bytes, count: count))
    return 0
}
