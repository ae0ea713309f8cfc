/// A QR code (ISO/IEC 18004, model 2) holding bytes in byte mode: versions 1–40, any error correction level,
/// the mask chosen by the standard's penalty rules.
///
/// ```swift
/// let code = try QRCode(encoding: settings.qrPayload(), correction: .low)
/// let png = code.png(scale: 8)
/// ```
public struct QRCode: Sendable, Hashable {
    /// 1 to 40; the symbol is 17 + 4·version modules wide.
    public let version: Int
    public let correction: QRErrorCorrection
    /// The mask pattern applied (0–7).
    public let mask: Int
    /// Modules row by row, true for dark.
    public let modules: [[Bool]]

    /// Modules per side.
    public var size: Int { version * 4 + 17 }

    /// Whether the module at column `x`, row `y` is dark.
    public func isDark(x: Int, y: Int) -> Bool { modules[y][x] }

    /// Encodes `text` as UTF-8 bytes.
    public init(encoding text: String, correction: QRErrorCorrection = .medium, minimumVersion: Int = 1, mask: Int? = nil) throws(QRCodeError) {
        try self.init(encoding: Array(text.utf8), correction: correction, minimumVersion: minimumVersion, mask: mask)
    }

    /// Encodes `bytes` in the smallest version (at least `minimumVersion`) that holds them at `correction`,
    /// with the mask of least penalty unless `mask` (0–7) is given.
    public init(encoding bytes: [UInt8], correction: QRErrorCorrection = .medium, minimumVersion: Int = 1, mask: Int? = nil) throws(QRCodeError) {
        guard (1...40).contains(minimumVersion) else {
            throw QRCodeError("minimum version \(minimumVersion) is out of range; QR codes have versions 1 to 40")
        }
        if let mask, !(0..<8).contains(mask) {
            throw QRCodeError("mask \(mask) is out of range; QR codes have masks 0 to 7")
        }
        guard let version = (minimumVersion...40).first(where: { Self.dataBits(bytes.count, version: $0) <= Self.dataCodewords(version: $0, correction: correction) * 8 }) else {
            let capacity = Self.dataCodewords(version: 40, correction: correction) - 3
            throw QRCodeError("\(bytes.count) bytes do not fit in a QR code at \(correction) error correction (at most \(capacity) bytes); shorten the content or use a lower correction level")
        }
        let codewords = Self.codewords(for: bytes, version: version, correction: correction)
        var matrix = QRMatrix(version: version)
        matrix.drawFunctionPatterns()
        matrix.drawCodewords(codewords)
        var best: (penalty: Int, mask: Int, modules: [[Bool]])?
        for mask in mask.map({ [$0] }) ?? Array(0..<8) {
            var candidate = matrix
            candidate.apply(mask: mask)
            candidate.drawFormatBits(correction: correction, mask: mask)
            let penalty = candidate.penalty()
            if best.map({ penalty < $0.penalty }) ?? true { best = (penalty, mask, candidate.modules) }
        }
        self.version = version
        self.correction = correction
        self.mask = best?.mask ?? 0
        modules = best?.modules ?? matrix.modules
    }

    /// Bits the segment takes: mode, character count, data.
    static func dataBits(_ count: Int, version: Int) -> Int {
        let countBits = version <= 9 ? 8 : 16
        return count < 1 << countBits ? 4 + countBits + count * 8 : Int.max
    }

    /// Modules left for data and error correction once the function patterns are drawn.
    static func rawDataModules(version: Int) -> Int {
        var result = (version * 16 + 128) * version + 64
        if version >= 2 {
            let alignments = version / 7 + 2
            result -= (25 * alignments - 10) * alignments - 55
            if version >= 7 { result -= 36 }
        }
        return result
    }

    static func dataCodewords(version: Int, correction: QRErrorCorrection) -> Int {
        rawDataModules(version: version) / 8 - correction.codewordsPerBlock[version] * correction.blocks[version]
    }

    /// Byte-mode segment, terminator, padding, then the blocks with their error correction, interleaved.
    static func codewords(for bytes: [UInt8], version: Int, correction: QRErrorCorrection) -> [UInt8] {
        let capacity = dataCodewords(version: version, correction: correction) * 8
        var bits: [Bool] = []
        bits.reserveCapacity(capacity)
        func append(_ value: Int, _ count: Int) {
            for i in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> i) & 1 == 1) }
        }
        append(0b0100, 4)
        append(bytes.count, version <= 9 ? 8 : 16)
        for byte in bytes { append(Int(byte), 8) }
        append(0, min(4, capacity - bits.count))
        append(0, (8 - bits.count % 8) % 8)
        var pad = 0xEC
        while bits.count < capacity {
            append(pad, 8)
            pad ^= 0xEC ^ 0x11
        }
        var data = [UInt8](repeating: 0, count: bits.count / 8)
        for (i, bit) in bits.enumerated() where bit { data[i >> 3] |= 1 << (7 - UInt8(i & 7)) }

        let blockCount = correction.blocks[version]
        let eccLength = correction.codewordsPerBlock[version]
        let rawCodewords = rawDataModules(version: version) / 8
        let shortBlocks = blockCount - rawCodewords % blockCount
        let shortLength = rawCodewords / blockCount
        let coder = ReedSolomon(degree: eccLength)
        var blocks: [[UInt8]] = []
        var start = 0
        for i in 0..<blockCount {
            let length = shortLength - eccLength + (i < shortBlocks ? 0 : 1)
            var block = Array(data[start..<(start + length)])
            start += length
            let ecc = coder.remainder(of: block[...])
            if i < shortBlocks { block.append(0) }   // placeholder, skipped when interleaving
            blocks.append(block + ecc)
        }
        var result: [UInt8] = []
        result.reserveCapacity(rawCodewords)
        for i in 0..<(shortLength + 1) {
            for (j, block) in blocks.enumerated() where i != shortLength - eccLength || j >= shortBlocks {
                result.append(block[i])
            }
        }
        return result
    }
}

/// Why content cannot become a QR code.
public struct QRCodeError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String

    init(_ message: String) {
        self.message = message
    }

    public var description: String { "QR code: \(message)" }
}
