import Foundation
import Testing
@testable import SanaripInterchange

@Suite struct ZlibTests {
    /// Inputs of many shapes: empty, one byte, text, Cyrillic, repetitive, pseudo-random, over one stored block.
    static func samples() -> [[UInt8]] {
        let random = (0..<70_000).map { UInt8(truncatingIfNeeded: scrambled($0, seed: 2026) >> 24) }
        let json = #"{"general":{"server_url":"https://sanarip.example.kg/key/abc","autosend":"wifi_and_cellular"},"project":{"name":"Санарип — Ысык-Көл"}}"#
        let repetitive = Array(String(repeating: "Ооба/Да/Yes; Жок/Нет/No; ", count: 4000).utf8)
        return [[], [65], Array(json.utf8), repetitive, random, Array(repetitive.prefix(300)) + random.prefix(5000) + repetitive]
    }

    @Test(arguments: [Zlib.Method.stored, .fixedHuffman])
    func pythonInflatesWhatWeCompress(method: Zlib.Method) throws {
        for sample in Self.samples() {
            let compressed = Zlib.compress(sample, method: method)
            let inflated = try Python.inflate(compressed)
            #expect(inflated == sample, "\(method), \(sample.count) bytes: Python's zlib gave back \(inflated.count) bytes")
        }
    }

    @Test func fixedHuffmanCompressesText() throws {
        let text = Array(String(repeating: #"{"server_url":"https://example.org","autosend":"off"},"#, count: 50).utf8)
        let compressed = Zlib.compress(text, method: .fixedHuffman)
        #expect(compressed.count * 5 < text.count, "\(text.count) bytes of repetitive JSON compressed only to \(compressed.count)")
        #expect(try Python.inflate(compressed) == text)
    }

    @Test func checksumsMatchPythonsZlib() throws {
        for sample in Self.samples() {
            let file = ExternalTool.file(".bin")
            try Data(sample).write(to: file)
            let output = try Python.run("import sys, zlib; d = open(sys.argv[1], 'rb').read(); print(zlib.adler32(d), zlib.crc32(d))", [file.path])
            let values = output.split(separator: " ").compactMap { UInt32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            try #require(values.count == 2, "python printed \(output)")
            #expect(Checksum.adler32(sample) == values[0], "Adler-32 of \(sample.count) bytes")
            #expect(Checksum.crc32(sample) == values[1], "CRC-32 of \(sample.count) bytes")
        }
    }
}

/// Deterministic pseudo-random test data: element `index` of the sequence named by `seed`
/// (a multiplicative hash with an xor-shift finish, so any element can be computed on its own).
func scrambled(_ index: Int, seed: UInt64) -> UInt64 {
    var x = (UInt64(truncatingIfNeeded: index) &+ 1) &* 0x2545_F491_4F6C_DD1D ^ seed &* 0x9E37_79B9_7F4A_7C15
    x ^= x >> 33
    x &*= 0xFF51_AFD7_ED55_8CCD
    return x ^ x >> 29
}
