import Dispatch
import Foundation
import SanaripCore
import Testing
@testable import SanaripInterchange

/// Cases encoded in runs (``SPSSCases``), on several threads, give the same file as cases appended one at a time.
@Suite struct SPSSCasesTests {
    static let created = CivilDateTime(year: 2026, month: 12, day: 5, hour: 2, minute: 30)

    /// The writer's file of `rows` appended one by one.
    static func oneByOne(_ rows: [[SPSSValue]], compressed: Bool) throws -> Data {
        let url = ExternalTool.file(".sav")
        let writer = try SPSSWriter(url: url, variables: SPSSWriterTests.variables, compressed: compressed, created: created)
        for row in rows { try writer.append(row: row) }
        try writer.finish()
        return try Data(contentsOf: url)
    }

    /// The same rows cut into runs of the given sizes (cycled), each encoded on its own thread, appended in order.
    static func inRuns(_ rows: [[SPSSValue]], sizes: [Int], compressed: Bool) throws -> Data {
        let url = ExternalTool.file(".sav")
        let writer = try SPSSWriter(url: url, variables: SPSSWriterTests.variables, compressed: compressed, created: created)
        var runs: [ArraySlice<[SPSSValue]>] = []
        var start = 0
        while start < rows.count {
            let end = min(rows.count, start + sizes[runs.count % sizes.count])
            runs.append(rows[start..<end])
            start = end
        }
        let encoded = Encoded(count: runs.count)
        let template = writer.makeCases()
        DispatchQueue.concurrentPerform(iterations: runs.count) { [runs] index in
            var cases = template
            encoded.set(index, Result { () throws(SPSSError) in
                for row in runs[index] {
                    for value in row { try cases.append(value) }
                    try cases.endCase()
                }
                return cases
            })
        }
        for result in encoded.results { try writer.append(try #require(result).get()) }
        #expect(writer.rowCount == rows.count)
        try writer.finish()
        return try Data(contentsOf: url)
    }

    /// Results filled in by concurrent iterations, each at its own index.
    final class Encoded: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var results: [Result<SPSSCases, SPSSError>?]
        init(count: Int) { results = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ result: Result<SPSSCases, SPSSError>) { lock.withLock { results[index] = result } }
    }

    @Test(arguments: [true, false])
    func runsOnThreadsWriteTheSameBytesAsOneCaseAtATime(compressed: Bool) throws {
        // 13 variables take 113 units a case, so runs start inside compression blocks at every phase.
        let rows = SPSSWriterTests.rows(count: 301)
        let expected = try Self.oneByOne(rows, compressed: compressed)
        for sizes in [[1], [3, 7], [8], [13, 64, 2], [301]] {
            let actual = try Self.inRuns(rows, sizes: sizes, compressed: compressed)
            #expect(actual == expected, "runs of \(sizes): \(actual.count) bytes, one by one \(expected.count)")
        }
        // And PSPP reads the runs' file with every case.
        let url = ExternalTool.file(".sav")
        try Self.inRuns(rows, sizes: [13, 64, 2], compressed: compressed).write(to: url)
        let data = try PSPP.data(of: url)
        try #require(data.count == rows.count + 1)
        let last = try #require(data.last)
        #expect(last[0] == "\(rows.count)")
    }

    @Test func bytesAndValuesEncodeAlike() throws {
        let writer = try SPSSWriter(url: ExternalTool.file(".sav"), variables: [SPSSVariable(name: "s", kind: .string(width: 300)), SPSSVariable(name: "n")])
        for text in ["", "   ", "Ысык-Көл", String(repeating: "ө", count: 150), String(repeating: "a", count: 300)] {
            var byValue = writer.makeCases(), byBytes = writer.makeCases()
            try byValue.append(.string(text))
            try byValue.append(.missing)
            try byValue.endCase()
            try Array(text.utf8).withUnsafeBufferPointer { bytes in try byBytes.append(utf8: bytes) }
            try byBytes.append(number: .nan)
            try byBytes.endCase()
            #expect(byValue.codes == byBytes.codes && byValue.raw == byBytes.raw, "\(text.prefix(20))…")
        }
        writer.cancel()
    }

    @Test func aValueThatDoesNotFitTakesOnlyItsCaseBack() throws {
        let url = ExternalTool.file(".sav")
        let writer = try SPSSWriter(url: url, variables: [SPSSVariable(name: "n"), SPSSVariable(name: "s", kind: .string(width: 5))])
        var cases = writer.makeCases()
        try cases.append(number: 1)
        try cases.append(.string("ok"))
        try cases.endCase()
        let refused: [(String, (inout SPSSCases) throws -> Void)] = [
            ("holds 5 bytes but the value is 7 bytes", { try $0.append(number: 2); try $0.append(.string("toolong")) }),
            ("is numeric but the value is the text \"x\"", { try $0.append(.string("x")) }),
            ("is a string but the value is the number 3", { try $0.append(number: 2); try $0.append(number: 3) }),
            ("finite numbers only", { try $0.append(number: .infinity) }),
            ("1 values given for 2 variables", { try $0.append(number: 2); try $0.endCase() }),
            ("more values given than the 2 variables", { try $0.append(number: 2); try $0.appendMissing(); try $0.appendMissing() }),
        ]
        for (says, encode) in refused {
            do {
                try encode(&cases)
                Issue.record("accepted: \(says)")
            } catch let error as SPSSError {
                #expect(error.row == 2 && error.description.contains(says), "\(error)")
            }
            #expect(cases.count == 1)
        }
        try cases.append(number: 3)
        #expect(throws: SPSSError.self, "a case begun and not ended") { try writer.append(cases) }
        try cases.append(.string("ай"))
        try cases.endCase()
        try writer.append(cases)
        try writer.finish()
        #expect(try PSPP.data(of: url) == [["n", "s"], ["1", "ok"], ["3", "ай"]])
    }
}
