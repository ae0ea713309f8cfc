import Foundation
import SanaripCore
import SanaripInterchange

// Usage: SavExportBenchmark sav ROWS OUT.sav      write ROWS cases of a 250-variable form; print time and peak memory
//        SavExportBenchmark csv ROWS OUT.csv      the same cases as CSV, for PSPP to convert in the same run
// The form: 200 single-choice numeric questions with Kyrgyz value labels, 30 text answers (A64),
// 10 dates, 10 select-multiple 0/1 columns.

func variables() -> [SPSSVariable] {
    let choices = (1...5).map { SPSSValueLabel(.number(Double($0)), "Жооп \($0) / Ответ \($0)") } + [SPSSValueLabel(98, "Билбейм")]
    var result: [SPSSVariable] = []
    for i in 1...200 {
        result.append(SPSSVariable(name: "n\(i)", label: "Суроо \(i): санариптик көндүмдөр", valueLabels: choices, missingValues: .values([98])))
    }
    for i in 1...30 { result.append(SPSSVariable(name: "s\(i)", label: "Текст \(i)", kind: .string(width: 64))) }
    for i in 1...10 { result.append(SPSSVariable(name: "d\(i)", label: "Дата \(i)", format: .date)) }
    for i in 1...10 { result.append(SPSSVariable(name: "m\(i)", label: "Тандоо \(i)", format: .f(1, 0), valueLabels: [.init(0, "Жок"), .init(1, "Ооба")])) }
    return result
}

let words = ["Бишкек", "Каракол", "Ош", "интернет", "телефон", "WhatsApp", "окуу", "жумуш"]

func row(_ r: Int) -> [SPSSValue] {
    var values: [SPSSValue] = []
    values.reserveCapacity(250)
    for i in 0..<200 { values.append((r + i) % 17 == 0 ? .missing : .number(Double((r * 31 + i * 7) % 6 + 1))) }
    for i in 0..<30 { values.append(.string("\(words[(r + i) % words.count]) \(r)-\(i)")) }
    for i in 0..<10 { values.append(.number(13_000_000_000 + Double((r + i) % 365) * 86_400)) }
    for i in 0..<10 { values.append(.number(Double((r >> (i % 8)) & 1))) }
    return values
}

func peakMemoryMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// User plus system CPU time of the process: less disturbed than wall time on a shared machine.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

let arguments = CommandLine.arguments
guard arguments.count == 4, let rows = Int(arguments[2]) else {
    FileHandle.standardError.write(Data("usage: SavExportBenchmark sav|csv ROWS OUT\n".utf8))
    exit(2)
}
let output = URL(fileURLWithPath: arguments[3])
let start = Date()
switch arguments[1] {
case "generate":
    var total = 0
    for r in 0..<rows { total &+= row(r).count }
    print("rows \(rows) seconds \(String(format: "%.3f", Date().timeIntervalSince(start))) values \(total) cpu_seconds \(String(format: "%.3f", cpuSeconds()))")
case "sav":
    let writer = try SPSSWriter(url: output, variables: variables())
    for r in 0..<rows { try writer.append(row: row(r)) }
    try writer.finish()
    let seconds = Date().timeIntervalSince(start)
    print("rows \(rows) seconds \(String(format: "%.3f", seconds)) peak_mib \(String(format: "%.1f", peakMemoryMiB())) cpu_seconds \(String(format: "%.3f", cpuSeconds()))")
default:
    FileManager.default.createFile(atPath: output.path, contents: nil)
    let handle = try FileHandle(forWritingTo: output)
    let names = variables().map(\.name)
    try handle.write(contentsOf: Data((names.joined(separator: ",") + "\n").utf8))
    var buffer = ""
    for r in 0..<rows {
        buffer += row(r).map { value -> String in
            switch value {
            case .number(let x): x == x.rounded() ? String(Int64(x)) : String(x)
            case .string(let s): s
            case .missing: ""
            }
        }.joined(separator: ",") + "\n"
        if buffer.utf8.count > 1 << 20 {
            try handle.write(contentsOf: Data(buffer.utf8))
            buffer = ""
        }
    }
    try handle.write(contentsOf: Data(buffer.utf8))
    try handle.close()
}
