import Foundation
import Testing
@testable import SanaripInterchange

@Suite struct QRCodeTests {
    /// Decodes a PNG with zbarimg (zbar-tools), the independent reader.
    static func zbarDecode(_ png: [UInt8]) throws -> String {
        let file = ExternalTool.file(".png")
        try Data(png).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let output = try ExternalTool.output("zbarimg", ["--raw", "-q", "-Sdisable", "-Sqrcode.enable", file.path])
        return output.hasSuffix("\n") ? String(output.dropLast()) : output
    }

    /// Base64-like text of `count` characters, the alphabet Collect payloads use.
    static func payload(_ count: Int, seed: UInt64) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")
        return String((0..<count).map { alphabet[Int(scrambled($0, seed: seed) % UInt64(alphabet.count))] })
    }

    /// The most bytes version `version` holds at `correction` in byte mode.
    static func capacity(version: Int, correction: QRErrorCorrection) -> Int {
        QRCode.dataCodewords(version: version, correction: correction) - (version <= 9 ? 2 : 3)
    }

    @Test(arguments: QRErrorCorrection.allCases)
    func zbarReadsEveryVersionFilledToCapacity(correction: QRErrorCorrection) throws {
        for version in 1...40 {
            let text = Self.payload(Self.capacity(version: version, correction: correction), seed: UInt64(version))
            let code = try QRCode(encoding: text, correction: correction)
            #expect(code.version == version, "\(text.count) bytes at \(correction) should need version \(version)")
            #expect(code.size == 17 + 4 * version)
            let scale = version <= 20 ? 4 : 3
            #expect(try Self.zbarDecode(code.png(scale: scale)) == text, "version \(version) \(correction), mask \(code.mask)")
        }
    }

    @Test func oneByteMoreNeedsTheNextVersion() throws {
        for correction in QRErrorCorrection.allCases {
            for version in [1, 9, 10, 26, 39] {
                let text = Self.payload(Self.capacity(version: version, correction: correction) + 1, seed: 7)
                #expect(try QRCode(encoding: text, correction: correction).version == version + 1)
            }
        }
    }

    @Test func zbarReadsEveryMaskAndLevel() throws {
        let text = Self.payload(120, seed: 99)
        for correction in QRErrorCorrection.allCases {
            for mask in 0..<8 {
                let code = try QRCode(encoding: text, correction: correction, mask: mask)
                #expect(code.mask == mask)
                #expect(try Self.zbarDecode(code.png(scale: 4)) == text, "mask \(mask) at \(correction)")
            }
        }
    }

    @Test func zbarReadsUTF8AndManySizes() throws {
        let kyrgyz = "Санарип: Ысык-Көл облусу, санариптик ажырым — аялдар жана жаштар"
        #expect(try Self.zbarDecode(QRCode(encoding: kyrgyz, correction: .medium).png()) == kyrgyz)
        for count in stride(from: 1, through: 1200, by: 37) {
            let text = Self.payload(count, seed: UInt64(count))
            let code = try QRCode(encoding: text, correction: count % 2 == 0 ? .low : .medium)
            #expect(try Self.zbarDecode(code.png(scale: 3)) == text, "\(count) characters, version \(code.version)")
        }
    }

    @Test func choosesTheMaskOfLeastPenalty() throws {
        let text = Self.payload(200, seed: 5)
        let chosen = try QRCode(encoding: text, correction: .medium)
        for mask in 0..<8 {
            let other = try QRCode(encoding: text, correction: .medium, mask: mask)
            var matrix = QRMatrix(version: other.version)
            matrix.modules = other.modules
            var best = QRMatrix(version: chosen.version)
            best.modules = chosen.modules
            #expect(best.penalty() <= matrix.penalty(), "mask \(chosen.mask) chosen but mask \(mask) scores lower")
        }
    }

    @Test func pngDecodesToTheModules() throws {
        let code = try QRCode(encoding: Self.payload(300, seed: 3), correction: .low)
        let file = ExternalTool.file(".png")
        try Data(code.png(scale: 2, border: 4)).write(to: file)
        // Python's zlib checks every chunk's CRC, inflates IDAT and prints the image as rows of 0/1 (1 = black).
        let script = """
        import sys, struct, zlib
        data = open(sys.argv[1], 'rb').read()
        assert data[:8] == b'\\x89PNG\\r\\n\\x1a\\n', 'signature'
        pos, idat, header = 8, b'', None
        while pos < len(data):
            length, kind = struct.unpack('>I4s', data[pos:pos + 8])
            body = data[pos + 8:pos + 8 + length]
            crc, = struct.unpack('>I', data[pos + 8 + length:pos + 12 + length])
            assert zlib.crc32(kind + body) == crc, 'CRC of ' + kind.decode()
            if kind == b'IHDR': header = struct.unpack('>IIBBBBB', body)
            if kind == b'IDAT': idat += body
            pos += 12 + length
        width, height, depth, colour, _, _, _ = header
        assert depth == 1 and colour == 0, 'not 1-bit greyscale'
        raw = zlib.decompress(idat)
        stride = (width + 7) // 8 + 1
        for y in range(height):
            row = raw[y * stride:(y + 1) * stride]
            assert row[0] == 0, 'filter'
            print(''.join('0' if row[1 + x // 8] & (0x80 >> (x % 8)) else '1' for x in range(width)))
        """
        let rows = try Python.run(script, [file.path]).split(separator: "\n").map(String.init)
        let side = (code.size + 8) * 2
        try #require(rows.count == side, "\(rows.count) rows, expected \(side)")
        for (y, row) in rows.enumerated() {
            let expected = String((0..<side).map { x -> Character in
                let mx = x / 2 - 4, my = y / 2 - 4
                return (0..<code.size).contains(mx) && (0..<code.size).contains(my) && code.isDark(x: mx, y: my) ? "1" : "0"
            })
            #expect(row == expected, "pixel row \(y)")
        }
    }

    @Test func refusesContentTooLargeAndBadOptions() throws {
        let tooLong = Self.payload(Self.capacity(version: 40, correction: .low) + 1, seed: 1)
        #expect(throws: QRCodeError.self) { try QRCode(encoding: tooLong, correction: .low) }
        do {
            _ = try QRCode(encoding: tooLong, correction: .low)
        } catch {
            #expect(error.description.contains("do not fit"), "\(error)")
        }
        #expect(throws: QRCodeError.self) { try QRCode(encoding: "x", minimumVersion: 41) }
        #expect(throws: QRCodeError.self) { try QRCode(encoding: "x", mask: 8) }
        #expect(throws: PNGError.self) { try GreyscalePNG(pixels: [[true], [true, false]]) }
    }
}
